package spiky.algo.similar;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import spiky.algo.Termination;

/** The parallel exact search against a plain double-precision sort of every row. */
class SimilarSearchTest {
    // ---------------------------------------------------------------- data

    static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /**
     * Spiky rows: each along one of {@code directions} random directions with a Pareto norm, plus
     * noise; every 50th row is zero and every 37th a copy of the row before it (exact ties).
     */
    static float[] spiky(long seed, int n, int d, int directions) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] dirs = new double[directions][d];
        for (double[] u : dirs) {
            for (int j = 0; j < d; j++) {
                u[j] = gaussian(r);
            }
        }
        float[] x = new float[n * d];
        for (int a = 0; a < n; a++) {
            if (a % 50 == 7) {
                continue;
            }
            if (a % 37 == 36) {
                System.arraycopy(x, (a - 1) * d, x, a * d, d);
                continue;
            }
            double[] u = dirs[r.nextInt(directions)];
            double norm = Math.pow(1 - r.nextDouble(), -1 / 1.5);
            for (int j = 0; j < d; j++) {
                x[a * d + j] = (float) (norm * (u[j] / Math.sqrt(d) + 0.3 * gaussian(r) / Math.sqrt(d)));
            }
        }
        return x;
    }

    // ---------------------------------------------------------------- reference

    /** Every other row, scored in double with a sequential sum, sorted by score (desc) then row: the first k. */
    static Neighbours bruteForce(float[] x, int n, int d, int query, int k, Metric metric, int f) {
        double qn = 0;
        for (int j = 0; j < f; j++) {
            qn += (double) x[query * d + j] * x[query * d + j];
        }
        qn = Math.sqrt(qn);
        record Scored(int row, double score) {}
        List<Scored> all = new ArrayList<>();
        for (int a = 0; a < n; a++) {
            if (a == query) {
                continue;
            }
            double dot = 0;
            double xn = 0;
            for (int j = 0; j < f; j++) {
                dot += (double) x[query * d + j] * x[a * d + j];
                xn += (double) x[a * d + j] * x[a * d + j];
            }
            xn = Math.sqrt(xn);
            // Cosine as dot · (1/‖q‖) · (1/‖x‖), the search's formula: at f = 1 every cosine is ±1 in
            // exact arithmetic, and dot / (‖q‖·‖x‖) rounds some of those ties differently.
            double score = metric == Metric.DOT ? dot : (qn == 0 || xn == 0 ? 0 : dot * (1 / qn) * (1 / xn));
            all.add(new Scored(a, score));
        }
        all.sort(Comparator.comparingDouble((Scored s) -> -s.score()).thenComparingInt(Scored::row));
        int m = Math.min(k, all.size());
        int[] rows = new int[m];
        double[] scores = new double[m];
        for (int i = 0; i < m; i++) {
            rows[i] = all.get(i).row();
            scores[i] = all.get(i).score();
        }
        return new Neighbours(rows, scores, n - 1);
    }

    static void assertSame(Neighbours expected, Neighbours actual, String what) {
        assertArrayEquals(expected.rows(), actual.rows(), what);
        for (int i = 0; i < expected.size(); i++) {
            double e = expected.scores()[i];
            assertEquals(e, actual.scores()[i], 1e-12 * Math.max(1, Math.abs(e)), what + " score " + i);
        }
    }

    // ---------------------------------------------------------------- tests

    @Test
    void bothMetricsAtFullAndTruncatedWidthEqualTheBruteForce() {
        int n = 3000;
        int d = 40;
        float[] x = spiky(11, n, d, 30);
        RunMatrix m = new RunMatrix(x, n, d);
        SplittableRandom r = new SplittableRandom(5);
        for (Metric metric : Metric.values()) {
            for (int f : new int[] {d, 8, 1, 32}) {
                for (int t = 0; t < 15; t++) {
                    int query = r.nextInt(n);
                    int k = 1 + r.nextInt(40);
                    String what = metric + " f=" + f + " query=" + query + " k=" + k;
                    Neighbours expected = bruteForce(x, n, d, query, k, metric, f);
                    assertSame(expected, SimilarSearch.search(m, query, k, metric, f, 1, Termination.NONE), what + " 1 thread");
                    assertSame(expected, SimilarSearch.search(m, query, k, metric, f, 3, Termination.NONE), what + " 3 threads");
                }
            }
        }
    }

    @Test
    void aZeroQueryScoresEveryRowZeroByCosineAndTiesGoToTheSmallerRow() {
        int n = 500;
        int d = 8;
        float[] x = spiky(3, n, d, 5);
        RunMatrix m = new RunMatrix(x, n, d);
        int zero = 7; // spiky() leaves row 7 zero
        for (Metric metric : Metric.values()) {
            Neighbours got = SimilarSearch.search(m, zero, 5, metric, d, 2, Termination.NONE);
            assertArrayEquals(new int[] {0, 1, 2, 3, 4}, got.rows(), metric.label);
            assertArrayEquals(new double[5], got.scores(), metric.label);
        }
        // A row and its copy: the copy's neighbours start with the original (cosine 1) and ties keep index order.
        int copy = 36;
        Neighbours got = SimilarSearch.search(m, copy, 3, Metric.COSINE, d, 2, Termination.NONE);
        assertEquals(35, got.rows()[0]);
        assertSame(bruteForce(x, n, d, copy, 3, Metric.COSINE, d), got, "copy");
        // Zero rows score 0 by cosine; they sit in the list where 0 falls, by index.
        Neighbours all = SimilarSearch.search(m, 1, n, Metric.COSINE, d, 2, Termination.NONE);
        assertSame(bruteForce(x, n, d, 1, n, Metric.COSINE, d), all, "all rows");
    }

    @Test
    void kAboveTheOtherRowsGivesEveryOtherRowOnce() {
        int n = 40;
        int d = 6;
        float[] x = spiky(8, n, d, 4);
        RunMatrix m = new RunMatrix(x, n, d);
        for (Metric metric : Metric.values()) {
            Neighbours got = SimilarSearch.search(m, 12, 1000, metric, 4, 3, Termination.NONE);
            assertEquals(n - 1, got.size());
            assertTrue(java.util.Arrays.stream(got.rows()).distinct().count() == n - 1 && java.util.Arrays.stream(got.rows()).noneMatch(a -> a == 12));
            assertSame(bruteForce(x, n, d, 12, 1000, metric, 4), got, metric.label);
        }
        RunMatrix single = new RunMatrix(new float[] {1, 2}, 1, 2);
        assertEquals(0, SimilarSearch.search(single, 0, 10, Metric.COSINE, 2, 2, Termination.NONE).size());
    }

    @Test
    void largeRunsSearchedByGroupsAndByNormAgreeAndSkipMostRows() {
        int n = 60_000; // above AngularClusters.MIN_ROWS: cosine goes by groups
        int d = 64;
        float[] x = spiky(21, n, d, 100);
        RunMatrix m = new RunMatrix(x, n, d);
        SplittableRandom r = new SplittableRandom(9);
        for (int t = 0; t < 5; t++) {
            int query = t == 0 ? 7 : r.nextInt(n); // row 7 is zero
            for (Metric metric : Metric.values()) {
                for (int f : new int[] {d, 20}) {
                    int k = t == 1 ? 300 : 10;
                    assertSame(bruteForce(x, n, d, query, k, metric, f), SimilarSearch.search(m, query, k, metric, f, 2, Termination.NONE),
                            metric + " f=" + f + " query " + query);
                }
            }
        }
        // The norm bound stops the dot scan of a long row early; the group bound skips most groups by cosine.
        // One thread: with two, how soon each sees the other's k-th best depends on the scheduler,
        // and so does the count (6,479 rows on a machine loaded twentyfold, against 6,000 allowed).
        int longest = m.truncation(d).byNorm()[0];
        long scored = SimilarSearch.search(m, longest, 10, Metric.DOT, d, 1, Termination.NONE).scored();
        assertTrue(scored < n / 10, scored + " rows scored of " + n);
        long cosine = SimilarSearch.search(m, 123, 10, Metric.COSINE, d, 1, Termination.NONE).scored();
        assertTrue(cosine < n / 10, cosine + " rows scored of " + n);
    }

    @Test
    void moreSpikesThanCentroidsLeaveLooseRowsThatAreStillFound() {
        int n = 25_000; // √n = 158 centroids for 600 spikes: most rows are loose
        int d = 48;
        float[] x = spiky(33, n, d, 600);
        RunMatrix m = new RunMatrix(x, n, d);
        AngularClusters groups = m.clusters(d, 2, Termination.NONE);
        int loose = groups.start[groups.groups + 2] - groups.start[groups.groups + 1];
        assertTrue(loose > n / 3, loose + " loose rows of " + n);
        SplittableRandom r = new SplittableRandom(2);
        for (int t = 0; t < 6; t++) {
            int query = r.nextInt(n);
            assertSame(bruteForce(x, n, d, query, 10, Metric.COSINE, d), SimilarSearch.search(m, query, 10, Metric.COSINE, d, 2, Termination.NONE),
                    "query " + query);
        }
        long scored = SimilarSearch.search(m, 99, 10, Metric.COSINE, d, 2, Termination.NONE).scored();
        assertTrue(scored < n * 3 / 4, scored + " rows scored of " + n); // the prefix bound on 12 of 48 coordinates skips some
    }

    @Test
    void belowTheGroupingSizeThePrefixBoundSkipsRowsByCosine() {
        int n = 15_000;
        int d = 64;
        float[] x = spiky(4, n, d, 60);
        RunMatrix m = new RunMatrix(x, n, d);
        for (int query : new int[] {5, 777, 14_001}) {
            assertSame(bruteForce(x, n, d, query, 10, Metric.COSINE, d), SimilarSearch.search(m, query, 10, Metric.COSINE, d, 2, Termination.NONE),
                    "query " + query);
        }
        long cosine = SimilarSearch.search(m, 123, 10, Metric.COSINE, d, 2, Termination.NONE).scored();
        assertTrue(cosine < n / 2, cosine + " rows scored of " + n);
        // Below f = 32 there is no prefix: every other row is scored.
        assertEquals(n - 1, SimilarSearch.search(m, 123, 10, Metric.COSINE, 31, 2, Termination.NONE).scored());
    }

    @Test
    void badArgumentsAreRefused() {
        RunMatrix m = new RunMatrix(new float[12], 3, 4);
        assertThrows(IllegalArgumentException.class, () -> SimilarSearch.search(m, 0, 0, Metric.DOT, 4, 1, Termination.NONE));
        assertThrows(IllegalArgumentException.class, () -> SimilarSearch.search(m, 3, 1, Metric.DOT, 4, 1, Termination.NONE));
        assertThrows(IllegalArgumentException.class, () -> SimilarSearch.search(m, 0, 1, Metric.DOT, 5, 1, Termination.NONE));
        assertThrows(IllegalArgumentException.class, () -> new RunMatrix(new float[11], 3, 4));
        assertEquals(Metric.DOT, Metric.byName("dot"));
        assertEquals(null, Metric.byName("cos"));
    }

    @Test
    void rowsByNormAreDescendingWithTiesByIndex() {
        int[] order = RunMatrix.byDescendingNorm(new double[] {1, 3, 3, 0, 2, 3, 1});
        assertArrayEquals(new int[] {1, 2, 5, 4, 0, 6, 3}, order);
        double[] big = new double[1000];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < big.length; i++) {
            big[i] = r.nextInt(50);
        }
        int[] o = RunMatrix.byDescendingNorm(big);
        for (int i = 1; i < o.length; i++) {
            assertTrue(big[o[i - 1]] > big[o[i]] || (big[o[i - 1]] == big[o[i]] && o[i - 1] < o[i]));
        }
    }
}
