package spiky.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spiky.TestDatabase;

/**
 * The Dataset node's list of PPMI set tags follows the sets in the store through writes, reuse,
 * run deletions and failures, so that removing unused sets needs no walk when none is unused;
 * a dataset from before the list gets it after one walk.
 */
class PpmiSetsTest {
    private static final String TAGS = "MATCH (:Item {dataset: 'g'})-[p:PPMI]->() RETURN DISTINCT p.run AS tag ORDER BY tag";

    @TempDir
    Path dir;

    private static List<Object> list(TestDatabase db) {
        Object value = db.run("MATCH (d:Dataset {name: 'g'}) RETURN d.ppmiSets AS s").get(0).get("s");
        return value == null ? null : Arrays.stream((String[]) value).sorted().map(t -> (Object) t).toList();
    }

    private static List<Object> inStore(TestDatabase db) {
        return db.run(TAGS).stream().map(r -> r.get("tag")).toList();
    }

    private static String pipeline(TestDatabase db, String config) {
        return (String) db.run("CALL spiky.pipeline('g', " + config + ")").get(0).get("runId");
    }

    @Test
    void theListFollowsTheSetsInTheStore() {
        try (TestDatabase db = new TestDatabase(dir)) {
            db.run("CALL spiky.dcbm.generate('g', {communities: 4, items: 300, contexts: 800, maxLength: 25, seed: 3})");
            assertEquals(List.of(), list(db), "an imported dataset starts with an empty list");

            String a = pipeline(db, "{minCount: 2, rank: 8, spkDims: [8], seed: 1}");
            String b = pipeline(db, "{minCount: 4, rank: 8, spkDims: [8], seed: 1}");
            assertEquals(List.of(a, b), inStore(db));
            assertEquals(inStore(db), list(db));

            // a spiky.ppmi.write replaces B's as current; B's stays, its run names it
            db.run("CALL spiky.ppmi.write('g', {minCount: 3})");
            String written = (String) db.run("MATCH (d:Dataset {name: 'g'}) RETURN d.ppmiRun AS t").get(0).get("t");
            assertEquals(List.of(a, b, written), inStore(db));
            assertEquals(inStore(db), list(db));

            // a second write: the first one's set is named by nothing any more and goes
            db.run("CALL spiky.ppmi.write('g', {minCount: 5})");
            String second = (String) db.run("MATCH (d:Dataset {name: 'g'}) RETURN d.ppmiRun AS t").get(0).get("t");
            assertEquals(List.of(a, b, second), inStore(db));
            assertEquals(inStore(db), list(db));

            db.run("CALL spiky.run.delete($a)", Map.of("a", a));
            assertEquals(List.of(b, second), inStore(db));
            assertEquals(inStore(db), list(db));
        }
    }

    @Test
    void aDatasetFromBeforeTheListIsWalkedOnceThenListed() {
        try (TestDatabase db = new TestDatabase(dir)) {
            db.run("CALL spiky.dcbm.generate('g', {communities: 4, items: 300, contexts: 800, maxLength: 25, seed: 3})");
            String a = pipeline(db, "{minCount: 2, rank: 8, spkDims: [8], seed: 1}");
            // as a store written before the list: no property, and a set that nothing names (a crash's leftover)
            db.run("MATCH (d:Dataset {name: 'g'}) REMOVE d.ppmiSets");
            db.run("MATCH (x:Item {dataset: 'g'}), (y:Item {dataset: 'g'}) WITH x, y LIMIT 3 CREATE (x)-[:PPMI {run: 'g-left', weight: 1.0, count: 2}]->(y)");
            assertEquals(List.of(a, "g-left"), inStore(db));

            String b = pipeline(db, "{minCount: 4, rank: 8, spkDims: [8], seed: 1}");
            assertEquals(List.of(a, b), inStore(db), "the walk removed the unnamed set");
            assertEquals(List.of(a, b), list(db), "and the list starts from what it kept");

            // from now on only listed sets are looked for: a relationship under a tag no write made is not walked for
            db.run("MATCH (x:Item {dataset: 'g'}), (y:Item {dataset: 'g'}) WITH x, y LIMIT 1 CREATE (x)-[:PPMI {run: 'g-unlisted', weight: 1.0, count: 2}]->(y)");
            db.run("CALL spiky.run.delete($a)", Map.of("a", a));
            List<Object> left = inStore(db);
            assertTrue(left.contains("g-unlisted") && !left.contains(a), left.toString());
            assertEquals(List.of(b), list(db));
        }
    }
}
