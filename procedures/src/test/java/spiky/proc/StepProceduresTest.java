package spiky.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.graphdb.QueryExecutionException;
import spiky.TestDatabase;
import spiky.algo.pipeline.PipelineConfig;
import spiky.algo.pipeline.PpmiStepConfig;
import spiky.algo.pipeline.SpikeStepConfig;
import spiky.algo.pipeline.SvdStepConfig;
import spiky.algo.pipeline.SweepStepConfig;
import spiky.algo.similar.SimilarConfig;
import spiky.algo.stability.ForecastConfig;
import spiky.config.Setting;
import spiky.config.SettingsTable;

/**
 * The step procedures (spiky.ppmi.*, spiky.svd.*, spiky.spikes.*) against spiky.pipeline on one
 * generated DCBM: run step by step with the same config they must reproduce its PPMI matrix,
 * singular values and Spk table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StepProceduresTest {
    private static final Map<String, Object> SVD = Map.of("rank", 32);
    private static final Map<String, Object> SPIKES = Map.of("spkDims", List.of(16, 32));

    private TestDatabase db;
    private Map<String, Object> pipeline;
    private String pipelineRun;
    /** The pipeline's PPMI relationships, "item1 item2" → [weight, count], read before any step rewrites them. */
    private Map<String, List<Object>> pipelinePairs;

    @BeforeAll
    void start(@TempDir Path dir) {
        db = new TestDatabase(dir);
        db.run("CALL spiky.dcbm.generate('k8', {communities: 8, items: 800, contexts: 2000, maxLength: 30, mix: 0.1, exponent: 1.5, seed: 5})");
        db.run("CALL spiky.dcbm.generate('bare', {communities: 4, items: 300, contexts: 600, seed: 3})");
        pipeline = db.run("CALL spiky.pipeline('k8', {rank: 32, spkDims: [16, 32]})").get(0);
        pipelineRun = (String) pipeline.get("runId");
        pipelinePairs = new HashMap<>();
        for (Map<String, Object> r : db.run("MATCH (a:Item {dataset: 'k8'})-[p:PPMI]->(b:Item) WHERE p.run = $run "
                + "RETURN a.id AS a, b.id AS b, p.weight AS w, p.count AS c", Map.of("run", pipelineRun))) {
            pipelinePairs.put(r.get("a") + " " + r.get("b"), List.of(r.get("w"), r.get("c")));
        }
    }

    @AfterAll
    void stop() {
        if (db != null) {
            db.close();
        }
    }

    private Object one(String cypher, Map<String, Object> params) {
        return db.run(cypher, params).get(0).values().iterator().next();
    }

    private Object one(String cypher) {
        return one(cypher, Map.of());
    }

    /** Nodes, relationships, and the properties that the write modes set, as one comparable snapshot. */
    private List<Object> footprint() {
        return List.of(one("MATCH (n) RETURN count(n)"), one("MATCH ()-[r]->() RETURN count(r)"),
                one("MATCH (d:Dataset) RETURN collect([d.name, d.ppmiRun, d.latestRun, d.runCounter])"),
                one("MATCH (r:EmbeddingRun) RETURN collect([r.id, r.status, [x IN r.spkF | x], [x IN r.spk | x]])"),
                one("MATCH (e:Embedding) WHERE e.spike16 IS NOT NULL OR e.peak16 RETURN count(e)"));
    }

    private String failure(String cypher) {
        List<Object> before = footprint();
        QueryExecutionException e = assertThrows(QueryExecutionException.class, () -> db.run(cypher));
        assertEquals(before, footprint(), "a refused call must leave the database unchanged: " + cypher);
        return e.getMessage();
    }

    @SuppressWarnings("unchecked")
    private static void assertSameSingularValues(Object expected, Object actual) {
        List<Double> want = (List<Double>) expected;
        List<Double> got = (List<Double>) actual;
        assertEquals(want.size(), got.size());
        for (int i = 0; i < want.size(); i++) {
            assertEquals(want.get(i), got.get(i), 1e-9 * want.get(i), "sigma " + i + ": " + got + " vs " + want);
        }
    }

    @Test
    void ppmiStreamGivesThePipelinesPairsAndWeights() {
        List<Map<String, Object>> rows = db.run("CALL spiky.ppmi.stream('k8', {}) YIELD item1, item2, count, weight "
                + "RETURN item1, item2, count, weight");
        assertEquals((Long) pipeline.get("nnz") / 2, rows.size());
        assertEquals(pipelinePairs.size(), rows.size());
        for (Map<String, Object> r : rows) {
            assertTrue((Long) r.get("item1") < (Long) r.get("item2"), r.toString());
            List<Object> expected = pipelinePairs.get(r.get("item1") + " " + r.get("item2"));
            assertEquals(expected, List.of(r.get("weight"), r.get("count")), r.toString());
        }
    }

    @Test
    void ppmiStatsCountsThePipelinesMatrix() {
        Map<String, Object> stats = db.run("CALL spiky.ppmi.stats('k8', {minCount: 2})").get(0);
        Map<String, Object> run = db.run("MATCH (r:EmbeddingRun {id: $id}) RETURN r.cooccurringPairs AS co, "
                + "r.pairsAfterMinCount AS minCount, r.pairsAfterRank AS rank, r.pairsPositive AS positive", Map.of("id", pipelineRun)).get(0);
        assertEquals(pipeline.get("n"), stats.get("n"));
        assertEquals(pipeline.get("nnz"), stats.get("nnz"));
        assertEquals((Long) pipeline.get("nnz") / 2, stats.get("pairs"));
        assertEquals(List.of(run.get("co"), run.get("minCount"), run.get("rank"), run.get("positive")),
                List.of(stats.get("cooccurringPairs"), stats.get("pairsAfterMinCount"), stats.get("pairsAfterRank"), stats.get("pairsPositive")));
        Map<String, Object> stricter = db.run("CALL spiky.ppmi.stats('k8', {minCount: 5})").get(0);
        assertTrue((Long) stricter.get("pairs") < (Long) stats.get("pairs"), "minCount must filter: " + stricter);
    }

    @Test
    @SuppressWarnings("unchecked")
    void stepByStepReproducesThePipeline() {
        Map<String, Object> ppmi = db.run("CALL spiky.ppmi.write('k8', {})").get(0);
        String tag = (String) ppmi.get("ppmiRun");
        long pairs = (Long) pipeline.get("nnz") / 2;
        assertEquals(pairs, ppmi.get("relationships"));
        // The pipeline run's set stays beside the new one: that run's reports read it.
        assertEquals(2 * pairs, one("MATCH (:Item {dataset: 'k8'})-[p:PPMI]->() RETURN count(p)"));
        assertEquals(pairs, one("MATCH (:Item {dataset: 'k8'})-[p:PPMI {run: $tag}]->() RETURN count(p)", Map.of("tag", tag)));
        assertEquals(pairs, one("MATCH (:Item {dataset: 'k8'})-[p:PPMI {run: $tag}]->() RETURN count(p)", Map.of("tag", pipelineRun)));
        assertEquals(List.of(tag, "spiky.ppmi.write", 2L, 2000L, "sql", pairs), one("MATCH (d:Dataset {name: 'k8'}) "
                + "RETURN [d.ppmiRun, d.ppmiSource, d.ppmiMinCount, d.ppmiTopK, d.ppmiRankRule, d.ppmiPairs]"));

        Map<String, Object> svd = db.run("CALL spiky.svd.write('k8', $config)", Map.of("config", SVD)).get(0);
        String run = (String) svd.get("runId");
        assertNotEquals(pipelineRun, run);
        assertEquals(pipeline.get("n"), svd.get("n"));
        assertEquals(pipeline.get("nnz"), svd.get("nnz"));
        assertSameSingularValues(pipeline.get("singularValues"), svd.get("singularValues"));
        Map<String, Object> written = db.run("MATCH (r:EmbeddingRun {id: $id}) RETURN r.status AS status, r.ppmiRun AS ppmiRun, "
                + "r.minCount AS minCount, r.rank AS rank, r.singularValues AS sigma, r.spkF AS spkF", Map.of("id", run)).get(0);
        assertEquals("finished", written.get("status"));
        assertEquals(tag, written.get("ppmiRun"));
        assertEquals(2L, written.get("minCount"));
        assertEquals(32L, written.get("rank"));
        assertNull(written.get("spkF"), "no Spk table before spiky.spikes.write");
        assertEquals(pipeline.get("n"), one("MATCH (:Item)-[:HAS_EMBEDDING]->(e:Embedding {run: $id}) RETURN count(e)", Map.of("id", run)));
        assertEquals(0L, one("MATCH (e:Embedding {run: $id}) WHERE e.peak16 IS NOT NULL OR size(e.vector) <> 32 RETURN count(e)",
                Map.of("id", run)));
        // The norms are those of the pipeline's embedding, item by item.
        Map<Object, Map<String, Object>> fromPipeline = embeddings(pipelineRun);
        Map<Object, Map<String, Object>> fromSteps = embeddings(run);
        assertEquals(fromPipeline.keySet(), fromSteps.keySet());
        fromPipeline.forEach((item, p) -> {
            double norm = (Double) p.get("norm");
            assertEquals(norm, (Double) fromSteps.get(item).get("norm"), 1e-9 * norm, "norm of item " + item);
        });

        Map<String, Object> spikes = db.run("CALL spiky.spikes.write($run, $config)", Map.of("run", run, "config", SPIKES)).get(0);
        assertEquals(run, spikes.get("runId"));
        assertEquals(pipeline.get("spk"), spikes.get("spk"));
        Map<String, Object> table = db.run("MATCH (p:EmbeddingRun {id: $p}), (s:EmbeddingRun {id: $s}) "
                + "RETURN [p.spkF, p.spkPeaks, p.spkCovered, p.spk] = [s.spkF, s.spkPeaks, s.spkCovered, s.spk] AS same, "
                + "s.spkF IS NOT NULL AND size(s.spkF) = 2 AS present, "
                + "s.cosTheta AS cosTheta, s.spkDims AS dims", Map.of("p", pipelineRun, "s", run)).get(0);
        assertEquals(true, table.get("present"));
        assertEquals(true, table.get("same"), "the run's Spk table must be the pipeline run's");
        assertEquals(0.9, table.get("cosTheta"));
        assertEquals(List.of(16L, 32L), toList(table.get("dims")));
        // The same peaks, and every item under the same spike.
        Map<Object, Map<String, Object>> withSpikes = embeddings(run);
        fromPipeline.forEach((item, p) -> {
            Map<String, Object> want = new HashMap<>(p);
            Map<String, Object> got = new HashMap<>(withSpikes.get(item));
            want.remove("norm");
            got.remove("norm");
            assertEquals(want, got, "spikes of item " + item);
        });
        assertEquals(((List<Map<String, Object>>) pipeline.get("spk")).get(0).get("peaks"),
                one("MATCH (s:Embedding {run: $s}) WHERE s.peak16 RETURN count(s)", Map.of("s", run)));
    }

    /** A run's Embedding nodes by item: norm, and the spike properties at 16 and 32. */
    @SuppressWarnings("unchecked")
    private Map<Object, Map<String, Object>> embeddings(String run) {
        Map<Object, Map<String, Object>> byItem = new HashMap<>();
        for (Map<String, Object> r : db.run("MATCH (e:Embedding {run: $run}) RETURN e.item AS item, "
                + "{norm: e.norm, peak16: e.peak16, spike16: e.spike16, peak32: e.peak32, spike32: e.spike32} AS p", Map.of("run", run))) {
            byItem.put(r.get("item"), (Map<String, Object>) r.get("p"));
        }
        return byItem;
    }

    private static List<Long> toList(Object longs) {
        return java.util.Arrays.stream((long[]) longs).boxed().toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void streamAndStatsModesWriteNothing() {
        List<Object> before = footprint();
        List<Map<String, Object>> pairs = db.run("CALL spiky.ppmi.stream('k8', {topK: 50})");
        assertFalse(pairs.isEmpty());
        db.run("CALL spiky.ppmi.stats('k8', {})");
        List<Map<String, Object>> embedded = db.run("CALL spiky.svd.stream('k8', {rank: 16})");
        assertEquals(pipeline.get("n"), (long) embedded.size());
        for (Map<String, Object> row : embedded.subList(0, 20)) {
            List<Double> e = (List<Double>) row.get("embedding");
            assertEquals(16, e.size());
            double norm = Math.sqrt(e.stream().mapToDouble(x -> x * x).sum());
            assertEquals((Double) row.get("norm"), norm, 1e-12 * norm);
        }
        List<Map<String, Object>> spikeRows = db.run("CALL spiky.spikes.stream($run, $config)", Map.of("run", pipelineRun, "config", SPIKES));
        assertEquals(2 * (Long) pipeline.get("n"), spikeRows.size());
        Map<String, Object> stats = db.run("CALL spiky.spikes.stats($run, $config)", Map.of("run", pipelineRun, "config", SPIKES)).get(0);
        assertEquals(before, footprint());

        // The stream agrees with the table: one peak row per peak, covering itself; covered rows counted.
        List<Map<String, Object>> spk = (List<Map<String, Object>>) stats.get("spk");
        assertEquals(pipeline.get("spk"), spk);
        for (Map<String, Object> level : spk) {
            List<Map<String, Object>> atF = spikeRows.stream().filter(r -> level.get("f").equals(r.get("f"))).toList();
            assertEquals(level.get("peaks"), atF.stream().filter(r -> (Boolean) r.get("peak")).count());
            assertEquals(level.get("covered"), atF.stream().filter(r -> r.get("spike") != null).count());
            assertTrue(atF.stream().filter(r -> (Boolean) r.get("peak")).allMatch(r -> r.get("item").equals(r.get("spike"))));
        }
        Set<Object> items = spikeRows.stream().map(r -> r.get("item")).collect(Collectors.toCollection(HashSet::new));
        assertEquals(pipeline.get("n"), (long) items.size());
    }

    @Test
    void anUnknownKeyNamesTheNearestOne() {
        assertTrue(failure("CALL spiky.ppmi.write('k8', {minCont: 3})").contains("Did you mean [minCount]"));
        assertTrue(failure("CALL spiky.svd.write('k8', {rnak: 16})").contains("Did you mean [rank]"));
        assertTrue(failure("CALL spiky.spikes.write('" + pipelineRun + "', {cosTheeta: 0.8})").contains("Did you mean [cosTheta]"));
        // A key of another step is unknown here, even if spiky.pipeline knows it.
        String m = failure("CALL spiky.ppmi.stream('k8', {rank: 16})");
        assertTrue(m.contains("Unexpected configuration key: rank"), m);
    }

    @Test
    void outOfRangeValuesNameTheKeyAndTheRange() {
        String cos = failure("CALL spiky.spikes.write('" + pipelineRun + "', {cosTheta: 2})");
        assertTrue(cos.contains("cosTheta") && cos.contains("range"), cos);
        String dims = failure("CALL spiky.spikes.write('" + pipelineRun + "', {spkDims: [64]})");
        assertTrue(dims.contains("spkDims") && dims.contains("[1, 32]"), dims);
        String rank = failure("CALL spiky.svd.write('k8', {rank: 0})");
        assertTrue(rank.contains("rank") && rank.contains("range"), rank);
        String tooBig = failure("CALL spiky.svd.write('k8', {rank: 4000})");
        assertTrue(tooBig.contains("rank") && tooBig.contains("items that keep a PPMI pair"), tooBig);
        String cap = failure("CALL spiky.ppmi.write('k8', {maxPpmiRelationships: 10})");
        assertTrue(cap.contains("maxPpmiRelationships") && cap.contains("nothing was written"), cap);
    }

    @Test
    void svdWriteWithoutPpmiSaysToWriteItFirst() {
        String m = failure("CALL spiky.svd.write('bare', {rank: 8})");
        assertTrue(m.contains("no PPMI relationships") && m.contains("spiky.ppmi.write"), m);
        String stream = failure("CALL spiky.svd.stream('bare', {rank: 8})");
        assertTrue(stream.contains("spiky.ppmi.write"), stream);
        assertTrue(failure("CALL spiky.svd.write('nope', {})").contains("no dataset named 'nope'"));
    }

    @Test
    void spikesNeedAFinishedRun() {
        String unknown = failure("CALL spiky.spikes.write('k8-999', {})");
        assertTrue(unknown.contains("runId") && unknown.contains("k8-999"), unknown);
        assertTrue(failure("CALL spiky.spikes.stats('nope-1', {})").contains("runId"));
        // A pipeline that fails leaves a failed run behind.
        assertThrows(QueryExecutionException.class, () -> db.run("CALL spiky.pipeline('bare', {rank: 4000, spkDims: [16]})"));
        String failed = (String) one("MATCH (r:EmbeddingRun {dataset: 'bare', status: 'failed'}) RETURN r.id LIMIT 1");
        String notFinished = failure("CALL spiky.spikes.write('" + failed + "', {})");
        assertTrue(notFinished.contains("runId") && notFinished.contains("not finished"), notFinished);
    }

    /** Each procedure whose keys come from a settings table, and that table. */
    static Map<String, SettingsTable<?>> documentedBy() {
        Map<String, SettingsTable<?>> t = new HashMap<>();
        List.of("spiky.pipeline", "spiky.pipeline.stats").forEach(n -> t.put(n, PipelineConfig.SETTINGS));
        List.of("spiky.ppmi.stream", "spiky.ppmi.stats", "spiky.export.ppmi").forEach(n -> t.put(n, PpmiStepConfig.SETTINGS));
        t.put("spiky.ppmi.write", PpmiStepConfig.WRITE_SETTINGS);
        List.of("spiky.svd.stream", "spiky.svd.write").forEach(n -> t.put(n, SvdStepConfig.SETTINGS));
        List.of("spiky.spikes.stream", "spiky.spikes.stats", "spiky.spikes.write").forEach(n -> t.put(n, SpikeStepConfig.SETTINGS));
        t.put("spiky.spikes.sweep", SweepStepConfig.SETTINGS);
        t.put("spiky.similar", SimilarConfig.SETTINGS);
        List.of("spiky.stability.forecast", "spiky.stability.forecast.stats").forEach(n -> t.put(n, ForecastConfig.SETTINGS));
        t.put("spiky.stability", StabilityStep.SETTINGS);
        t.put("spiky.dcbm.generate", DcbmProcedures.SETTINGS);
        t.put("spiky.dcbm.fit", DcbmFitProcedures.SETTINGS);
        t.put("spiky.degrees", DegreeProcedures.SETTINGS);
        t.put("spiky.snapshots", SnapshotStep.SETTINGS);
        return t;
    }

    /** Procedures with a config whose keys are documented by their own text, not from a settings table: none. */
    private static final Set<String> DOCUMENTED_BY_HAND = Set.of();

    @Test
    void everyProcedureDocumentsExactlyTheKeysOfItsTable() {
        Map<String, String> docs = new HashMap<>();
        Map<String, String> signatures = new HashMap<>();
        for (Map<String, Object> r : db.run("SHOW PROCEDURES YIELD name, signature, description WHERE name STARTS WITH 'spiky.' "
                + "RETURN name, signature, description")) {
            docs.put((String) r.get("name"), (String) r.get("description"));
            signatures.put((String) r.get("name"), (String) r.get("signature"));
        }
        Map<String, SettingsTable<?>> tables = documentedBy();
        tables.forEach((name, table) -> {
            String doc = docs.get(name);
            assertTrue(doc != null && doc.startsWith(name + "("), name + " is not registered or not documented: " + doc);
            String rendered = "Config keys: " + table.render() + ".";
            assertTrue(doc.contains(rendered), name + " does not document its settings as its table renders them:\n"
                    + rendered + "\nin:\n" + doc);
            for (Setting<?> setting : table.settings()) {
                assertTrue(doc.contains(setting.render()), name + " does not document " + setting.name());
            }
        });
        // Every procedure that takes a config is covered, by a table or knowingly by hand.
        signatures.forEach((name, signature) -> {
            if (signature.contains("config")) {
                assertTrue(tables.containsKey(name) || DOCUMENTED_BY_HAND.contains(name), name + " takes a config but has no table");
            }
        });
    }

    @Test
    void noJobIsLeftInTheProgressTable() {
        db.run("CALL spiky.ppmi.stats('bare', {})");
        assertTrue(db.run("CALL spiky.progress()").isEmpty());
    }
}
