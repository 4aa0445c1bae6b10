package spiky.algo.similar;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import spiky.algo.Parallel;
import spiky.algo.Termination;

/**
 * Exact top-k of one row of a {@link RunMatrix} against all others, by cosine or by dot product
 * over the first f columns, the query row excluded.
 *
 * <p>Parallel over blocks of rows: each thread keeps its own bounded heap (no locking per row), and
 * the heaps are merged at the end. Ties go to the smaller row index, so the result is the same
 * whatever the thread count. Products are summed in double from the float entries.
 *
 * <p>Cosine on {@value AngularClusters#MIN_ROWS} rows or more goes by groups of rows around
 * centroids ({@link AngularClusters}): groups by descending bound on their members' cosine, stopping
 * at the first whose bound is below the k-th best found. On fewer rows, cosine visits every row but,
 * from f = 32 on, first sums only the first p = f/4 coordinates
 * (from a copy of them, contiguous, so that this pass reads a quarter of the matrix):
 * with the rest bounded by Cauchy–Schwarz (‖q_tail‖·‖x_tail‖), a row whose bound is below the
 * k-th best cosine found is skipped without reading the rest of it. Dot product visits rows by
 * descending truncated norm and stops once
 * ‖q‖·‖x‖ (Cauchy–Schwarz: an upper bound of q·x) falls below the k-th best score found: on
 * embeddings with a heavy-tailed norm (the spiky case) that is a small share of the rows, and the
 * answer is still exact.
 */
public final class SimilarSearch {
    /** Rows per chunk handed to a thread: small enough that the dot scan's threads notice its stop early. */
    static final int CHUNK = 4096;
    /** Relative slack on the Cauchy–Schwarz bound, far above the rounding of a 128-term double sum. */
    private static final double BOUND_SLACK = 1e-9;

    private SimilarSearch() {}

    /**
     * @param query       the row to find neighbours of (excluded from the result)
     * @param k           at most this many neighbours (fewer when the matrix has fewer other rows)
     * @param f           use the first f columns, 1 ≤ f ≤ d
     * @param concurrency threads
     */
    public static Neighbours search(RunMatrix m, int query, int k, Metric metric, int f, int concurrency, Termination termination) {
        int n = m.rows();
        if (query < 0 || query >= n) {
            throw new IllegalArgumentException("query row " + query + " is not in [0, " + n + ")");
        }
        if (k < 1) {
            throw new IllegalArgumentException("k = " + k + " must be at least 1");
        }
        RunMatrix.Truncation t = m.truncation(f);
        int kept = Math.min(k, n - 1);
        if (kept == 0) {
            return new Neighbours(new int[0], new double[0], 0);
        }
        int d = m.cols();
        float[] data = m.data();
        double[] q = new double[f];
        for (int j = 0; j < f; j++) {
            q[j] = data[query * d + j];
        }
        List<TopK> heaps = new ArrayList<>();
        ThreadLocal<TopK> local = ThreadLocal.withInitial(() -> {
            TopK h = new TopK(kept);
            synchronized (heaps) {
                heaps.add(h);
            }
            return h;
        });
        LongAdder scored = new LongAdder();
        if (metric == Metric.COSINE && n >= AngularClusters.MIN_ROWS) {
            byGroups(data, d, f, q, query, t, m.clusters(f, concurrency, termination), concurrency, termination, local, scored);
        } else if (metric == Metric.COSINE) {
            cosine(data, d, f, q, query, t, concurrency, termination, local, scored);
        } else {
            dotByNorm(data, d, f, q, query, t, concurrency, termination, local, scored);
        }
        return merge(heaps, kept, scored.sum());
    }

