package spiky.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import spiky.Progress;
import spiky.algo.Termination;

/**
 * Writes ranges of indexes in transactions of a bounded size from several threads at once, round
 * after round: the slices of one round run side by side (at most {@code threads} at a time), each
 * in transactions of its batch committed one after the other, and a round begins when every slice
 * of the one before has ended. The caller makes the slices of a round touch disjoint nodes
 * ({@link spiky.data.InteractionGrid}), so that they do not wait on each other's locks.
 *
 * A transaction that fails with a transient error (a deadlock Neo4j broke by failing it, say with
 * another client's transaction) was rolled back whole, so it is tried again, up to {@link #ATTEMPTS}
 * times. The first other failure, or termination, stops every slice before its next batch;
 * {@link #run} returns only when no thread writes any more and rethrows that failure: undoing what
 * the committed batches wrote is the caller's job. With one thread (or one slice per round) the
 * slices run in the calling thread, one after the other.
 */
public final class ParallelBatches {
    /** Tries of one transaction that keeps failing with transient errors before its failure stands. */
    public static final int ATTEMPTS = 5;

    /** Writes the indexes [start, end) of {@code write} in transactions of {@code batch}. */
    public record Slice(BatchedWrites.RangeWrite<?> write, int start, int end, int batch) {}

    private final GraphDatabaseService db;
    private final int threads;
    private final Progress progress;
    private final Termination termination;
    private final AtomicInteger retries = new AtomicInteger();
    private volatile boolean stopped;

    public ParallelBatches(GraphDatabaseService db, int threads, Progress progress, Termination termination) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        }
        this.db = db;
        this.threads = threads;
        this.progress = progress;
        this.termination = termination;
    }

    /** Transactions tried again after a transient failure, so far. */
    public int retries() {
        return retries.get();
    }

    /**
     * Runs the rounds one after the other, reporting {@code stage} with the indexes written so far
     * (all slices together) against {@code total} after each commit.
     */
    public void run(String stage, long total, List<List<Slice>> rounds) {
        AtomicLong done = new AtomicLong();
        int most = rounds.stream().mapToInt(List::size).max().orElse(0);
        int pool = Math.min(threads, most);
        if (pool <= 1) {
            for (List<Slice> round : rounds) {
                for (Slice s : round) {
                    slice(s, stage, total, done);
                }
            }
            return;
        }
        AtomicInteger named = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(pool, r -> {
            Thread t = new Thread(r, "spiky-writer-" + named.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Throwable failure = null;
        boolean interrupted = false;
        try {
            for (List<Slice> round : rounds) {
                List<Future<?>> running = new ArrayList<>();
                for (Slice s : round) {
                    running.add(executor.submit(() -> slice(s, stage, total, done)));
                }
                for (Future<?> f : running) {
                    while (true) {
                        try {
                            f.get();
                            break;
                        } catch (InterruptedException e) {
                            // The writers must have stopped before the caller undoes anything: stop them, keep waiting.
                            interrupted = true;
                            stopped = true;
                            failure = failure == null ? e : failure;
                        } catch (ExecutionException e) {
                            stopped = true;
                            if (failure == null) {
                                failure = e.getCause();
                            } else if (failure != e.getCause()) {
                                failure.addSuppressed(e.getCause());
                            }
                            break;
                        }
                    }
                }
                if (failure != null) {
                    break;
                }
            }
        } finally {
            executor.shutdown();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        if (failure != null) {
            throw new IllegalStateException("the write was interrupted", failure);
        }
    }

    private void slice(Slice s, String stage, long total, AtomicLong done) {
        for (int start = s.start(); start < s.end(); start += s.batch()) {
            if (stopped) {
                return;
            }
            termination.check();
            int end = Math.min(s.end(), start + s.batch());
            batch(s.write(), start, end);
            synchronized (progress) {
                // Counted and reported under one lock, so that the reports never go backwards.
                progress.report(stage, done.addAndGet(end - start), total);
            }
        }
    }

    private void batch(BatchedWrites.RangeWrite<?> write, int start, int end) {
        for (int attempt = 1; ; attempt++) {
            try (Transaction tx = db.beginTx()) {
                write.write(tx, start, end);
                tx.commit();
                return;
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || stopped || !TransientFailures.isTransient(e)) {
                    throw e;
                }
                retries.incrementAndGet();
                try {
                    Thread.sleep(10L << attempt);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
