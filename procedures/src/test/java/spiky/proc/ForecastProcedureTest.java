package spiky.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.graphdb.QueryExecutionException;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.TestDatabase;
import spiky.graph.ForecastWriter;
import spiky.graph.SnapshotReader;

/**
 * spiky.stability.forecast on a generated DCBM whose contexts arrive one a minute (context j at
 * 1600000000 + 60·(j−1)), with four snapshots: the forecast lands on the latest snapshot run only,
 * in [0, 1], with the backtest on the run node; the stats mode writes nothing; too few snapshots,
 * a bad key, a run of another dataset are refused; a failed write puts the previous values back.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ForecastProcedureTest {
    private static final long T0 = 1_600_000_000L;

    private TestDatabase db;
    private List<String> runs;
    private Map<String, Object> row;

    @BeforeAll
    void start(@TempDir Path dir) {
        db = new TestDatabase(dir);
        db.run("CALL spiky.dcbm.generate('timed', {communities: 6, items: 600, contexts: 1600, seed: 8})");
        db.run("CALL spiky.dcbm.generate('pair', {communities: 3, items: 200, contexts: 400, seed: 2})");
        runs = db.run("CALL spiky.snapshots('timed', {cuts: [$a, $b, $c, $d], rank: 16, spkDims: [8, 16]}) YIELD runId RETURN runId",
                Map.of("a", T0 + 60 * 699, "b", T0 + 60 * 999, "c", T0 + 60 * 1299, "d", T0 + 60 * 1599)).stream()
                .map(r -> (String) r.get("runId")).toList();
        db.run("CALL spiky.pipeline('timed', {rank: 16, spkDims: [8, 16]})"); // a full run, not a snapshot: not learnt from
        db.run("CALL spiky.snapshots('pair', {cuts: [$a, $b], rank: 8, spkDims: [8]})", Map.of("a", T0 + 60 * 199, "b", T0 + 60 * 399));
        row = db.run("CALL spiky.stability.forecast('timed', {k: 20, seed: 3})").get(0);
        System.out.println("forecast on 'timed': " + row);
    }

    @AfterAll
    void stop() {
        if (db != null) {
            db.close();
        }
    }

    private long n(String run) {
        return ((Number) db.run("MATCH (r:EmbeddingRun {id: $id}) RETURN r.n AS n", Map.of("id", run)).get(0).get("n")).longValue();
    }

    @Test
    void theForecastIsWrittenOnTheLatestSnapshotRunOnlyAndLiesInZeroOne() {
        String latest = runs.get(3);
        assertEquals(latest, row.get("runId"));
        assertEquals(runs, row.get("runs"), "the snapshot runs by moment; the full run is left out");
        assertEquals(n(latest), row.get("written"));
        assertEquals(n(latest), row.get("items"));
        List<Map<String, Object>> written = db.run("""
                MATCH (e:Embedding) WHERE e.dataset = 'timed' AND e.stabilityForecast IS NOT NULL
                RETURN e.run AS run, count(*) AS c, min(e.stabilityForecast) AS lo, max(e.stabilityForecast) AS hi,
                       avg(e.stabilityForecast) AS mean
                """);
        assertEquals(1, written.size(), "one run holds forecasts: " + written);
        Map<String, Object> w = written.get(0);
        assertEquals(latest, w.get("run"));
        assertEquals(n(latest), w.get("c"));
        double lo = ((Number) w.get("lo")).doubleValue();
        double hi = ((Number) w.get("hi")).doubleValue();
        assertTrue(lo >= 0 && hi <= 1 && lo < hi, "forecasts in [0, 1] and not all equal: " + lo + " .. " + hi);
        assertEquals(((Number) row.get("forecastMean")).doubleValue(), ((Number) w.get("mean")).doubleValue(), 1e-9);
    }

    @Test
    void theBacktestIsFittedOnTheEarlierPairsAndTestedOnTheLast() {
        assertEquals(4L, row.get("snapshots"));
        assertEquals(2L, row.get("trainPairs"));
        assertEquals(n(runs.get(2)), row.get("testRows"), "every item of the third snapshot, over the last pair");
        assertEquals("regression", row.get("model"));
        assertEquals(20L, row.get("k"));
        assertEquals("cosine", row.get("metric"));
        double mae = ((Number) row.get("mae")).doubleValue();
        double baseline = ((Number) row.get("baselineMae")).doubleValue();
        assertTrue(mae > 0 && mae < 1 && baseline > 0 && baseline < 1, row.toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> byModel = (Map<String, Object>) row.get("maeByModel");
        assertEquals(java.util.Set.of("mean", "bins", "isotonic", "regression"), byModel.keySet());
        assertEquals(baseline, ((Number) byModel.get("mean")).doubleValue(), 1e-12, "the mean model is the baseline");
        assertEquals(mae, ((Number) byModel.get("regression")).doubleValue(), 1e-12);
        @SuppressWarnings("unchecked")
        Map<String, Object> spearman = (Map<String, Object>) row.get("spearmanByModel");
        assertNull(spearman.get("mean"), "a constant forecast has no rank correlation");
        double rho = ((Number) row.get("spearman")).doubleValue();
        assertTrue(rho >= -1 && rho <= 1, row.toString());
        @SuppressWarnings("unchecked")
        List<String> features = (List<String>) row.get("features");
        assertTrue(features.contains("normQuantile"), features.toString());
        assertTrue(!features.contains("gapDays"), "three equal gaps carry no information: " + features);
        Map<String, Object> record = db.run("MATCH (r:EmbeddingRun {id: $id}) RETURN r.forecastMae AS mae, r.forecastModel AS model, "
                + "r.forecastBaselineMae AS baseline, r.forecastRuns AS runs", Map.of("id", runs.get(3))).get(0);
        assertEquals(mae, ((Number) record.get("mae")).doubleValue(), 0);
        assertEquals(baseline, ((Number) record.get("baseline")).doubleValue(), 0);
        assertEquals("regression", record.get("model"));
        assertEquals(runs, Arrays.asList((String[]) record.get("runs")));
    }

    @Test
    void theStatsModeGivesTheSameBacktestAndWritesNothing() {
        long before = properties();
        Map<String, Object> stats = db.run("CALL spiky.stability.forecast.stats('timed', {k: 20, seed: 3, model: 'isotonic'})").get(0);
        assertEquals(before, properties());
        assertEquals(0L, stats.get("written"));
        assertEquals("isotonic", stats.get("model"));
        @SuppressWarnings("unchecked")
        Map<String, Object> written = (Map<String, Object>) row.get("maeByModel");
        assertEquals(((Number) written.get("isotonic")).doubleValue(), ((Number) stats.get("mae")).doubleValue(), 1e-12,
                "the same data and seed give the same backtest");
    }

    private long properties() {
        return ((Number) db.run("MATCH (n) RETURN sum(size(keys(n))) AS p").get(0).get("p")).longValue();
    }

    @Test
    void badRequestsAreRefusedWithTheirReason() {
        long before = properties();
        assertTrue(failure("CALL spiky.stability.forecast('pair', {})").contains("at least 3 snapshot runs of dataset 'pair'"));
        assertTrue(failure("CALL spiky.stability.forecast('pair', {})").contains("found 2"));
        assertTrue(failure("CALL spiky.stability.forecast('nope', {})").contains("no dataset 'nope'"));
        assertTrue(failure("CALL spiky.stability.forecast('timed', {modle: 'mean'})").contains("Did you mean [model]"));
        assertTrue(failure("CALL spiky.stability.forecast('timed', {k: 0})").contains("k"));
        String pairRun = (String) db.run("MATCH (r:EmbeddingRun {dataset: 'pair'}) RETURN r.id AS id LIMIT 1").get(0).get("id");
        assertTrue(failure("CALL spiky.stability.forecast('timed', {runs: [$a, $b, $c]})", Map.of("a", runs.get(0), "b", runs.get(1), "c", pairRun))
                .contains("embeds dataset 'pair'"));
        String full = (String) db.run("MATCH (d:Dataset {name: 'timed'}) RETURN d.latestRun AS id").get(0).get("id");
        assertTrue(failure("CALL spiky.stability.forecast('timed', {runs: [$a, $b, $c]})", Map.of("a", runs.get(0), "b", runs.get(1), "c", full))
                .contains("not a snapshot"));
        assertEquals(before, properties(), "refused calls write nothing");
    }

    @Test
    void bothModesDocumentEveryKey() {
        for (String name : List.of("spiky.stability.forecast", "spiky.stability.forecast.stats")) {
            String doc = (String) db.run("SHOW PROCEDURES YIELD name, description WHERE name = $n RETURN description", Map.of("n", name))
                    .get(0).get("description");
            assertTrue(doc.startsWith(name + "(dataset :: STRING"), doc);
            for (String key : spiky.algo.stability.ForecastConfig.KEYS) {
                assertTrue(doc.contains(key + " ("), name + " does not document " + key + ": " + doc);
            }
        }
    }

    @Test
    void aWriteThatFailsPutsThePreviousForecastsBack() {
        String latest = runs.get(3);
        long[] nodes = SnapshotReader.read(db.db(), "timed", List.of(latest), Progress.NONE, () -> {}).embeddingNodes().get(0);
        List<Object> before = forecasts(latest);
        double[] zeros = new double[nodes.length];
        // The run record goes last; a run that does not exist makes it fail after every batch of embeddings was written.
        assertThrows(InvalidInputException.class, () -> new ForecastWriter(db.db(), Progress.NONE).write("no-such-run", nodes, zeros,
                Map.of("forecastModel", "mean")));
        assertEquals(before, forecasts(latest));
        assertTrue(before.stream().anyMatch(x -> ((Number) x).doubleValue() != 0.0));
    }

    private List<Object> forecasts(String run) {
        return db.run("MATCH (e:Embedding {run: $r}) RETURN e.stabilityForecast AS f ORDER BY e.item", Map.of("r", run)).stream()
                .map(r -> r.get("f")).toList();
    }

    private String failure(String cypher) {
        return failure(cypher, Map.of());
    }

    private String failure(String cypher, Map<String, Object> params) {
        return assertThrows(QueryExecutionException.class, () -> db.run(cypher, params)).getMessage();
    }
}
