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

/** GET /api/runs/{id}/items/{item}/similar on a small generated DCBM, against a brute force over the stored vectors. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimilarRoutesTest {
    @TempDir
    static Path dir;

    private SpikyServer server;
    private String api;
    private String run;
    private BruteForceSimilar reference;

    @BeforeAll
    void start() {
        server = TestServer.start(dir, "dcbm", (db, name) -> {
            db.executeTransactionally("CALL spiky.dcbm.generate($name, {items: 300, contexts: 500, seed: 4})", Map.of("name", name));
            db.executeTransactionally("CALL spiky.pipeline($name, {rank: 16, spkDims: [8, 16]})", Map.of("name", name));
        });
        api = "http://127.0.0.1:" + server.apiPort();
        run = Http.get(api + "/api/datasets/dcbm/runs").json().get("runs").get(0).get("id").asText();
        reference = new BruteForceSimilar(server.database().db(), run, "spike8");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String url(Object item, String query) {
        return api + "/api/runs/" + run + "/items/" + item + "/similar" + query;
    }

    @Test
    void listsEqualTheBruteForceForBothMetrics() {
        for (int q : new int[] {0, 17, 101}) {
            Object id = reference.rows.get(q).item();
            for (String metric : List.of("cosine", "dot")) {
                for (int f : new int[] {16, 8}) {
                    Http.Response r = Http.get(url(id, "?metric=" + metric + "&k=7&f=" + f));
                    assertEquals(200, r.status(), r.body());
                    JsonNode body = r.json();
                    assertEquals(run, body.get("run").asText());
                    assertEquals(String.valueOf(id), body.get("item").asText());
                    assertEquals(metric, body.get("metric").asText());
                    assertEquals(7, body.get("k").asInt());
                    assertEquals(f, body.get("f").asInt());
                    JsonNode similar = body.get("similar");
                    List<BruteForceSimilar.Scored> want = reference.top(q, 7, metric, f);
                    assertEquals(want.size(), similar.size(), r.body());
                    for (int i = 0; i < want.size(); i++) {
                        BruteForceSimilar.Stored s = reference.rows.get(want.get(i).row());
                        JsonNode g = similar.get(i);
                        assertEquals(i + 1, g.get("rank").asInt(), r.body());
                        assertEquals(String.valueOf(s.item()), g.get("item").asText(), r.body());
                        assertEquals(want.get(i).score(), g.get("score").asDouble(), 1e-9 * Math.max(1, Math.abs(want.get(i).score())), r.body());
                        assertEquals(s.norm(), g.get("norm").asDouble(), 0.0, r.body());
                        assertEquals(s.spike() == null ? "null" : String.valueOf(s.spike()), g.get("spike").asText(), r.body());
                        assertTrue(g.has("name"), r.body());
                    }
                }
            }
        }
    }

    @Test
    void defaultsAreCosineTenAndTheRunsRankAndTheReportIsCached() {
        Object id = reference.rows.get(5).item();
        Http.Response first = Http.get(url(id, ""));
        assertEquals(200, first.status(), first.body());
        JsonNode body = first.json();
        assertEquals("cosine", body.get("metric").asText());
        assertEquals(10, body.get("k").asInt());
        assertEquals(16, body.get("f").asInt());
        assertEquals(10, body.get("similar").size());
        Http.Response second = Http.get(url(id, ""));
        assertEquals("hit", second.header("X-Spiky-Cache"), second.body());
        assertEquals(first.body(), second.body());
    }

    @Test
    void cosineAndDotListsAreComparedByNormQuintile() {
        Http.Response r = Http.get(api + "/api/runs/" + run + "/similar-discovery?sample=20&k=5");
        assertEquals(200, r.status(), r.body());
        com.fasterxml.jackson.databind.JsonNode quintiles = r.json().get("quintiles");
        assertEquals(5, quintiles.size(), r.body());
        long sampled = 0;
        double previousPopularity = Double.MAX_VALUE;
        for (int q = 0; q < quintiles.size(); q++) {
            com.fasterxml.jackson.databind.JsonNode row = quintiles.get(q);
            assertEquals(q + 1, row.get("quintile").asInt());
            sampled += row.get("sampled").asLong();
            double overlap = row.get("meanOverlap").asDouble();
            assertTrue(overlap >= 0 && overlap <= 1, row.toString());
            assertTrue(row.get("cosineMeanInteractions").asDouble() > 0 && row.get("dotMeanInteractions").asDouble() > 0, row.toString());
            previousPopularity = row.get("meanInteractions").asDouble();
        }
        assertEquals(20, sampled, "the sample spreads over all quintiles");
        assertTrue(previousPopularity > 0);
        assertEquals(400, Http.get(api + "/api/runs/" + run + "/similar-discovery?sample=1").status());
        assertEquals(404, Http.get(api + "/api/runs/nope-1/similar-discovery").status());
    }

    @Test
    void unknownRunsAndItemsAre404AndBadParameters400() {
        Object id = reference.rows.get(0).item();
        Http.Response noRun = Http.get(api + "/api/runs/dcbm-99/items/" + id + "/similar");
        assertEquals(404, noRun.status(), noRun.body());
        assertTrue(noRun.json().get("detail").asText().contains("dcbm-99"), noRun.body());
        Http.Response noItem = Http.get(url("999999", ""));
        assertEquals(404, noItem.status(), noItem.body());
        assertTrue(noItem.json().get("detail").asText().contains("'999999'"), noItem.body());
        Http.Response text = Http.get(url("abc", ""));
        assertEquals(404, text.status(), text.body());
        Http.Response padded = Http.get(url("0" + id, "")); // "07" is not item 7
        assertEquals(404, padded.status(), padded.body());
        long unembedded = server.database().db().executeTransactionally("MATCH (i:Item {dataset: 'dcbm'}) "
                + "WHERE NOT EXISTS { (i)-[:HAS_EMBEDDING]->(:Embedding {run: $run}) } RETURN count(i) AS c", Map.of("run", run),
                r -> (Long) r.next().get("c"));
        if (unembedded > 0) {
            Object lonely = server.database().db().executeTransactionally("MATCH (i:Item {dataset: 'dcbm'}) "
                    + "WHERE NOT EXISTS { (i)-[:HAS_EMBEDDING]->(:Embedding {run: $run}) } RETURN i.id AS id LIMIT 1", Map.of("run", run),
                    r -> r.next().get("id"));
            Http.Response notEmbedded = Http.get(url(lonely, ""));
            assertEquals(404, notEmbedded.status(), notEmbedded.body());
            assertTrue(notEmbedded.json().get("detail").asText().contains("not embedded"), notEmbedded.body());
        }
        for (String[] bad : new String[][] {{"?metric=cos", "metric"}, {"?k=0", "k"}, {"?k=x", "k"}, {"?f=17", "f"}, {"?f=0", "f"}}) {
            Http.Response r = Http.get(url(id, bad[0]));
            assertEquals(400, r.status(), bad[0] + ": " + r.body());
            assertTrue(r.json().get("detail").asText().contains("`" + bad[1] + "`"), r.body());
        }
        assertTrue(Http.get(url(id, "?metric=cos")).json().get("detail").asText().contains("[cosine, dot]"));
    }
}
