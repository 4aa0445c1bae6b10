package spiky.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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

/**
 * GET /api/runs/{id}/items/{item} and GET /api/runs/{id}/forecast on a generated DCBM whose
 * contexts arrive one a minute, with four snapshots and the forecast written on the latest:
 * the answers agree with what the database holds, 404 / 400 as the other routes, and a new
 * forecast is not hidden by the report cache.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForecastRoutesTest {
    private static final long T0 = 1_600_000_000L;

    @TempDir
    static Path dir;

    private SpikyServer server;
    private String api;
    private List<String> runs;

    @BeforeAll
    void start() {
        server = TestServer.start(dir, "timed", (db, name) -> {
            db.executeTransactionally("CALL spiky.dcbm.generate($name, {communities: 4, items: 300, contexts: 800, seed: 5})", Map.of("name", name));
            db.executeTransactionally("CALL spiky.snapshots($name, {cuts: [$a, $b, $c, $d], rank: 8, spkDims: [8]})", Map.of("name", name,
                    "a", T0 + 60 * 349, "b", T0 + 60 * 499, "c", T0 + 60 * 649, "d", T0 + 60 * 799));
            db.executeTransactionally("CALL spiky.stability.forecast($name, {k: 10})", Map.of("name", name));
        });
        api = "http://127.0.0.1:" + server.apiPort();
        runs = query("MATCH (r:EmbeddingRun {dataset: 'timed'}) RETURN r.id AS id ORDER BY r.until").stream().map(r -> (String) r.get("id")).toList();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private List<Map<String, Object>> query(String cypher) {
        return query(cypher, Map.of());
    }

    private List<Map<String, Object>> query(String cypher, Map<String, Object> params) {
        return server.database().db().executeTransactionally(cypher, params, r -> {
            List<Map<String, Object>> rows = new java.util.ArrayList<>();
            r.forEachRemaining(rows::add);
            return rows;
        });
    }

    @Test
    void anItemOfTheLatestRunCarriesItsForecastNormQuantileAndInteractions() {
        String latest = runs.get(3);
        List<Map<String, Object>> stored = query("""
                MATCH (i:Item)-[:HAS_EMBEDDING]->(e:Embedding {run: $run})
                RETURN i.id AS item, e.norm AS norm, e.stabilityForecast AS forecast, e.spike8 AS spike,
                       COUNT { (i)-[x:IN]->() WHERE x.timestamp <= $until } AS interactions
                ORDER BY e.norm, i.id
                """, Map.of("run", latest, "until", T0 + 60 * 799));
        for (int at : new int[] {0, stored.size() / 2, stored.size() - 1}) {
            Map<String, Object> s = stored.get(at);
            Http.Response r = Http.get(api + "/api/runs/" + latest + "/items/" + s.get("item"));
            assertEquals(200, r.status(), r.body());
            JsonNode b = r.json();
            assertEquals(String.valueOf(s.get("item")), b.get("item").asText());
            assertEquals(latest, b.get("run").asText());
            assertEquals(((Number) s.get("forecast")).doubleValue(), b.get("stabilityForecast").asDouble(), 0.0);
            assertEquals(((Number) s.get("norm")).doubleValue(), b.get("norm").asDouble(), 0.0);
            assertEquals((double) at / (stored.size() - 1), b.get("normQuantile").asDouble(), 1e-12, "rank by norm over n - 1");
            assertEquals(((Number) s.get("interactions")).longValue(), b.get("interactions").asLong());
            assertEquals(1, b.get("spikes").size());
            assertEquals(8, b.get("spikes").get(0).get("f").asInt());
            assertEquals(s.get("spike") == null ? "null" : String.valueOf(s.get("spike")), b.get("spikes").get(0).get("spike").asText());
        }
        // An earlier snapshot embeds the item too, without a forecast.
        Object item = stored.get(stored.size() - 1).get("item");
        Http.Response early = Http.get(api + "/api/runs/" + runs.get(2) + "/items/" + item);
        if (early.status() == 200) {
            assertTrue(early.json().get("stabilityForecast").isNull(), early.body());
            long now = ((Number) stored.get(stored.size() - 1).get("interactions")).longValue();
            assertTrue(early.json().get("interactions").asLong() <= now, "fewer interactions up to an earlier moment: " + early.body());
        }
    }

    @Test
    void unknownItemsAndRunsAre404() {
        String latest = runs.get(3);
        Http.Response noItem = Http.get(api + "/api/runs/" + latest + "/items/999999");
        assertEquals(404, noItem.status(), noItem.body());
        assertTrue(noItem.json().get("detail").asText().contains("No item '999999'"), noItem.body());
        assertEquals(404, Http.get(api + "/api/runs/" + latest + "/items/07").status(), "'07' is not item 7");
        assertEquals(404, Http.get(api + "/api/runs/timed-99/items/1").status());
        assertEquals(404, Http.get(api + "/api/runs/timed-99/forecast").status());
    }

    @Test
    void theForecastReportHoldsTheBacktestAndTheForecastByNormBin() {
        String latest = runs.get(3);
        Http.Response r = Http.get(api + "/api/runs/" + latest + "/forecast?bins=5");
        assertEquals(200, r.status(), r.body());
        JsonNode b = r.json();
        Map<String, Object> record = query("MATCH (r:EmbeddingRun {id: $id}) RETURN r.forecastMae AS mae, r.forecastBaselineMae AS base, r.n AS n",
                Map.of("id", latest)).get(0);
        assertEquals(((Number) record.get("mae")).doubleValue(), b.get("mae").asDouble(), 0.0);
        assertEquals(((Number) record.get("base")).doubleValue(), b.get("baselineMae").asDouble(), 0.0);
        assertEquals("regression", b.get("model").asText());
        assertEquals(10, b.get("k").asInt());
        assertEquals(4, b.get("runs").size());
        JsonNode bins = b.get("bins");
        assertEquals(5, bins.size());
        long items = 0;
        double previousMax = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < bins.size(); i++) {
            JsonNode bin = bins.get(i);
            assertEquals(i + 1, bin.get("bin").asInt());
            assertTrue(bin.get("normMin").asDouble() >= previousMax, "bins by ascending norm: " + bins);
            previousMax = bin.get("normMax").asDouble();
            double lo = bin.get("forecastMin").asDouble();
            double hi = bin.get("forecastMax").asDouble();
            double mean = bin.get("forecastMean").asDouble();
            assertTrue(0 <= lo && lo <= mean && mean <= hi && hi <= 1, bin.toString());
            items += bin.get("items").asLong();
        }
        assertEquals(b.get("items").asLong(), items);
        long embedded = ((Number) query("MATCH (e:Embedding {run: $id}) RETURN count(e) AS c", Map.of("id", latest)).get(0).get("c")).longValue();
        assertEquals(embedded, items, "every embedded item of the run has a forecast");
    }

    @Test
    void runsWithoutAForecastAndBadBinsAreRefused() {
        Http.Response none = Http.get(api + "/api/runs/" + runs.get(1) + "/forecast");
        assertEquals(404, none.status(), none.body());
        assertTrue(none.json().get("detail").asText().contains("has no stability forecast"), none.body());
        for (String bad : List.of("0", "101", "ten")) {
            Http.Response r = Http.get(api + "/api/runs/" + runs.get(3) + "/forecast?bins=" + bad);
            assertEquals(400, r.status(), bad + ": " + r.body());
            assertTrue(r.json().get("detail").asText().contains("bins"), r.body());
        }
    }

    @Test
    void aNewForecastIsNotHiddenByTheCache() {
        String url = api + "/api/runs/" + runs.get(3) + "/forecast?bins=3";
        Http.Response first = Http.get(url);
        assertEquals(200, first.status(), first.body());
        Http.Response second = Http.get(url);
        assertEquals("hit", second.header("X-Spiky-Cache"));
        assertEquals(first.body(), second.body());
        server.database().db().executeTransactionally("CALL spiky.stability.forecast('timed', {k: 10, model: 'bins'})");
        Http.Response third = Http.get(url);
        assertEquals(200, third.status(), third.body());
        assertEquals("miss", third.header("X-Spiky-Cache"));
        assertEquals("bins", third.json().get("model").asText());
        assertNotEquals(first.body(), third.body());
        server.database().db().executeTransactionally("CALL spiky.stability.forecast('timed', {k: 10})");
    }
}
