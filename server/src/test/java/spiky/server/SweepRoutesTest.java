package spiky.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** GET /api/runs/{id}/sweep on a generated DCBM with 6 communities: the procedure's rows, cached, and its errors. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SweepRoutesTest {
    @TempDir
    static Path dir;

    private SpikyServer server;
    private String api;
    private String run;

    @BeforeAll
    void start() {
        server = TestServer.start(dir, "dcbm", (db, name) -> {
            db.executeTransactionally("CALL spiky.dcbm.generate($name, {communities: 6, items: 900, contexts: 2500, maxLength: 30, mix: 0.1, seed: 9})",
                    Map.of("name", name));
            db.executeTransactionally("CALL spiky.pipeline($name, {rank: 24, spkDims: [8, 24]})", Map.of("name", name));
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

    private List<Map<String, Object>> procedure(Map<String, Object> config) {
        return server.database().db().executeTransactionally("CALL spiky.spikes.sweep($run, $config)", Map.of("run", run, "config", config),
                result -> {
                    List<Map<String, Object>> rows = new ArrayList<>();
                    result.forEachRemaining(rows::add);
                    return rows;
                });
    }

    @Test
    void theAnswerIsTheProceduresLevelsAndRecommendationAndIsCached() {
        Http.Response r = Http.get(api + "/api/runs/" + run + "/sweep");
        assertEquals(200, r.status(), r.body());
        assertEquals("miss", r.header("X-Spiky-Cache"), r.body());
        JsonNode body = r.json();
        List<Map<String, Object>> rows = procedure(Map.of());
        JsonNode levels = body.get("levels");
        assertEquals(24, levels.size(), r.body());
        for (int d = 0; d < 24; d++) {
            JsonNode level = levels.get(d);
            Map<String, Object> row = rows.get(d);
            assertEquals(d + 1, level.get("f").asInt());
            assertEquals(row.get("peaks"), level.get("peaks").asLong(), r.body());
            assertEquals(row.get("covered"), level.get("covered").asLong(), r.body());
            assertEquals((Double) row.get("spk"), level.get("spk").asDouble(), 0.0, r.body());
        }
        assertEquals(rows.get(0).get("recommendedF"), body.get("recommendedF").asLong(), r.body());
        assertEquals(rows.get(0).get("rule"), body.get("rule").asText(), r.body());
        long f = body.get("recommendedF").asLong();
        assertTrue(f >= 5 && f <= 9, "6 planted communities: " + r.body());
        Http.Response again = Http.get(api + "/api/runs/" + run + "/sweep");
        assertEquals("hit", again.header("X-Spiky-Cache"), again.body());
        assertEquals(r.body(), again.body());
    }

    @Test
    void stepAndMaxFChooseTheLevels() {
        Http.Response r = Http.get(api + "/api/runs/" + run + "/sweep?step=5&maxF=17");
        assertEquals(200, r.status(), r.body());
        List<Integer> fs = new ArrayList<>();
        r.json().get("levels").forEach(l -> fs.add(l.get("f").asInt()));
        assertEquals(List.of(5, 10, 15, 17), fs);
        assertEquals(17, r.json().get("maxF").asInt());
    }

    @Test
    void badParametersAre400AndAnUnknownRun404() {
        for (String query : List.of("maxF=0", "maxF=25", "step=0", "step=x", "maxF=1.5")) {
            Http.Response r = Http.get(api + "/api/runs/" + run + "/sweep?" + query);
            assertEquals(400, r.status(), query + ": " + r.body());
            String name = query.substring(0, query.indexOf('='));
            assertTrue(r.json().get("detail").asText().contains(name), query + ": " + r.body());
        }
        Http.Response unknown = Http.get(api + "/api/runs/nope-1/sweep");
        assertEquals(404, unknown.status(), unknown.body());
        assertTrue(unknown.json().get("detail").asText().contains("nope-1"), unknown.body());
    }
}
