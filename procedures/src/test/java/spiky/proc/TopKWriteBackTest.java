package spiky.proc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spiky.TestDatabase;
import spiky.graph.RunPpmi;

/**
 * The write-back of a run whose PPMI set is above maxPpmiRelationships: every embedding written
 * and read back as computed, only each item's strongest pairs in the graph (the top-k rule), the
 * whole matrix in a file, and the reports (degrees, fitted DCBM) the same as those of the same
 * run written in full; deleting the run removes the file with the relationships.
 */
class TopKWriteBackTest {
    private static final String GENERATE = "{communities: 5, items: 500, contexts: 1200, maxLength: 30, mix: 0.1, exponent: 1.5, seed: 7}";
    private static final String RUN = "minCount: 2, rank: 16, spkDims: [8], seed: 1";
    private static final int K = 3;

    private static List<Map<String, Object>> degrees(TestDatabase db, String run) {
        return db.run("CALL spiky.degrees($run, {f: 8}) YIELD item, spike, norm, interactions, ppmiDegree, intraDegree "
                + "RETURN * ORDER BY item", Map.of("run", run));
    }

    private static Map<String, Object> fit(TestDatabase db, String run, String weight) {
        Map<String, Object> row = new HashMap<>(db.run("CALL spiky.dcbm.fit($run, {f: 8, weight: $w, blocks: 50})",
                Map.of("run", run, "w", weight)).get(0));
        row.remove("runId");
        row.remove("millis");
        return row;
    }

    /** item id → partner id → weight, both directions, of the dataset's PPMI relationships. */
    private static Map<Object, Map<Object, Double>> pairs(TestDatabase db, String dataset) {
        Map<Object, Map<Object, Double>> m = new HashMap<>();
        for (Map<String, Object> r : db.run("MATCH (a:Item {dataset: $d})-[p:PPMI]->(b:Item) RETURN a.id AS a, b.id AS b, p.weight AS w",
                Map.of("d", dataset))) {
            m.computeIfAbsent(r.get("a"), x -> new HashMap<>()).put(r.get("b"), (Double) r.get("w"));
            m.computeIfAbsent(r.get("b"), x -> new HashMap<>()).put(r.get("a"), (Double) r.get("w"));
        }
        return m;
    }

    /** The k-th largest weight of an item's pairs (its smallest when it has fewer than k). */
    private static double kth(Map<Object, Double> row) {
        List<Double> w = new ArrayList<>(row.values());
        w.sort((x, y) -> Double.compare(y, x));
        return w.get(Math.min(K, w.size()) - 1);
    }

