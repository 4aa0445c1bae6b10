package spiky.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.Transaction;
import spiky.Progress;
import spiky.TestDatabase;
import spiky.algo.Termination;

/** The batched writer and the undo helper on a real embedded database: 25 nodes written in slices of 10. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BatchedWritesTest {
    private static final Label THING = Label.label("Thing");
    private static final int N = 25;
    private static final int BATCH = 10;

    private TestDatabase db;
    private long[] nodes;
    private final List<String> reports = new ArrayList<>();
    private final Progress progress = (stage, done, total) -> reports.add(stage + " " + done + "/" + total);

    @BeforeAll
    void start(@TempDir Path dir) {
        db = new TestDatabase(dir);
    }

    @AfterAll
    void stop() {
        db.close();
    }

    /** N nodes, v = "old" on the even ones, no v on the odd ones. */
    @BeforeEach
    void things() {
        db.run("MATCH (t:Thing) DETACH DELETE t");
        nodes = new long[N];
        try (Transaction tx = db.db().beginTx()) {
            for (int i = 0; i < N; i++) {
                Node n = tx.createNode(THING);
                n.setProperty("i", i);
                if (i % 2 == 0) {
                    n.setProperty("v", "old");
                }
                nodes[i] = n.getId();
            }
            tx.commit();
        }
        reports.clear();
    }

    private BatchedWrites writes(Termination termination) {
        return new BatchedWrites(db.db(), progress, termination);
    }

    /** Sets v = "new" on [start, end), failing at index {@code failAt}; returns what each node had. */
    private BatchedWrites.RangeWrite<Map<Long, Object>> setNew(int failAt) {
        return (tx, start, end) -> {
            Map<Long, Object> before = new HashMap<>();
            for (int a = start; a < end; a++) {
                if (a == failAt) {
                    throw new IllegalStateException("write failed at " + a);
                }
                Node n = tx.getNodeById(nodes[a]);
                before.put(n.getId(), n.getProperty("v", null));
                n.setProperty("v", "new");
            }
            return before;
        };
    }

    private static void putBack(Transaction tx, Map<Long, Object> before) {
        before.forEach((id, v) -> {
            Node n = tx.getNodeById(id);
            if (v == null) {
                n.removeProperty("v");
            } else {
                n.setProperty("v", v);
            }
        });
    }

    /** v by node index, "-" where absent. */
    private List<Object> values() {
        List<Object> out = new ArrayList<>();
        try (Transaction tx = db.db().beginTx()) {
            for (long id : nodes) {
                out.add(tx.getNodeById(id).getProperty("v", "-"));
            }
        }
        return out;
    }

    private List<Object> original() {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            out.add(i % 2 == 0 ? "old" : "-");
        }
        return out;
    }

    @Test
    void aWriteThatSucceedsCommitsEverySliceAndReportsAfterEach() {
        BatchedWrites.Committed<Map<Long, Object>> c = writes(Termination.NONE).undoableRanges("setting v", N, BATCH, setNew(-1),
                BatchedWritesTest::putBack);
        assertEquals(3, c.batches());
        assertEquals(List.of("setting v 10/25", "setting v 20/25", "setting v 25/25"), reports);
        assertEquals(List.of("new"), values().stream().distinct().toList());
        // The caller's next step failing: undo() puts back what every slice replaced, absent values included.
        c.undo();
        assertEquals(original(), values());
        assertEquals(0, c.batches());
    }

    @Test
    void aFailureInTheThirdSliceUndoesTheTwoCommittedBeforeIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> writes(Termination.NONE).undoableRanges("setting v", N, BATCH, setNew(22), BatchedWritesTest::putBack));
        assertEquals("write failed at 22", e.getMessage());
        assertEquals(List.of("setting v 10/25", "setting v 20/25"), reports);
        // Slices 1 and 2 were committed, then undone; slice 3 (20, 21 set before the failure) was rolled back.
        assertEquals(original(), values());
    }

    @Test
    void terminationStopsTheWriteBeforeTheNextSliceAndUndoesWhatWasCommitted() {
        AtomicInteger checks = new AtomicInteger();
        RuntimeException stop = new RuntimeException("terminated");
        Termination third = () -> {
            if (checks.incrementAndGet() == 3) {
                throw stop;
            }
        };
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> writes(third).undoableRanges("setting v", N, BATCH, setNew(-1), BatchedWritesTest::putBack));
        assertSame(stop, e);
        assertEquals(3, checks.get(), "checked before each slice, and the undo does not check");
        assertEquals(List.of("setting v 10/25", "setting v 20/25"), reports);
        assertEquals(original(), values());
    }

    @Test
    void aFailingUndoTravelsWithTheFailureThatCausedIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> writes(Termination.NONE).undoableRanges(
                "setting v", N, BATCH, setNew(15), (tx, before) -> {
                    throw new IllegalArgumentException("undo failed");
                }));
        assertEquals("write failed at 15", e.getMessage());
        assertEquals(1, e.getSuppressed().length);
        assertEquals("undo failed", e.getSuppressed()[0].getMessage());
    }

    @Test
    void undoGetReturnsTheValueAndRunsNoUndoWhenTheWorkSucceeds() {
        AtomicInteger undone = new AtomicInteger();
        assertEquals(7, Undo.get(() -> 7, undone::incrementAndGet));
        assertEquals(0, undone.get());
        List<Throwable> seen = new ArrayList<>();
        RuntimeException failure = new RuntimeException("boom");
        assertSame(failure, assertThrows(RuntimeException.class, () -> Undo.get(() -> {
            throw failure;
        }, seen::add)));
        assertEquals(List.of(failure), seen);
    }

    @Test
    void aRollingTransactionCommitsEveryBatchAndTheRest() {
        try (BatchedWrites.Rolling batch = writes(Termination.NONE).rolling("linking", N - 1, BATCH)) {
            for (int i = 0; i + 1 < N; i++) {
                batch.tx().getNodeById(nodes[i]).createRelationshipTo(batch.tx().getNodeById(nodes[i + 1]), RelationshipType.withName("NEXT"));
                if (batch.add()) {
                    batch.next();
                }
            }
            batch.commit();
            assertEquals(N - 1, batch.done());
        }
        assertEquals(List.of("linking 10/24", "linking 20/24", "linking 24/24"), reports);
        assertEquals(N - 1L, db.run("MATCH (:Thing)-[r:NEXT]->(:Thing) RETURN count(r) AS c").get(0).get("c"));
    }

    @Test
    void aRollingTransactionThatFailsKeepsTheCommittedBatchesOnly() {
        assertThrows(IllegalStateException.class, () -> {
            try (BatchedWrites.Rolling batch = writes(Termination.NONE).rolling("linking", N - 1, BATCH)) {
                for (int i = 0; i + 1 < N; i++) {
                    if (i == 15) {
                        throw new IllegalStateException("failed");
                    }
                    batch.tx().getNodeById(nodes[i]).createRelationshipTo(batch.tx().getNodeById(nodes[i + 1]),
                            RelationshipType.withName("NEXT"));
                    if (batch.add()) {
                        batch.next();
                    }
                }
                batch.commit();
            }
        });
        // The first batch of 10 was committed; the open one (5) rolled back. Undoing it is the caller's (PpmiWriter.write).
        assertEquals(10L, db.run("MATCH (:Thing)-[r:NEXT]->(:Thing) RETURN count(r) AS c").get(0).get("c"));
    }

    @Test
    void untilDoneRepeatsTheChunkUntilItFindsNothingLeft() {
        AtomicInteger transactions = new AtomicInteger();
        long deleted = writes(Termination.NONE).untilDone(BATCH, (tx, limit) -> {
            transactions.incrementAndGet();
            int done = 0;
            try (var it = tx.findNodes(THING)) {
                while (it.hasNext() && done < limit) {
                    it.next().delete();
                    done++;
                }
            }
            return done;
        });
        assertEquals(N, deleted);
        assertEquals(4, transactions.get(), "10 + 10 + 5, then one that finds none");
        assertEquals(0L, db.run("MATCH (t:Thing) RETURN count(t) AS c").get(0).get("c"));
    }
}
