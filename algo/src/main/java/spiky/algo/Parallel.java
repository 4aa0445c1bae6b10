package spiky.algo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a loop over [0, n) on {@code concurrency} threads, in chunks handed out dynamically (rows
 * of a sparse matrix have very different costs). Checks termination between chunks.
 */
public final class Parallel {
    private Parallel() {}

    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    /** A chunk size that gives each thread many chunks, for balance, but not tiny ones. */
    public static int chunk(int n, int concurrency) {
        return Math.max(64, n / Math.max(1, concurrency * 16));
    }

    /** The threads {@link #forRange(int, int, Termination, RangeBody)} uses for n and concurrency (0 when n ≤ 0). */
    public static int threads(int n, int concurrency) {
        if (n <= 0) {
            return 0;
        }
        int chunk = chunk(n, concurrency);
        return Math.max(1, Math.min(concurrency, (n + chunk - 1) / chunk));
    }

    public static void forRange(int n, int concurrency, Termination termination, RangeBody body) {
        forRange(n, concurrency, chunk(n, concurrency), termination, body);
    }

    public static void forRange(int n, int concurrency, int chunk, Termination termination, RangeBody body) {
        if (n <= 0) {
            return;
        }
        int threads = Math.max(1, Math.min(concurrency, (n + chunk - 1) / chunk));
        if (threads == 1) {
            for (int from = 0; from < n; from += chunk) {
                termination.check();
                body.run(from, Math.min(n, from + chunk));
            }
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            int from;
            while ((from = next.getAndAdd(chunk)) < n) {
                termination.check();
                body.run(from, Math.min(n, from + chunk));
            }
        };
        ExecutorService pool = Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "spiky-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 1; t < threads; t++) {
                futures.add(pool.submit(worker));
            }
            RuntimeException first = null;
            try {
                worker.run();
            } catch (RuntimeException e) {
                first = e;
                next.set(n);
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (first == null) {
                        first = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            if (first != null) {
                throw first;
            }
        } finally {
            pool.shutdownNow();
            // Wait for the threads to end: until a worker's last frames are gone they still reach
            // the body and all it captured (a whole Krylov basis, say), which the caller may be
            // about to drop; on a loaded machine a descheduled worker kept such arrays reachable
            // into the next allocation (StageHeapProbe).
            awaitTermination(pool);
        }
    }

    private static void awaitTermination(ExecutorService pool) {
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
