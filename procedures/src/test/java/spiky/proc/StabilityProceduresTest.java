package spiky.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

/**
 * spiky.snapshots and spiky.stability on a generated DCBM whose contexts arrive one a minute
 * (context j at 1600000000 + 60·(j−1)): snapshots see the first contexts only; stability against
 * the last snapshot is 1 for the run itself and measured for the others.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StabilityProceduresTest {
    private static final long T0 = 1_600_000_000L;

    private TestDatabase db;
    private List<Map<String, Object>> snapshots;

    @BeforeAll
    void start(@TempDir Path dir) {
        db = new TestDatabase(dir);
        db.run("CALL spiky.dcbm.generate('timed', {communities: 6, items: 600, contexts: 1500, seed: 8})");
        db.run("CALL spiky.dcbm.generate('other', {communities: 3, items: 200, contexts: 400, seed: 2})");
        snapshots = db.run("CALL spiky.snapshots('timed', {cuts: [$a, $b, $c], rank: 16, spkDims: [8, 16]})",
                Map.of("a", T0 + 60 * 599, "b", T0 + 60 * 999, "c", "2020-09-14T13:25:40Z")); // the last context's moment, as a date-time
    }

    @AfterAll
    void stop() {
        if (db != null) {
            db.close();
        }
    }

    @Test
    void eachSnapshotEmbedsTheInteractionsUpToItsMoment() {
        assertEquals(3, snapshots.size());
        for (Map<String, Object> s : snapshots) {
            assertEquals("finished", s.get("status"));
        }
        long contextsAt = ((Number) db.run("MATCH (r:EmbeddingRun {id: $id}) MATCH (:Item {dataset: 'timed'})-[i:IN]->(c) "
                + "WHERE i.timestamp <= r.until RETURN count(DISTINCT c) AS c", Map.of("id", snapshots.get(0).get("runId"))).get(0).get("c")).longValue();
        assertEquals(600, contextsAt, "the first cut holds contexts 1..600");
        long n0 = ((Number) snapshots.get(0).get("n")).longValue();
        long n1 = ((Number) snapshots.get(1).get("n")).longValue();
        assertTrue(n0 <= n1, n0 + " items at the first cut, " + n1 + " at the second");
        assertEquals(T0 + 60 * 599, ((Number) db.run("MATCH (r:EmbeddingRun {id: $id}) RETURN r.until AS u",
                Map.of("id", snapshots.get(0).get("runId"))).get(0).get("u")).longValue());
        // A plain pipeline run with until gives the same matrix as the snapshot.
        Map<String, Object> again = db.run("CALL spiky.pipeline.stats('timed', {rank: 16, spkDims: [8, 16], until: $u})",
                Map.of("u", T0 + 60 * 599)).get(0);
        assertEquals(snapshots.get(0).get("nnz"), again.get("nnz"));
        assertEquals(0L, ((Number) db.run("MATCH (:Item {dataset: 'timed'})-[p:PPMI]->() RETURN count(p) AS c").get(0).get("c")).longValue(),
                "snapshots leave PPMI relationships alone by default");
    }

    @Test
    void stabilityIsOneForTheReferenceItselfAndMeasuredPerPartitionAndMetric() {
        String ref = (String) snapshots.get(2).get("runId");
        List<String> runs = snapshots.stream().map(s -> (String) s.get("runId")).toList();
        List<Map<String, Object>> rows = db.run("CALL spiky.stability($ref, $runs, {partitions: 4, sample: 50, k: 20, seed: 1})",
                Map.of("ref", ref, "runs", runs));
        assertEquals(3 * 4 * 2, rows.size(), "runs × partitions × metrics");
        for (Map<String, Object> r : rows) {
            double j = ((Number) r.get("meanJaccard")).doubleValue();
            assertTrue(j >= 0 && j <= 1, r.toString());
            assertTrue(((Number) r.get("ciLow")).doubleValue() <= j && j <= ((Number) r.get("ciHigh")).doubleValue() + 1e-12, r.toString());
            if (r.get("run").equals(ref)) {
                assertEquals(1.0, j, 1e-12, r.toString());
                assertEquals(0L, r.get("missing"));
            }
        }
        double earliest = rows.stream().filter(r -> r.get("run").equals(runs.get(0))).mapToDouble(r -> ((Number) r.get("meanJaccard")).doubleValue())
                .average().orElseThrow();
        assertTrue(earliest < 1.0, "40% of the contexts do not give the same lists: " + earliest);
        Map<String, Object> low = rows.get(0);
        assertEquals(1L, low.get("partition"));
        assertTrue(((Number) low.get("normMax")).doubleValue() <= ((Number) rows.stream().filter(r -> r.get("partition").equals(4L))
                .findFirst().orElseThrow().get("normMin")).doubleValue());
    }

    @Test
    void badRequestsAreNamed() {
        String ref = (String) snapshots.get(2).get("runId");
        String other = (String) db.run("CALL spiky.pipeline('other', {rank: 8, spkDims: [8]})").get(0).get("runId");
        assertTrue(failure("CALL spiky.stability($ref, [$o], {})", Map.of("ref", ref, "o", other)).contains("embeds dataset 'other'"));
        assertTrue(failure("CALL spiky.stability($ref, [$ref], {metrik: 'dot'})", Map.of("ref", ref)).contains("metric"));
        assertTrue(failure("CALL spiky.stability($ref, [], {})", Map.of("ref", ref)).contains("runs"));
        assertTrue(failure("CALL spiky.snapshots('timed', {every: 'P1Q', from: '2020-01-01'})", Map.of()).contains("every"));
        assertTrue(failure("CALL spiky.snapshots('timed', {cuts: [1], every: 'P1Y', from: '2020-01-01'})", Map.of()).contains("not both"));
        assertTrue(failure("CALL spiky.snapshots('timed', {cuts: ['yesterday']})", Map.of()).contains("ISO-8601"));
        assertTrue(failure("CALL spiky.pipeline('timed', {until: '2020-13-01'})", Map.of()).contains("until"));
    }

    private String failure(String cypher, Map<String, Object> params) {
        long runs = ((Number) db.run("MATCH (r:EmbeddingRun) RETURN count(r) AS c").get(0).get("c")).longValue();
        QueryExecutionException e = assertThrows(QueryExecutionException.class, () -> db.run(cypher, params));
        assertEquals(runs, ((Number) db.run("MATCH (r:EmbeddingRun) RETURN count(r) AS c").get(0).get("c")).longValue(),
                "a refused call leaves no run behind");
        return e.getMessage();
    }
}
