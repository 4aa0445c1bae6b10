package spiky.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.graphdb.QueryExecutionException;
import spiky.TestDatabase;
import spiky.graph.RunPpmi;

/**
 * A finished run's reports never change: a later run with other PPMI settings makes another
 * current set, but the earlier run's degrees and fitted DCBM still read the set it embedded, kept
 * as long as a run names it; spiky.run.delete removes a run and the set only it named.
 */
class FinishedRunReportsTest {
    private static final String TAGS = "MATCH (:Item {dataset: 'g'})-[p:PPMI]->() RETURN p.run AS tag, count(*) AS n ORDER BY tag";

    private static List<Map<String, Object>> degrees(TestDatabase db, String run) {
        return db.run("CALL spiky.degrees($run, {f: 8}) YIELD item, spike, norm, interactions, ppmiDegree, intraDegree "
                + "RETURN * ORDER BY item", Map.of("run", run));
    }

    private static List<Map<String, Object>> fits(TestDatabase db, String run) {
        return List.of(
                db.run("CALL spiky.dcbm.fit($run, {f: 8, weight: 'count', blocks: 50})", Map.of("run", run)).get(0),
                db.run("CALL spiky.dcbm.fit($run, {f: 8, weight: 'ppmi', blocks: 50})", Map.of("run", run)).get(0));
    }

    private static Map<String, Object> pipeline(TestDatabase db, String config) {
        return db.run("CALL spiky.pipeline('g', " + config + ")").get(0);
    }

    @Test
    void aLaterRunWithOtherPpmiSettingsLeavesAFinishedRunsReportsAsTheyWere(@TempDir Path dir) {
        try (TestDatabase db = new TestDatabase(dir)) {
            db.run("CALL spiky.dcbm.generate('g', {communities: 6, items: 600, contexts: 1500, maxLength: 30, mix: 0.1, "
                    + "exponent: 1.5, seed: 4})");
            String a = (String) pipeline(db, "{minCount: 2, rank: 16, spkDims: [8, 16], seed: 1}").get("runId");
            List<Map<String, Object>> degreesA = degrees(db, a);
            List<Map<String, Object>> fitsA = fits(db, a);

            Map<String, Object> rowB = pipeline(db, "{minCount: 4, topK: 50, rank: 16, spkDims: [8, 16], seed: 1}");
            String b = (String) rowB.get("runId");
            assertTrue((long) rowB.get("ppmiRelationships") > 0, "B's PPMI is another matrix, written: " + rowB);
            assertEquals(b, db.run("MATCH (d:Dataset {name: 'g'}) RETURN d.ppmiRun AS t").get(0).get("t"), "B's set is current");

            // Both read from the graph too, not only from the sets in memory.
            RunPpmi.in(db.db()).forget("g");
            assertEquals(degreesA, degrees(db, a), "A's degrees after B");
            assertEquals(fitsA, fits(db, a), "A's fitted DCBM after B");
            assertNotEquals(degreesA, degrees(db, b), "B's degrees are B's own");
            assertNotEquals(fitsA.get(0).get("totalWeight"), fits(db, b).get(0).get("totalWeight"));

            List<Map<String, Object>> tags = db.run(TAGS);
            assertEquals(List.of(a, b), tags.stream().map(t -> t.get("tag")).toList(), "A's set kept beside B's: " + tags);
            long pairsA = (long) tags.get(0).get("n");
            assertEquals(pairsA, (long) db.run("MATCH (r:EmbeddingRun {id: $a}) RETURN r.ppmiRelationships AS n", Map.of("a", a))
                    .get(0).get("n"));

            // A's settings again: the set A kept is that matrix, so nothing is written, the run names it.
            Map<String, Object> rowC = pipeline(db, "{minCount: 2, rank: 16, spkDims: [8], seed: 2}");
            String c = (String) rowC.get("runId");
            assertEquals(0L, rowC.get("ppmiRelationships"), rowC.toString());
            assertEquals(a, db.run("MATCH (r:EmbeddingRun {id: $c}) RETURN r.ppmiRun AS t", Map.of("c", c)).get(0).get("t"));
            assertEquals(b, db.run("MATCH (d:Dataset {name: 'g'}) RETURN d.ppmiRun AS t").get(0).get("t"), "still B's current");

            // Deleting A keeps its set (C names it); deleting C too removes it; B's stays.
            Map<String, Object> deletedA = db.run("CALL spiky.run.delete($a)", Map.of("a", a)).get(0);
            assertEquals(0L, deletedA.get("ppmiRelationships"), deletedA.toString());
            assertEquals(c, deletedA.get("latestRun"), "A was not the latest: C stays it");
            assertTrue((long) deletedA.get("embeddings") > 0, deletedA.toString());
            assertEquals(0L, db.run("MATCH (e:Embedding {run: $a}) RETURN count(e) AS n", Map.of("a", a)).get(0).get("n"));
            assertEquals(0L, db.run("MATCH (r:EmbeddingRun {id: $a}) RETURN count(r) AS n", Map.of("a", a)).get(0).get("n"));
            assertEquals(degreesA.size(), degrees(db, c).size(), "C reads the set A left");

            Map<String, Object> deletedC = db.run("CALL spiky.run.delete($c)", Map.of("c", c)).get(0);
            assertEquals(pairsA, deletedC.get("ppmiRelationships"), "the set only C named went with it");
            assertEquals(b, deletedC.get("latestRun"), "C was the latest: the newest other finished run, B, is now");
            assertEquals(b, db.run("MATCH (d:Dataset {name: 'g'}) RETURN d.latestRun AS t").get(0).get("t"));
            assertEquals(List.of(b), db.run(TAGS).stream().map(t -> t.get("tag")).toList());

            String unknown = assertThrows(QueryExecutionException.class, () -> db.run("CALL spiky.run.delete($c)", Map.of("c", c)))
                    .getMessage();
            assertTrue(unknown.contains("no run '" + c + "'"), unknown);
        }
    }

    @Test
    void aRunThatKeptNoPpmiSetReportsNoPpmiDegreesRatherThanAnotherRunsSet(@TempDir Path dir) {
        try (TestDatabase db = new TestDatabase(dir)) {
            db.run("CALL spiky.dcbm.generate('g', {communities: 4, items: 300, contexts: 900, maxLength: 25, mix: 0.1, "
                    + "exponent: 1.5, seed: 5})");
            pipeline(db, "{rank: 16, spkDims: [8]}");
            String bare = (String) pipeline(db, "{minCount: 3, rank: 16, spkDims: [8], writePpmi: false}").get("runId");
            List<Map<String, Object>> rows = degrees(db, bare);
            assertTrue(rows.size() > 0);
            assertTrue(rows.stream().allMatch(r -> (double) r.get("ppmiDegree") == 0.0), "no set, no PPMI degree");
            assertEquals(0L, fits(db, bare).get(0).get("edges"));
        }
    }
}
