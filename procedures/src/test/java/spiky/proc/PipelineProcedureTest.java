package spiky.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.graphdb.QueryExecutionException;
import spiky.TestDatabase;

/** spiky.pipeline on a real embedded database and a generated DCBM with planted communities. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PipelineProcedureTest {
    private TestDatabase db;
    private Map<String, Object> first;

    @BeforeAll
    void start(@TempDir Path dir) {
        db = new TestDatabase(dir);
        db.run("CALL spiky.dcbm.generate('k8', {communities: 8, items: 2000, contexts: 5000, mix: 0.1, exponent: 1.5, seed: 11})");
        first = db.run("CALL spiky.pipeline('k8', {rank: 32, spkDims: [16, 32]})").get(0);
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

    @Test
    @SuppressWarnings("unchecked")
    void theTopKSingularValuesOfAPlantedK8StandApart() {
        List<Double> sigma = (List<Double>) first.get("singularValues");
        assertEquals(32, sigma.size());
        for (int i = 1; i < sigma.size(); i++) {
            assertTrue(sigma.get(i - 1) >= sigma.get(i), "descending: " + sigma);
        }
        double gap = sigma.get(7) / sigma.get(8);
        double nextGap = sigma.get(8) / sigma.get(9);
        assertTrue(gap > 1.5 && gap > 1.3 * nextGap, "σ8/σ9 = " + gap + " should stand out: " + sigma);
    }

    @Test
    @SuppressWarnings("unchecked")
    void spkOfAPlantedModelIsFarBelowTheNoStructureBaseline() {
        List<Map<String, Object>> spk = (List<Map<String, Object>>) first.get("spk");
        assertEquals(List.of(16L, 32L), spk.stream().map(m -> m.get("f")).toList());
        double spk16 = (Double) spk.get(0).get("spk");
        // Gaussian embeddings give Spk ≈ ρ = 0.5; planted spikes need a handful of peaks.
        assertTrue(spk16 < 0.05, "Spk@16 = " + spk16);
        assertTrue((Long) spk.get(0).get("covered") > 0.5 * (Long) spk.get(0).get("n"));
    }

    @Test
    void theRunIsWrittenWithOneEmbeddingPerItemAndPpmiRelationships() {
        String run = (String) first.get("runId");
        assertEquals("finished", one("MATCH (r:EmbeddingRun {id: $run}) RETURN r.status", Map.of("run", run)));
        assertEquals(first.get("n"), one("MATCH (e:Embedding {run: $run}) RETURN count(e)", Map.of("run", run)));
        assertEquals(first.get("n"), one("MATCH (:Item)-[:HAS_EMBEDDING]->(e:Embedding {run: $run}) RETURN count(e)", Map.of("run", run)));
        long pairs = (Long) first.get("nnz") / 2;
        assertEquals(pairs, first.get("ppmiRelationships"));
        assertEquals(pairs, one("MATCH (:Item {dataset: 'k8'})-[p:PPMI {run: $run}]->() RETURN count(p)", Map.of("run", run)));
        assertEquals(0L, one("MATCH (:Item {dataset: 'k8'})-[p:PPMI]->() WHERE p.weight <= 0 OR p.count < 2 RETURN count(p)", Map.of()));
        // Norm is the vector's length; a peak covers itself.
        assertEquals(0L, one("MATCH (e:Embedding {run: $run}) WITH e, sqrt(reduce(s = 0.0, x IN e.vector | s + x * x)) AS len "
                + "WHERE abs(len - e.norm) > 1e-4 * e.norm RETURN count(e)", Map.of("run", run)));
        assertEquals(0L, one("MATCH (e:Embedding {run: $run}) WHERE e.peak16 AND e.spike16 <> e.item RETURN count(e)", Map.of("run", run)));
        assertEquals(run, one("MATCH (d:Dataset {name: 'k8'}) RETURN d.latestRun", Map.of()));
    }

    @Test
    void aRunWhosePpmiMatrixTheDatasetKeepsNamesThatSetAndAnotherMatrixIsWrittenBesideIt() {
        db.run("CALL spiky.dcbm.generate('again', {communities: 3, items: 300, contexts: 600, seed: 4})");
        Map<String, Object> a = db.run("CALL spiky.pipeline('again', {rank: 8, spkDims: [8]})").get(0);
        String aRun = (String) a.get("runId");
        long aPairs = (Long) a.get("ppmiRelationships");
        assertTrue(aPairs > 0);
        String ppmiOf = "MATCH (r:EmbeddingRun {id: $run}) RETURN r.ppmiRun";
        String current = "MATCH (d:Dataset {name: 'again'}) RETURN d.ppmiRun";
        String tags = "MATCH (:Item {dataset: 'again'})-[p:PPMI]->() RETURN p.run AS tag, count(*) AS n ORDER BY tag";
        assertEquals(aRun, one(ppmiOf, Map.of("run", aRun)));

        // Other SVD settings, same PPMI: nothing is written, the set stays, the run names it.
        Map<String, Object> b = db.run("CALL spiky.pipeline('again', {rank: 16, spkDims: [8], seed: 3})").get(0);
        assertEquals(0L, b.get("ppmiRelationships"));
        assertEquals(aRun, one(ppmiOf, Map.of("run", b.get("runId"))));
        assertEquals(aRun, one(current, Map.of()));
        assertEquals(List.of(Map.of("tag", aRun, "n", aPairs)), db.run(tags));

        // Another topK is another matrix: written and current; the old set stays, as runs name it.
        Map<String, Object> c = db.run("CALL spiky.pipeline('again', {rank: 8, spkDims: [8], topK: 20})").get(0);
        long cPairs = (Long) c.get("ppmiRelationships");
        assertTrue(cPairs > 0 && cPairs < aPairs, cPairs + " pairs with topK 20, " + aPairs + " with 2000");
        assertEquals(c.get("runId"), one(current, Map.of()));
        assertEquals(List.of(Map.of("tag", aRun, "n", aPairs), Map.of("tag", c.get("runId"), "n", cPairs)), db.run(tags));

        // Back to the first settings: the set the first runs kept is that matrix, so nothing is
        // written; the run names it, and the current set stays the last one written.
        Map<String, Object> d = db.run("CALL spiky.pipeline('again', {rank: 8, spkDims: [8]})").get(0);
        assertEquals(0L, d.get("ppmiRelationships"));
        assertEquals(aRun, one(ppmiOf, Map.of("run", d.get("runId"))));
        assertEquals(c.get("runId"), one(current, Map.of()));
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachStageReportsItsPeakHeapWhichHoldsAtLeastWhatTheStageKeeps() {
        Map<String, Object> peak = (Map<String, Object>) first.get("peakHeapBytes");
        assertEquals(List.of("ppmi", "svd", "embed", "spikes"), List.copyOf(peak.keySet()));
        long n = (Long) first.get("n");
        // The SVD keeps U (n × 32 doubles) and the PPMI stage the matrix (nnz values and columns).
        assertTrue((Long) peak.get("svd") >= 8L * n * 32, "svd peak " + peak);
        assertTrue((Long) peak.get("ppmi") >= 12L * (Long) first.get("nnz"), "ppmi peak " + peak);
        assertTrue(peak.values().stream().allMatch(v -> (Long) v < Runtime.getRuntime().maxMemory()), "below -Xmx: " + peak);
        String run = (String) first.get("runId");
        assertEquals(peak.get("svd"), one("MATCH (r:EmbeddingRun {id: $run}) RETURN r.peakHeapBytesSvd", Map.of("run", run)));
    }

    @Test
    void statsComputesWithoutWriting() {
        long runs = (Long) one("MATCH (r:EmbeddingRun) RETURN count(r)", Map.of());
        long embeddings = (Long) one("MATCH (e:Embedding) RETURN count(e)", Map.of());
        Map<String, Object> stats = db.run("CALL spiky.pipeline.stats('k8', {rank: 32, spkDims: [16, 32]})").get(0);
        assertNull(stats.get("runId"));
        assertEquals(first.get("singularValues"), stats.get("singularValues"));
        assertEquals(first.get("spk"), stats.get("spk"));
        assertEquals(runs, one("MATCH (r:EmbeddingRun) RETURN count(r)", Map.of()));
        assertEquals(embeddings, one("MATCH (e:Embedding) RETURN count(e)", Map.of()));
    }

    @Test
    void anUnknownKeyNamesTheNearestAndWritesNothing() {
        long runs = (Long) one("MATCH (r:EmbeddingRun) RETURN count(r)", Map.of());
        QueryExecutionException e = assertThrows(QueryExecutionException.class, () -> db.run("CALL spiky.pipeline('k8', {rnak: 16})"));
        assertTrue(e.getMessage().contains("Did you mean [rank]"), e.getMessage());
        QueryExecutionException range = assertThrows(QueryExecutionException.class, () -> db.run("CALL spiky.pipeline('k8', {cosTheta: 2})"));
        assertTrue(range.getMessage().contains("cosTheta") && range.getMessage().contains("range"), range.getMessage());
        QueryExecutionException missing = assertThrows(QueryExecutionException.class, () -> db.run("CALL spiky.pipeline('nope', {})"));
        assertTrue(missing.getMessage().contains("no dataset named 'nope'"), missing.getMessage());
        assertEquals(runs, one("MATCH (r:EmbeddingRun) RETURN count(r)", Map.of()));
    }

    @Test
    void aRunThatCannotFitTheHeapIsRefusedBeforeItStartsWithTheEstimateAndTheAvailableMemory() {
        // A dataset's recorded counts are all the guard reads: a Dataset node claiming 50 billion
        // interactions stands for data that no test could hold.
        db.run("CREATE (:Dataset {name: 'huge', status: 'ready', items: 100000000, contexts: 200000000, interactions: 50000000000})");
        try {
            long runs = (Long) one("MATCH (r:EmbeddingRun) RETURN count(r)", Map.of());
            for (String call : new String[] {"CALL spiky.pipeline('huge', {})", "CALL spiky.pipeline.stats('huge', {})"}) {
                QueryExecutionException e = assertThrows(QueryExecutionException.class, () -> db.run(call));
                assertTrue(e.getMessage().contains("Not enough memory for reading 'huge'") && e.getMessage().contains("is available (of -Xmx"),
                        e.getMessage());
                assertTrue(e.getMessage().matches("(?s).*needs about [0-9.]+ GiB.*"), e.getMessage());
            }
            assertEquals(runs, one("MATCH (r:EmbeddingRun) RETURN count(r)", Map.of()), "no run was begun");
        } finally {
            db.run("MATCH (d:Dataset {name: 'huge'}) DELETE d");
        }
    }

    @Test
    void aRunThatFailsIsMarkedFailedAndLeavesNoResults() {
        QueryExecutionException e = assertThrows(QueryExecutionException.class,
                () -> db.run("CALL spiky.pipeline('k8', {rank: 4000, spkDims: [16]})"));
        assertTrue(e.getMessage().contains("rank"), e.getMessage());
        Map<String, Object> failed = db.run("MATCH (r:EmbeddingRun {dataset: 'k8', status: 'failed'}) RETURN r.id AS id, r.error AS error").get(0);
        assertTrue(((String) failed.get("error")).contains("rank"), failed.toString());
        assertEquals(0L, one("MATCH (e:Embedding {run: $id}) RETURN count(e)", Map.of("id", failed.get("id"))));
        assertEquals(first.get("runId"), one("MATCH (d:Dataset {name: 'k8'}) RETURN d.latestRun", Map.of()));
    }

    @Test
    void progressIsQueryable() {
        assertTrue(db.run("CALL spiky.progress()").isEmpty(), "no job runs between tests");
    }
}
