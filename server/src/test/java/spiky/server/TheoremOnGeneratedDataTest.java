package spiky.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4's "done when", through the HTTP API: on a generated DCBM with K = 8, 2,000 items, 5,000
 * contexts, mix 0.1 and power-law exponent 1.5 (fixed seed), embedded with the pipeline's
 * defaults (rank 128) and the paper's randomized SVD, the report at f' = 16 shows the theorem: spikes are the
 * planted communities (ARI over covered items at least 0.7) and the norm orders the items of a
 * community by their degree parameter (mean Spearman(norm, theta) at least 0.8).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TheoremOnGeneratedDataTest {
    @TempDir
    static Path dir;

    private SpikyServer server;
    private String api;
    private String run;

    @BeforeAll
    void start() {
        server = TestServer.start(dir, "dcbm", (db, name) -> {
            db.executeTransactionally("CALL spiky.dcbm.generate($name, {communities: 8, items: 2000, contexts: 5000, mix: 0.1, "
                    + "exponent: 1.5, seed: 42})", Map.of("name", name));
            db.executeTransactionally("CALL spiky.pipeline($name, {method: 'randomized'})", Map.of("name", name));
        });
        api = "http://127.0.0.1:" + server.apiPort();
        run = Http.get(api + "/api/datasets/dcbm/runs").json().get("runs").get(0).get("id").asText();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void atFPrime16SpikesAreThePlantedCommunitiesAndTheNormRanksTheta() {
        Http.Response r = Http.get(api + "/api/runs/" + run + "/truth?f=16");
        assertEquals(200, r.status(), r.body());
        JsonNode t = r.json();
        assertTrue(t.get("planted").asBoolean());
        assertEquals(2000, t.get("items").asLong(), "every generated item is embedded");
        assertTrue(t.get("ariCovered").asDouble() >= 0.7, "ARI over covered items: " + t.get("ariCovered"));
        assertTrue(t.get("meanSpearmanNormTheta").asDouble() >= 0.8, "mean Spearman(norm, theta): " + t.get("meanSpearmanNormTheta"));
        // The fitted DCBM says the same without looking at the truth: assortative blocks.
        JsonNode fitted = t.get("fitted");
        assertTrue(fitted.get("withinShare").asDouble() > 0.8, fitted.toString());
        assertTrue(fitted.get("meanSpearmanNormTheta").asDouble() >= 0.8, fitted.toString());
    }
}
