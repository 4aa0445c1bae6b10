package spiky.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** GET /api/runs/{id}/baselines on a real embedded database: GDS Louvain, Leiden and FastRP beside the spikes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BaselineRoutesTest {
    @TempDir
    static Path dir;

    private SpikyServer server;
    private String api;

    @BeforeAll
    void start() {
        server = TestServer.start(dir, "dcbm", (db, name) -> {
            // Eight well-separated planted communities (mix 0.1 by default): what a community detector should find.
            db.executeTransactionally("CALL spiky.dcbm.generate($name, {items: 300, contexts: 600, seed: 5})", Map.of("name", name));
            db.executeTransactionally("CALL spiky.pipeline($name, {rank: 16, spkDims: [8, 16]})", Map.of("name", name));
            // A dataset whose PPMI relationships were never written: nothing for GDS to project.
            db.executeTransactionally("CALL spiky.dcbm.generate('unwritten', {items: 100, contexts: 200, seed: 5})");
            db.executeTransactionally("CALL spiky.pipeline('unwritten', {rank: 8, spkDims: [8], writePpmi: false})");
        });
        api = "http://127.0.0.1:" + server.apiPort();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String runOf(String api, String dataset) {
        return Http.get(api + "/api/datasets/" + dataset + "/runs").json().get("runs").get(0).get("id").asText();
    }

    @Test
    void louvainLeidenAndFastRpAreComparedWithTheSpikesAndTheTruth() {
        String id = runOf(api, "dcbm");
        Http.Response r = Http.get(api + "/api/runs/" + id + "/baselines?f=16");
        assertEquals(200, r.status(), r.body());
        JsonNode b = r.json();
        JsonNode run = Http.get(api + "/api/runs/" + id).json();
        assertEquals(id, b.get("run").asText());
        assertEquals(16, b.get("f").asInt());
        assertEquals("dcbm", b.get("dataset").asText());
        assertEquals(id, b.get("ppmiRun").asText(), "the pipeline wrote the PPMI relationships the baselines project");
        assertEquals(300, b.get("nodes").asLong(), "every item of the dataset is a node, isolated or not");
        assertTrue(b.get("relationships").asLong() > 0, r.body());
        assertEquals(run.get("n").asLong(), b.get("items").asLong());
        assertEquals(run.get("spkTable").get(1).get("covered").asLong(), b.get("covered").asLong());

        for (String algorithm : List.of("louvain", "leiden")) {
            JsonNode c = b.get(algorithm);
            assertTrue(c.get("communities").asLong() >= 2, algorithm + ": " + r.body());
            for (String field : List.of("ariSpikesCovered", "ariSpikesAll", "ariTruth")) {
                double v = c.get(field).asDouble();
                assertTrue(c.get(field).isNumber() && v >= -1 && v <= 1, algorithm + "." + field + ": " + r.body());
            }
            for (String field : List.of("nmiSpikesCovered", "nmiSpikesAll", "nmiTruth")) {
                double v = c.get(field).asDouble();
                assertTrue(c.get(field).isNumber() && v >= 0 && v <= 1 + 1e-9, algorithm + "." + field + ": " + r.body());
            }
            // Measured 0.99 for both on this graph (8 planted communities found, one item astray).
            assertTrue(c.get("ariTruth").asDouble() > 0.9, algorithm + " recovers the planted communities: " + r.body());
        }

        // The spikes' own truth comparison is the one GET /truth makes (cypher/truth.cypher), from another query.
        JsonNode truth = Http.get(api + "/api/runs/" + id + "/truth?f=16").json();
        assertEquals(truth.get("ariAll").asDouble(), b.get("spikes").get("ariTruthAll").asDouble(), 1e-9, r.body());
        assertEquals(truth.get("ariCovered").asDouble(), b.get("spikes").get("ariTruthCovered").asDouble(), 1e-9, r.body());
        assertEquals(truth.get("nmiAll").asDouble(), b.get("spikes").get("nmiTruthAll").asDouble(), 1e-9, r.body());
        assertEquals(run.get("spkTable").get(1).get("peaks").asLong(), b.get("spikes").get("peaks").asLong());

        for (String embedding : List.of("fastRP", "spiky")) {
            JsonNode e = b.get(embedding);
            assertEquals(16, e.get("dimension").asInt(), "the run's rank");
            for (String field : List.of("spearmanNormPpmiDegree", "spearmanNormInteractions", "pearsonNormPpmiDegree", "pearsonNormInteractions")) {
                double v = e.get(field).asDouble();
                assertTrue(e.get(field).isNumber() && v >= -1 - 1e-9 && v <= 1 + 1e-9, embedding + "." + field + ": " + r.body());
            }
            assertTrue(e.get("normMin").asDouble() > 0 && e.get("normMin").asDouble() <= e.get("normMax").asDouble(), r.body());
        }
        // The theorem: the SVD norm grows with the PPMI degree (measured Spearman 0.89).
        assertTrue(b.get("spiky").get("spearmanNormPpmiDegree").asDouble() > 0.5, r.body());
        // FastRP's iterations are unit vectors and its default weights sum two of them: its norm is at most 2, and
        // varies far less than the SVD norm does (measured: 1.88 to 2.00, the SVD norm 0.75 to 13.5).
        JsonNode fastRp = b.get("fastRP");
        assertTrue(fastRp.get("normMax").asDouble() <= 2 + 1e-9, r.body());
        JsonNode spiky = b.get("spiky");
        assertTrue(fastRp.get("normMax").asDouble() / fastRp.get("normMin").asDouble()
                < spiky.get("normMax").asDouble() / spiky.get("normMin").asDouble(), r.body());

        // Without ?f= the run's first f' (8): the spike comparison follows f', while everything else is computed
        // again, seeded and single-threaded, and must come out the same. No projection is left behind.
        JsonNode first = Http.get(api + "/api/runs/" + id + "/baselines").json();
        assertEquals(8, first.get("f").asInt(), first.toString());
        assertEquals(run.get("spkTable").get(0).get("covered").asLong(), first.get("covered").asLong());
        for (String algorithm : List.of("louvain", "leiden")) {
            for (String field : List.of("communities", "ariTruth", "nmiTruth")) {
                assertEquals(b.get(algorithm).get(field), first.get(algorithm).get(field), algorithm + "." + field);
            }
        }
        assertEquals(b.get("fastRP"), first.get("fastRP"));
        assertEquals(b.get("spiky"), first.get("spiky"));
        long left = server.database().db().executeTransactionally(
                "CALL gds.graph.list() YIELD graphName WHERE graphName STARTS WITH 'spiky-baselines-' RETURN count(*) AS n",
                Map.of(), res -> (Long) res.next().get("n"));
        assertEquals(0, left, "every projected graph is dropped");
    }

    @Test
    void badRequestsAreTold() {
        String id = runOf(api, "dcbm");
        Http.Response notAnF = Http.get(api + "/api/runs/" + id + "/baselines?f=12");
        assertEquals(400, notAnF.status(), notAnF.body());
        assertTrue(notAnF.json().get("detail").asText().contains("`f`"), notAnF.body());
        Http.Response word = Http.get(api + "/api/runs/" + id + "/baselines?f=abc");
        assertEquals(400, word.status(), word.body());
        assertTrue(word.json().get("detail").asText().contains("`f`"), word.body());

        Http.Response unknown = Http.get(api + "/api/runs/dcbm-99/baselines");
        assertEquals(404, unknown.status(), unknown.body());
        assertEquals(404, unknown.json().get("status").asInt());
        assertTrue(unknown.json().get("detail").asText().contains("dcbm-99"), unknown.body());

        Http.Response unwritten = Http.get(api + "/api/runs/" + runOf(api, "unwritten") + "/baselines");
        assertEquals(409, unwritten.status(), unwritten.body());
        assertEquals("Conflict", unwritten.json().get("title").asText());
        assertTrue(unwritten.json().get("detail").asText().contains("no PPMI relationships"), unwritten.body());
    }
}