    private static void cosine(float[] data, int d, int f, double[] q, int query, RunMatrix.Truncation t, int concurrency,
            Termination termination, ThreadLocal<TopK> local, LongAdder scored) {
        double[] inverse = t.inverseNorms();
        double qInverse = inverse[query];
        int p = t.prefix();
        double[] tails = t.tailNorms();
        double qTail = p == 0 ? 0 : tails[query];
        float[] heads = t.heads();
        AtomicLong shared = new AtomicLong(Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY));
        Parallel.forRange(data.length / d, concurrency, CHUNK, termination, (from, to) -> {
            TopK heap = local.get();
            double stopBelow = Double.longBitsToDouble(shared.get());
            int count = 0;
            for (int a = from; a < to; a++) {
                if (a == query) {
                    continue;
                }
                double head = p == 0 ? 0 : dot(q, heads, a * p, 0, p);
                if (p > 0 && stopBelow > Double.NEGATIVE_INFINITY) {
                    double bound = (head + qTail * tails[a]) * qInverse * inverse[a];
                    if (bound + BOUND_SLACK * (Math.abs(bound) + 1) < stopBelow) {
                        continue; // the rest of the row cannot lift it to the k-th best
                    }
                }
                count++;
                heap.offer((head + dot(q, data, a * d, p, f)) * qInverse * inverse[a], a);
                if (heap.full() && heap.threshold() > stopBelow) {
                    stopBelow = heap.threshold();
                }
            }
            scored.add(count);
            raise(shared, stopBelow);
        });
    }

    /** Cosine by groups (AngularClusters): groups by descending bound, stopping at the first below the k-th best. */
    private static void byGroups(float[] data, int d, int f, double[] q, int query, RunMatrix.Truncation t, AngularClusters groups,
            int concurrency, Termination termination, ThreadLocal<TopK> local, LongAdder scored) {
        double[] inverse = t.inverseNorms();
        double qInverse = inverse[query];
        double[] unit = new double[f];
        for (int j = 0; j < f; j++) {
            unit[j] = q[j] * qInverse;
        }
        int count = groups.groups + 1;
        double[] bounds = new double[count];
        for (int g = 0; g < count; g++) {
            bounds[g] = groups.bound(unit, g);
        }
        int[] order = RunMatrix.byDescendingNorm(bounds); // descending bound, ties by group
        int p0 = t.prefix();
        float[] heads0 = t.heads();
        int looseFrom = groups.start[groups.groups + 1];
        int looseTo = groups.start[groups.groups + 2];
        AtomicLong shared = new AtomicLong(Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY));
        Runnable byBound = () -> {
            // One group per hand-out: groups are a few hundred to a few thousand rows, and a thread must
            // see the shared k-th best before it starts the next one.
            Parallel.forRange(count, concurrency, 1, termination, (from, to) -> {
                TopK heap = local.get();
                double stopBelow = Double.longBitsToDouble(shared.get());
                int scoredHere = 0;
                for (int i = from; i < to; i++) {
                    int g = order[i];
                    if (bounds[g] < stopBelow) {
                        break; // so are all groups after it: they come by descending bound
                    }
                    for (int s = groups.start[g]; s < groups.start[g + 1]; s++) {
                        int a = groups.members[s];
                        if (a != query) {
                            scoredHere++;
                            // summed as the scan sums it (head, then the rest), so both give the same bits
                            double head = p0 == 0 ? 0 : dot(q, heads0, a * p0, 0, p0);
                            heap.offer((head + dot(q, data, a * d, p0, f)) * qInverse * inverse[a], a);
                        }
                    }
                    if (heap.full() && heap.threshold() > stopBelow) {
                        stopBelow = heap.threshold();
                    }
                }
                scored.add(scoredHere);
                raise(shared, stopBelow);
            });
        };
        Runnable loose = () -> {
            // The loose rows, one by one with the prefix bound.
            int looseCount = looseTo - looseFrom;
            int p = t.prefix();
            double[] tails = t.tailNorms();
            double qTail = p == 0 ? 0 : tails[query];
            float[] heads = t.heads();
            Parallel.forRange(looseCount, concurrency, CHUNK, termination, (from, to) -> {
                TopK heap = local.get();
                double stopBelow = Double.longBitsToDouble(shared.get());
                int scoredHere = 0;
                for (int i = from; i < to; i++) {
                    int a = groups.members[looseFrom + i];
                    if (a == query) {
                        continue;
                    }
                    double head = p == 0 ? 0 : dot(q, heads, a * p, 0, p);
                    if (p > 0 && stopBelow > Double.NEGATIVE_INFINITY) {
                        double bound = (head + qTail * tails[a]) * qInverse * inverse[a];
                        if (bound + BOUND_SLACK * (Math.abs(bound) + 1) < stopBelow) {
                            continue;
                        }
                    }
                    scoredHere++;
                    heap.offer((head + dot(q, data, a * d, p, f)) * qInverse * inverse[a], a);
                    if (heap.full() && heap.threshold() > stopBelow) {
                        stopBelow = heap.threshold();
                    }
                }
                scored.add(scoredHere);
                raise(shared, stopBelow);
            });
        };
        // Either order is exact (a group is skipped only when its bound is below the k-th best so
        // far, hence below the final one). A loose query's neighbours are mostly loose too: scanning
        // those first gives the group bounds a high k-th best to work against, and the other way round.
        if (java.util.Arrays.binarySearch(groups.members, looseFrom, looseTo, query) >= 0) {
            loose.run();
            byBound.run();
        } else {
            byBound.run();
            loose.run();
        }
    }

    private static void dotByNorm(float[] data, int d, int f, double[] q, int query, RunMatrix.Truncation t, int concurrency,
            Termination termination, ThreadLocal<TopK> local, LongAdder scored) {
        int[] order = t.byNorm();
        double[] norms = t.norms();
        double qNorm = norms[query];
        // The best k-th score any thread has: every thread's k-th best is a lower bound of the
        // true k-th best, so each may stop on the largest of them.
        AtomicLong shared = new AtomicLong(Double.doubleToRawLongBits(Double.NEGATIVE_INFINITY));
        Parallel.forRange(order.length, concurrency, CHUNK, termination, (from, to) -> {
            TopK heap = local.get();
            double stopBelow = Double.longBitsToDouble(shared.get());
            int count = 0;
            for (int p = from; p < to; p++) {
                int a = order[p];
                double bound = qNorm * norms[a];
                if (bound + BOUND_SLACK * Math.abs(bound) < stopBelow) {
                    break; // later rows have smaller norms: nothing after this can enter
                }
                if (a != query) {
                    count++;
                    heap.offer(dot(q, data, a * d, 0, f), a);
                    if (heap.full() && heap.threshold() > stopBelow) {
                        stopBelow = heap.threshold();
                    }
                }
            }
            scored.add(count);
            raise(shared, stopBelow);
        });
    }

    private static void raise(AtomicLong shared, double value) {
        long current;
        while (value > Double.longBitsToDouble(current = shared.get())) {
            if (shared.compareAndSet(current, Double.doubleToRawLongBits(value))) {
                return;
            }
        }
    }

    /** Σ q[j]·x[j] over entries [from, to) of the row at {@code offset}, four partial sums for instruction-level parallelism. */
    static double dot(double[] q, float[] data, int offset, int from, int to) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = from;
        for (; j + 3 < to; j += 4) {
            s0 += q[j] * data[offset + j];
            s1 += q[j + 1] * data[offset + j + 1];
            s2 += q[j + 2] * data[offset + j + 2];
            s3 += q[j + 3] * data[offset + j + 3];
        }
        for (; j < to; j++) {
            s0 += q[j] * data[offset + j];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private static Neighbours merge(List<TopK> heaps, int kept, long scored) {
        TopK all = new TopK(kept);
        for (TopK h : heaps) {
            for (int i = 0; i < h.size(); i++) {
                all.offer(h.score(i), h.row(i));
            }
        }
        // Popping the worst first fills the arrays from the back: best first.
        int size = all.size();
        int[] rows = new int[size];
        double[] scores = new double[size];
        for (int i = size - 1; i >= 0; i--) {
            all.popWorst(rows, scores, i);
        }
        return new Neighbours(rows, scores, scored);
    }
}
