package spiky.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;
import org.neo4j.kernel.DeadlockDetectedException;
import spiky.Progress;
import spiky.TestDatabase;
import spiky.algo.Termination;

/** The parallel batched writer on a real embedded database: two slices of 100 nodes in batches of 10, side by side. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ParallelBatchesTest {
    private static final Label THING = Label.label("Thing");

    private TestDatabase db;

    @BeforeAll
    void start(@TempDir Path dir) {
        db = new TestDatabase(dir);
    }

    @AfterAll
    void stop() {
        db.close();
    }

    @BeforeEach
    void empty() {
        db.run("MATCH (t:Thing) DETACH DELETE t");
    }

    /** Writes Thing {slice, i} for i in [start, end). */
    private static BatchedWrites.RangeWrite<Void> things(String slice) {
        return (tx, start, end) -> {
            for (int i = start; i < end; i++) {
                Node n = tx.createNode(THING);
                n.setProperty("slice", slice);
                n.setProperty("i", i);
            }
            return null;
        };
    }

    private List<String> written() {
        List<String> out = new ArrayList<>();
        db.run("MATCH (t:Thing) RETURN t.slice AS s, t.i AS i").forEach(r -> out.add(r.get("s") + "" + r.get("i")));
        Collections.sort(out);
        return out;
    }

    private static List<String> expected(String slice, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(slice + i);
        }
        return out;
    }

    @Test
    void aBatchThatFailsWithADeadlockIsRolledBackAndTriedAgainSoEveryNodeIsWrittenOnce() {
        AtomicInteger failures = new AtomicInteger();
        BatchedWrites.RangeWrite<Void> a = things("a");
        BatchedWrites.RangeWrite<Void> flaky = (tx, start, end) -> {
            things("b").write(tx, start, end);
            // The batch's nodes are in the transaction when it fails: the retry must not find them committed.
            if (start == 30 && failures.getAndIncrement() == 0) {
                throw new DeadlockDetectedException("a deadlock in this test's batch [30, 40)");
            }
            return null;
        };
        Set<String> threads = ConcurrentHashMap.newKeySet();
        List<Long> reported = Collections.synchronizedList(new ArrayList<>());
        Progress progress = (stage, done, total) -> {
            threads.add(Thread.currentThread().getName());
            reported.add(done);
            assertEquals(200, total);
        };
        ParallelBatches batches = new ParallelBatches(db.db(), 2, progress, Termination.NONE);
        batches.run("things", 200, List.of(List.of(new ParallelBatches.Slice(a, 0, 100, 10), new ParallelBatches.Slice(flaky, 0, 100, 10))));

        List<String> all = new ArrayList<>(expected("a", 100));
        all.addAll(expected("b", 100));
        Collections.sort(all);
        assertEquals(all, written());
        assertEquals(1, batches.retries());
        assertEquals(2, failures.get(), "the failed batch was tried twice");
        assertEquals(20, reported.size(), "one report per committed batch");
        assertEquals(200L, Collections.max(reported));
        assertEquals(2, threads.size(), "two writer threads: " + threads);
        assertFalse(threads.contains(Thread.currentThread().getName()), "the slices ran beside the caller: " + threads);
    }

    @Test
    void aTransientFailureThatPersistsStandsAfterTheLastAttempt() {
        AtomicInteger attempts = new AtomicInteger();
        BatchedWrites.RangeWrite<Void> always = (tx, start, end) -> {
            attempts.incrementAndGet();
            throw new DeadlockDetectedException("always");
        };
        ParallelBatches batches = new ParallelBatches(db.db(), 1, Progress.NONE, Termination.NONE);
        DeadlockDetectedException e = assertThrows(DeadlockDetectedException.class,
                () -> batches.run("things", 10, List.of(List.of(new ParallelBatches.Slice(always, 0, 10, 10)))));
        assertEquals("always", e.getMessage());
        assertEquals(ParallelBatches.ATTEMPTS, attempts.get());
        assertEquals(ParallelBatches.ATTEMPTS - 1, batches.retries());
    }

    @Test
    void anyOtherFailureStopsEverySliceBeforeItsNextBatchAndIsRethrownAfterTheyStopped() {
        // The slow slice takes 20 ms a batch; the failing one fails at its third batch, long before the slow one's 100th.
        IllegalStateException boom = new IllegalStateException("boom");
        AtomicInteger slowBatches = new AtomicInteger();
        AtomicInteger afterReturn = new AtomicInteger(-1);
        BatchedWrites.RangeWrite<Void> failing = (tx, start, end) -> {
            if (start == 20) {
                throw boom;
            }
            return things("a").write(tx, start, end);
        };
        BatchedWrites.RangeWrite<Void> slow = (tx, start, end) -> {
            slowBatches.incrementAndGet();
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return things("b").write(tx, start, end);
        };
        ParallelBatches batches = new ParallelBatches(db.db(), 2, Progress.NONE, Termination.NONE);
        List<List<ParallelBatches.Slice>> rounds = List.of(
                List.of(new ParallelBatches.Slice(failing, 0, 100, 10), new ParallelBatches.Slice(slow, 0, 1000, 10)),
                List.of(new ParallelBatches.Slice(things("c"), 0, 10, 10)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> batches.run("things", 1110, rounds));
        assertSame(boom, e, "the failure itself, not the transient retry's nor a wrapper");
        afterReturn.set(slowBatches.get());
        List<String> left = written();
        List<String> a = expected("a", 20);
        Collections.sort(a);
        assertEquals(a, left.stream().filter(s -> s.startsWith("a")).toList(), "the failing slice's batches before the failure");
        long b = left.stream().filter(s -> s.startsWith("b")).count();
        assertTrue(b < 1000, "the other slice stopped early: " + b);
        assertEquals(b, slowBatches.get() * 10L, "every batch the other slice began was committed whole before run returned");
        assertTrue(left.stream().noneMatch(s -> s.startsWith("c")), "the next round never began");
        try {
            Thread.sleep(100);
        } catch (InterruptedException interrupted) {
            throw new IllegalStateException(interrupted);
        }
        assertEquals(afterReturn.get(), slowBatches.get(), "no batch began after run returned");
        assertEquals(left, written(), "nothing written after run returned");
    }
}