    private static List<Path> ppmiFiles(Path dir) throws IOException {
        Path root = dir.resolve("spiky-ppmi");
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".csr")).toList();
        }
    }

    @Test
    void aSetAboveTheCapKeepsEachItemsStrongestPairsInTheGraphAndTheWholeMatrixForTheReports(@TempDir Path dir) throws IOException {
        try (TestDatabase db = new TestDatabase(dir)) {
            db.run("CALL spiky.dcbm.generate('full', " + GENERATE + ")");
            db.run("CALL spiky.dcbm.generate('topk', " + GENERATE + ")");
            Map<String, Object> full = db.run("CALL spiky.pipeline('full', {" + RUN + "})").get(0);
            Map<String, Object> topk = db.run("CALL spiky.pipeline('topk', {" + RUN + ", maxPpmiRelationships: 10, ppmiGraphTopK: "
                    + K + "})").get(0);
            String a = (String) full.get("runId");
            String b = (String) topk.get("runId");
            long allPairs = (long) full.get("ppmiRelationships");
            long written = (long) topk.get("ppmiRelationships");
            assertEquals((long) full.get("nnz") / 2, allPairs, "below the default cap every pair is written: " + full);
            assertTrue(written > 0 && written < allPairs, "top-k writes some pairs, not all: " + written + " of " + allPairs);

            // Every embedding written, and read back as the other run computed it (same data, same seed).
            List<Map<String, Object>> ea = db.run("MATCH (i:Item)-[:HAS_EMBEDDING]->(e:Embedding {run: $r}) RETURN i.id AS id, e.vector AS v, "
                    + "e.norm AS n ORDER BY id", Map.of("r", a));
            List<Map<String, Object>> eb = db.run("MATCH (i:Item)-[:HAS_EMBEDDING]->(e:Embedding {run: $r}) RETURN i.id AS id, e.vector AS v, "
                    + "e.norm AS n ORDER BY id", Map.of("r", b));
            assertEquals(full.get("n"), (long) ea.size(), "one Embedding per embedded item");
            assertEquals(ea.size(), eb.size());
            for (int i = 0; i < ea.size(); i++) {
                assertEquals(ea.get(i).get("id"), eb.get(i).get("id"));
                assertArrayEquals((float[]) ea.get(i).get("v"), (float[]) eb.get(i).get("v"), "vector of item " + ea.get(i).get("id"));
                float[] v = (float[]) ea.get(i).get("v");
                assertEquals(16, v.length);
                // Each row its own values (the writer reuses one buffer): the stored vector's length is the item's norm.
                double sq = 0;
                for (float x : v) {
                    sq += (double) x * x;
                }
                double norm = (double) ea.get(i).get("n");
                assertEquals(norm, Math.sqrt(sq), 1e-5 * norm, "item " + ea.get(i).get("id"));
                assertEquals(ea.get(i).get("n"), eb.get(i).get("n"));
            }

            // The top-k rule against the whole set: a pair is in the graph iff it is among the k
            // strongest of one of its items (ties at the k-th weight may go either way).
            Map<Object, Map<Object, Double>> whole = pairs(db, "full");
            Map<Object, Map<Object, Double>> part = pairs(db, "topk");
            long strictlyIn = 0;
            for (var x : whole.entrySet()) {
                double kx = kth(x.getValue());
                Map<Object, Double> kept = part.getOrDefault(x.getKey(), Map.of());
                assertTrue(kept.size() >= Math.min(K, x.getValue().size()), "item " + x.getKey() + " keeps its " + K + " strongest");
                for (var y : x.getValue().entrySet()) {
                    double w = y.getValue();
                    double ky = kth(whole.get(y.getKey()));
                    Double in = kept.get(y.getKey());
                    if (w > kx || w > ky) {
                        assertNotNull(in, "pair " + x.getKey() + "-" + y.getKey() + " is among the strongest of one end");
                        strictlyIn++;
                    }
                    if (in != null) {
                        assertEquals(w, in, "weight as computed");
                        assertTrue(w >= kx || w >= ky, "pair " + x.getKey() + "-" + y.getKey() + " is strong for neither end");
                    } else {
                        assertFalse(w > kx || w > ky);
                    }
                }
            }
            assertTrue(strictlyIn > 0);
            assertEquals(1, ppmiFiles(dir).size(), "one file, for the top-k set only: " + ppmiFiles(dir));

            // The reports read the whole matrix (from the file for the top-k set), not the graph's part.
            RunPpmi.in(db.db()).forget("full");
            RunPpmi.in(db.db()).forget("topk");
            assertEquals(degrees(db, a), degrees(db, b), "degrees of the top-k run are those of the full write");
            assertEquals(fit(db, a, "ppmi"), fit(db, b, "ppmi"));
            assertEquals(fit(db, a, "count"), fit(db, b, "count"));
            assertEquals((long) K, db.run("MATCH (r:EmbeddingRun {id: $b}) RETURN r.ppmiWrittenTopK AS k", Map.of("b", b)).get(0).get("k"));

            // spiky.svd.write embeds the whole current set too (read from the file): the same singular values.
            List<?> sa = (List<?>) db.run("CALL spiky.svd.write('full', {rank: 8, seed: 3})").get(0).get("singularValues");
            List<?> sb = (List<?>) db.run("CALL spiky.svd.write('topk', {rank: 8, seed: 3})").get(0).get("singularValues");
            assertEquals(sa, sb);

            // Deleting the runs that name it (once the dataset names it no more) removes the set: relationships and file.
            db.run("MATCH (d:Dataset {name: 'topk'}) REMOVE d.ppmiRun");
            for (Map<String, Object> r : db.run("MATCH (r:EmbeddingRun {dataset: 'topk'}) RETURN r.id AS id ORDER BY id DESC")) {
                db.run("CALL spiky.run.delete($id)", Map.of("id", r.get("id")));
            }
            assertEquals(0L, db.run("MATCH (:Item {dataset: 'topk'})-[p:PPMI]->() RETURN count(p) AS n").get(0).get("n"));
            assertEquals(List.of(), ppmiFiles(dir), "the file went with its set");
        }
    }

    @Test
    void aWriteStoppedAfterTheEmbeddingsAndTheFileLeavesAFailedRunWithNothingOfIt(@TempDir Path dir) throws IOException {
        try (TestDatabase db = new TestDatabase(dir)) {
            db.run("CALL spiky.dcbm.generate('g', " + GENERATE + ")");
            // Every embedding committed: the next check, before the first batch of PPMI relationships
            // and after the set's file is written, stops the run.
            boolean[] reached = new boolean[1];
            spiky.Progress progress = (stage, done, total) -> reached[0] |= stage.equals("writing embeddings") && done == total;
            spiky.algo.Termination stop = () -> {
                if (reached[0]) {
                    throw new IllegalStateException("stopped after the embeddings");
                }
            };
            spiky.algo.pipeline.PipelineConfig config = spiky.algo.pipeline.PipelineConfig.from(Map.of("minCount", 2, "rank", 16,
                    "spkDims", List.of(8), "seed", 1, "maxPpmiRelationships", 10, "ppmiGraphTopK", K));
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> PipelineRunner.write(db.db(), "g", config, progress, stop));
            assertTrue(e.getMessage().contains("stopped"), e.getMessage());
            Map<String, Object> run = db.run("MATCH (r:EmbeddingRun {dataset: 'g'}) RETURN r.status AS s, r.error AS e").get(0);
            assertEquals("failed", run.get("s"), run.toString());
            assertEquals(0L, db.run("MATCH (e:Embedding) RETURN count(e) AS n").get(0).get("n"));
            assertEquals(0L, db.run("MATCH ()-[p:PPMI]->() RETURN count(p) AS n").get(0).get("n"));
            assertEquals(List.of(), ppmiFiles(dir));
        }
    }
}
