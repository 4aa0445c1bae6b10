package spiky.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;
import spiky.TestDatabase;
import spiky.graph.GraphModel;

/**
 * spiky.similar on a generated DCBM: its lists equal a brute force over the stored vectors, read
 * with the core API and scored in double in plain Java; and every refusal names its parameter.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimilarProcedureTest {
    private static final String CALL = "MATCH (i:Item {dataset: $dataset, id: $id}) CALL spiky.similar(i, $config) "
            + "YIELD rank, item, name, score, norm, spike RETURN rank, item, name, score, norm, spike";

    private TestDatabase db;
    private String run;

    @BeforeAll
    void start(@TempDir Path dir) {
        db = new TestDatabase(dir);
        db.run("CALL spiky.dcbm.generate('k8', {communities: 8, items: 800, contexts: 2000, maxLength: 30, seed: 5})");
        db.run("CALL spiky.dcbm.generate('bare', {communities: 2, items: 40, contexts: 80, seed: 3})");
        run = (String) db.run("CALL spiky.pipeline('k8', {rank: 32, spkDims: [8, 16]})").get(0).get("runId");
        db.run("CALL spiky.pipeline('bare', {rank: 8, spkDims: [8]})");
    }

    @AfterAll
    void stop() {
        if (db != null) {
            db.close();
        }
    }

    // ---------------------------------------------------------------- the brute force

    /** One stored embedding: its item, vector, norm and spike property, in the canonical order (by Item node id). */
    record Stored(Object item, long itemNode, float[] vector, double norm, Object spike) {}

    static List<Stored> stored(TestDatabase db, String runId, String spikeKey) {
        List<Stored> rows = new ArrayList<>();
        try (Transaction tx = db.db().beginTx(); ResourceIterator<Node> it = tx.findNodes(GraphModel.EMBEDDING, "run", runId)) {
            while (it.hasNext()) {
                Node e = it.next();
                Relationship r = e.getSingleRelationship(GraphModel.HAS_EMBEDDING, Direction.INCOMING);
                rows.add(new Stored(e.getProperty("item"), r.getStartNode().getId(), (float[]) e.getProperty("vector"),
                        (double) e.getProperty("norm"), e.getProperty(spikeKey, null)));
            }
        }
        rows.sort(Comparator.comparingLong(Stored::itemNode));
        return rows;
    }

    /** The k best other rows of row q by the metric over the first f coordinates: [row index, score] pairs, best first. */
    static List<double[]> bruteForce(List<Stored> rows, int q, int k, String metric, int f) {
        float[] x = rows.get(q).vector();
        double qn = 0;
        for (int j = 0; j < f; j++) {
            qn += (double) x[j] * x[j];
        }
        qn = Math.sqrt(qn);
        List<double[]> all = new ArrayList<>();
        for (int a = 0; a < rows.size(); a++) {
            if (a == q) {
                continue;
            }
            float[] y = rows.get(a).vector();
            double dot = 0;
            double yn = 0;
            for (int j = 0; j < f; j++) {
                dot += (double) x[j] * y[j];
                yn += (double) y[j] * y[j];
            }
            yn = Math.sqrt(yn);
            double score = metric.equals("dot") ? dot : (qn == 0 || yn == 0 ? 0 : dot / (qn * yn));
            all.add(new double[] {a, score});
        }
        all.sort(Comparator.comparingDouble((double[] p) -> -p[1]).thenComparingDouble(p -> p[0]));
        return all.subList(0, Math.min(k, all.size()));
    }

    private List<Map<String, Object>> similar(String dataset, Object id, Map<String, Object> config) {
        return db.run(CALL, Map.of("dataset", dataset, "id", id, "config", config));
    }

    // ---------------------------------------------------------------- tests

    @Test
    void listsEqualTheBruteForceForBothMetricsAtFullAndTruncatedWidth() {
        List<Stored> rows = stored(db, run, "spike8");
        assertEquals(one("MATCH (r:EmbeddingRun {id: $run}) RETURN r.n", Map.of("run", run)), (long) rows.size());
        SplittableRandom r = new SplittableRandom(17);
        int compared = 0;
        for (int t = 0; t < 12; t++) {
            int q = r.nextInt(rows.size());
            for (String metric : List.of("cosine", "dot")) {
                for (int f : new int[] {32, 8}) {
                    Map<String, Object> config = new HashMap<>(Map.of("k", 10, "metric", metric, "concurrency", 2));
                    if (f != 32) {
                        config.put("f", f);
                    }
                    List<Map<String, Object>> got = similar("k8", rows.get(q).item(), config);
                    List<double[]> want = bruteForce(rows, q, 10, metric, f);
                    assertEquals(want.size(), got.size());
                    for (int i = 0; i < want.size(); i++) {
                        Stored s = rows.get((int) want.get(i)[0]);
                        Map<String, Object> g = got.get(i);
                        String what = metric + " f=" + f + " item " + rows.get(q).item() + " rank " + (i + 1) + ": " + got;
                        assertEquals((long) i + 1, g.get("rank"), what);
                        assertEquals(s.item(), g.get("item"), what);
                        assertEquals(want.get(i)[1], (double) g.get("score"), 1e-9 * Math.max(1, Math.abs(want.get(i)[1])), what);
                        assertEquals(s.norm(), g.get("norm"), what);
                        assertEquals(s.spike(), g.get("spike"), what);
                        compared++;
                    }
                }
            }
        }
        assertEquals(12 * 2 * 2 * 10, compared);
    }

    @Test
    void theDefaultRunIsTheLatestAndItsMatrixIsLoadedOnce() {
        Object id = stored(db, run, "spike8").get(0).item();
        List<Map<String, Object>> byDefault = similar("k8", id, Map.of());
        long loads = SpikyService.of(db.db()).runMatrices().loads();
        assertEquals(byDefault, similar("k8", id, Map.of("run", run, "k", 10, "metric", "cosine")));
        assertEquals(loads, SpikyService.of(db.db()).runMatrices().loads(), "the second search must not read the run again");
        assertEquals(10, byDefault.size());
        // DCBM items have names? Either way the column is there; spikes come from spike8.
        assertTrue(byDefault.stream().anyMatch(m -> m.get("spike") != null), byDefault.toString());
    }

    @Test
    void kAboveTheRunsOtherItemsGivesThemAll() {
        String bareRun = (String) one("MATCH (d:Dataset {name: 'bare'}) RETURN d.latestRun", Map.of());
        long n = (long) one("MATCH (r:EmbeddingRun {id: $run}) RETURN r.n", Map.of("run", bareRun));
        Object id = stored(db, bareRun, "spike8").get(3).item();
        List<Map<String, Object>> got = similar("bare", id, Map.of("k", 1000, "metric", "dot"));
        assertEquals(n - 1, got.size());
        assertTrue(got.stream().noneMatch(m -> m.get("item").equals(id)));
    }

    @Test
    void refusalsNameTheirParameter() {
        Object id = stored(db, run, "spike8").get(0).item();
        assertTrue(failure("k8", id, Map.of("k", 0)).contains("`k`"));
        String metric = failure("k8", id, Map.of("metric", "cos"));
        assertTrue(metric.contains("`metric`") && metric.contains("[cosine, dot]"), metric);
        assertTrue(failure("k8", id, Map.of("metrc", "dot")).contains("Did you mean [metric]"));
        String unknown = failure("k8", id, Map.of("run", "k8-99"));
        assertTrue(unknown.contains("no embedding run 'k8-99'"), unknown);
        String bareRun = (String) one("MATCH (d:Dataset {name: 'bare'}) RETURN d.latestRun", Map.of());
        String other = failure("k8", id, Map.of("run", bareRun));
        assertTrue(other.contains("`run`") && other.contains("embeds dataset 'bare'"), other);
        String wide = failure("k8", id, Map.of("f", 33));
        assertTrue(wide.contains("`f`") && wide.contains("[1, 32]"), wide);
        db.run("CREATE (:Item {dataset: 'k8', id: 987654})");
        String missing = failure("k8", 987654L, Map.of());
        assertTrue(missing.contains("`item`") && missing.contains("not embedded in run '" + run + "'"), missing);
        db.run("MATCH (i:Item {dataset: 'k8', id: 987654}) DELETE i");
    }

    private String failure(String dataset, Object id, Map<String, Object> config) {
        return assertThrows(QueryExecutionException.class, () -> similar(dataset, id, config)).getMessage();
    }

    private Object one(String cypher, Map<String, Object> params) {
        return db.run(cypher, params).get(0).values().iterator().next();
    }
}
