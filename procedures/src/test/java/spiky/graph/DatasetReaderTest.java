package spiky.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import spiky.Progress;
import spiky.TestDatabase;
import spiky.algo.Termination;

/** Reading a dataset on several threads gives the arrays one thread gives, and they are the graph's interactions. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatasetReaderTest {
    @TempDir
    static Path dir;

    private TestDatabase database;

    @BeforeAll
    void setUp() {
        database = new TestDatabase(dir.resolve("db"));
        // 3,000 items: many ranges of items on each thread.
        database.run("CALL spiky.dcbm.generate('d', {items: 3000, contexts: 2000, minLength: 5, maxLength: 30, communities: 4})");
    }

    @AfterAll
    void tearDown() {
        database.close();
    }

    @Test
    void everyConcurrencyGivesTheSameArrays() {
        DatasetArrays one = DatasetReader.read(database.db(), "d", null, 1, Progress.NONE, Termination.NONE);
        for (int threads : new int[] {2, 3, 8}) {
            DatasetArrays many = DatasetReader.read(database.db(), "d", null, threads, Progress.NONE, Termination.NONE);
            same(one, many, "concurrency " + threads);
        }
        long until = ((Number) database.run("MATCH (:Item {dataset: 'd'})-[r:IN]->() RETURN percentileDisc(r.timestamp, 0.5) AS t")
                .get(0).get("t")).longValue();
        DatasetArrays before = DatasetReader.read(database.db(), "d", until, 1, Progress.NONE, Termination.NONE);
        assertTrue(before.interactions() > 0 && before.interactions() < one.interactions(), "until keeps a part");
        same(before, DatasetReader.read(database.db(), "d", until, 3, Progress.NONE, Termination.NONE), "until, concurrency 3");
    }

    @Test
    void theArraysHoldEachItemsAndEachContextsInteractions() {
        DatasetArrays a = DatasetReader.read(database.db(), "d", null, 3, Progress.NONE, Termination.NONE);
        Map<Object, Long> itemDegree = new HashMap<>();
        database.run("MATCH (i:Item {dataset: 'd'}) RETURN i.id AS id, COUNT { (i)-[:IN]->() } AS n", Map.of())
                .forEach(row -> itemDegree.put(row.get("id"), ((Number) row.get("n")).longValue()));
        List<Long> contextDegrees = new ArrayList<>();
        database.run("MATCH (c:Context {dataset: 'd'}) WITH COUNT { ()-[:IN]->(c) } AS n WHERE n > 0 RETURN n ORDER BY n", Map.of())
                .forEach(row -> contextDegrees.add(((Number) row.get("n")).longValue()));

        Map<Object, Long> readItems = new HashMap<>();
        long[] perContext = new long[a.contexts()];
        for (int k = 0; k < a.interactions(); k++) {
            readItems.merge(a.itemIds()[a.itemOf()[k]], 1L, Long::sum);
            perContext[a.contextOf()[k]]++;
        }
        itemDegree.values().removeIf(n -> n == 0);
        assertEquals(itemDegree, readItems, "each item's interactions");
        assertEquals(contextDegrees, Arrays.stream(perContext).sorted().boxed().toList(), "the contexts' sizes");
        assertEquals(((Number) database.run("MATCH (i:Item {dataset: 'd'}) RETURN count(i) AS n").get(0).get("n")).intValue(),
                a.itemNodes().length, "every item listed");
    }

    private static void same(DatasetArrays expected, DatasetArrays actual, String what) {
        assertArrayEquals(expected.itemNodes(), actual.itemNodes(), what);
        assertArrayEquals(expected.itemIds(), actual.itemIds(), what);
        assertArrayEquals(expected.keyRank(), actual.keyRank(), what);
        assertEquals(expected.contexts(), actual.contexts(), what);
        assertArrayEquals(expected.itemOf(), actual.itemOf(), what);
        assertArrayEquals(expected.contextOf(), actual.contextOf(), what);
    }
}
