package spiky.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.graphdb.Transaction;
import spiky.Progress;
import spiky.TestDatabase;
import spiky.data.Interactions;
import spiky.data.InteractionsBuilder;

/**
 * The dataset writer on a real embedded database: its parallel writers give the graph its
 * sequential write gives, and a failure at any point of the write leaves the store as it was.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatasetWriterTest {
    private TestDatabase db;

    @BeforeAll
    void start(@TempDir Path dir) {
        db = new TestDatabase(dir);
    }

    @AfterAll
    void stop() {
        db.close();
    }

    /**
     * 3,000 rows over 120 items (string ids, some named) and 400 contexts (integer ids), heavy
     * on a few items so that some have more than Neo4j's 50 relationships of a dense node; some
     * rows without a timestamp or a weight, some repeated.
     */
    private static Interactions data(long seed) {
        Random random = new Random(seed);
        InteractionsBuilder b = new InteractionsBuilder();
        for (int r = 0; r < 3_000; r++) {
            int item = random.nextInt(4) == 0 ? random.nextInt(5) : random.nextInt(120);
            long ts = random.nextInt(10) == 0 ? InteractionsBuilder.NO_TIMESTAMP : 1_600_000_000L + random.nextInt(1_000_000);
            double w = random.nextInt(7) == 0 ? Double.NaN : 1 + random.nextInt(5);
            b.add("item-" + item, Integer.toString(1 + random.nextInt(400)), ts, w);
        }
        for (int i = 0; i < 120; i += 3) {
            b.name("item-" + i, "Item number " + i);
        }
        return b.build();
    }

    /** Every node and relationship of a dataset, as sorted lines without the dataset property; items in node-id order first. */
    private List<String> dump(String dataset) {
        List<String> lines = new ArrayList<>();
        try (Transaction tx = db.db().beginTx()) {
            tx.findNodes(GraphModel.ITEM, "dataset", dataset).stream().sorted((a, b) -> Long.compare(a.getId(), b.getId()))
                    .forEach(n -> lines.add("item order " + n.getProperty("id")));
            List<String> sorted = new ArrayList<>();
            tx.findNodes(GraphModel.ITEM, "dataset", dataset).forEachRemaining(n -> {
                sorted.add("item " + properties(n.getAllProperties()));
                n.getRelationships().forEach(r -> sorted.add("in " + r.getStartNode().getProperty("id") + " -> "
                        + r.getEndNode().getProperty("id") + " " + r.getType().name() + " " + r.getEndNode().getLabels() + " "
                        + properties(r.getAllProperties())));
            });
            tx.findNodes(GraphModel.CONTEXT, "dataset", dataset).forEachRemaining(n -> sorted.add("context " + properties(n.getAllProperties())
                    + " degree " + n.getDegree()));
            Collections.sort(sorted);
            lines.addAll(sorted);
        }
        return lines;
    }

    private static String properties(Map<String, Object> p) {
        TreeMap<String, Object> m = new TreeMap<>(p);
        m.remove("dataset");
        StringBuilder s = new StringBuilder();
        m.forEach((k, v) -> s.append(k).append('=').append(shown(v)).append(':').append(v.getClass().getSimpleName()).append(' '));
        return s.toString();
    }

    /** Properties sorted by key, arrays by their elements (an array's own toString is its identity). */
    private static Map<Object, Object> shown(Map<?, ?> p) {
        TreeMap<Object, Object> m = new TreeMap<>();
        p.forEach((k, v) -> m.put(k, shown(v)));
        return m;
    }

    private static Object shown(Object v) {
        if (v == null || !v.getClass().isArray()) {
            return v;
        }
        List<Object> elements = new ArrayList<>();
        for (int i = 0; i < java.lang.reflect.Array.getLength(v); i++) {
            elements.add(java.lang.reflect.Array.get(v, i));
        }
        return elements;
    }

    /** The whole store: every node with its labels and properties, every relationship, as sorted lines. */
    private List<String> store() {
        List<String> lines = new ArrayList<>();
        db.run("MATCH (n) RETURN labels(n) AS l, properties(n) AS p").forEach(r -> lines.add(r.get("l") + " " + shown((Map<?, ?>) r.get("p"))));
        db.run("MATCH (a)-[r]->(b) RETURN a.id AS a, type(r) AS t, properties(r) AS p, b.id AS b")
                .forEach(r -> lines.add(r.get("a") + " " + r.get("t") + " " + shown((Map<?, ?>) r.get("p")) + " " + r.get("b")));
        Collections.sort(lines);
        return lines;
    }

    @Test
    void theParallelWritersWriteTheGraphOfTheSequentialWriteNodeForNodeAndPropertyForProperty() {
        Interactions data = data(7);
        new DatasetWriter(db.db(), 50, 1, Progress.NONE).write("sequential", data, Map.of("format", "test"), false);
        for (int writers : new int[] {2, 3}) {
            List<String> reports = Collections.synchronizedList(new ArrayList<>());
            DatasetWriter parallel = new DatasetWriter(db.db(), 50, writers, (stage, done, total) -> reports.add(stage + " " + done + "/" + total));
            parallel.write("parallel" + writers, data, Map.of("format", "test"), false);
            List<String> expected = dump("sequential");
            assertTrue(expected.size() > 3_000, "a real graph: " + expected.size());
            assertEquals(expected, dump("parallel" + writers), writers + " writers");
            // Writers of one round share no node, but a relationship of an earlier round can head the chains of an item
            // of one writer and a context of another: both lock it, and a deadlock between them is broken by a retry.
            assertTrue(parallel.retries() >= 0 && parallel.retries() < 20, "retries: " + parallel.retries());
            long total = (long) data.itemCount() + data.contextCount() + data.size();
            assertEquals("writing interactions " + total + "/" + total, reports.get(reports.size() - 1), "progress reaches the total last");
        }
        Map<String, Object> counts = db.run("MATCH (d:Dataset {name: 'parallel3'}) RETURN d.items AS i, d.contexts AS c, d.interactions AS n, "
                + "d.status AS s").get(0);
        assertEquals(Map.of("i", (long) data.itemCount(), "c", (long) data.contextCount(), "n", (long) data.size(), "s", GraphModel.STATUS_READY), counts);
        assertTrue(db.run("MATCH (i:Item {dataset: 'parallel3'}) WHERE COUNT { (i)-[:IN]->() } > 50 RETURN i").size() >= 2,
                "some items are dense nodes");
    }

    @Test
    void aFailureAtAnyPointOfTheWriteLeavesTheStoreAsItWas() {
        new DatasetWriter(db.db(), 50, 2, Progress.NONE).write("kept", data(3), Map.of(), true);
        List<String> before = store();
        Interactions data = data(11);
        long total = (long) data.itemCount() + data.contextCount() + data.size();
        for (String stage : List.of("writing items and contexts", "writing interactions")) {
            for (int writers : new int[] {1, 2}) {
                IllegalStateException stop = new IllegalStateException("stopped while " + stage);
                Progress failing = (s, done, n) -> {
                    if (s.equals(stage) && done > (stage.startsWith("writing items") ? 60 : total - 500)) {
                        throw stop;
                    }
                };
                DatasetWriter writer = new DatasetWriter(db.db(), 20, writers, failing);
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> writer.write("failed", data, Map.of(), false));
                assertSame(stop, e, stage + ", " + writers + " writers");
                assertEquals(before, store(), "after a failure while " + stage + " with " + writers + " writers");
            }
        }
    }
}
