package spiky.algo.svd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.algo.Termination;
import spiky.algo.linalg.CsrMatrix;
import spiky.algo.linalg.DenseBlock;
import spiky.algo.linalg.TestMatrices;
import spiky.algo.pipeline.PipelineConfig;

/**
 * TruncatedSvd (both methods) against a dense Commons Math eigen-decomposition of the same matrix.
 *
 * <p>Tolerances come from measurements with these seeds (largest measured value in brackets):
 * <ul>
 *   <li>Planted structure with a gap (σ₆/σ₇ ≈ 13), rank 6, defaults (q = 7, oversampling 10):
 *   RANDOMIZED σ relative error [4e-15], 1 − |u·v| [2e-15]; BLOCK_KRYLOV [2e-13] and [8e-14]
 *   (other seeds and sizes: up to 5e-12). Asserted: 1e-9 for both. The same holds for the ± pairs
 *   of the biclique matrix ([1e-13]).</li>
 *   <li>Rank 9 on it, values 7–9 in the noise bulk: RANDOMIZED [1.4e-3], BLOCK_KRYLOV [3.5e-2].
 *   Asserted: 0.1.</li>
 *   <li>PPMI-like random sparse matrix without a gap, rank 10: RANDOMIZED σ₁ [2e-10], σ₂..σ₁₀
 *   [5e-3]; BLOCK_KRYLOV σ₁ [3.4e-5], σ₂..σ₁₀ [4.9e-2] (its basis is capped at about 3k columns
 *   and its 1e-8 residual test is not met there). Asserted: 1e-7 / 2e-2 and 1e-3 / 1e-1.</li>
 *   <li>Sketch at least as wide as the matrix (the whole space): [7e-15]. Asserted: 1e-12·σ₁.</li>
 *   <li>Orthogonality of U, max |UᵀU − I|: [5e-15]. Asserted: 1e-12.</li>
 * </ul>
 */
class TruncatedSvdTest {
    private static final SvdMethod[] METHODS = SvdMethod.values();

    // ---------------------------------------------------------------- data (built once)

    private static final class Planted {
        static final DenseReference REF = new DenseReference(TestMatrices.planted(400, 6, 35, 3.0, 0.025, 1));
        static final CsrMatrix A = TestMatrices.csr(REF.a);
    }

    private static final class Random300 {
        static final DenseReference REF = new DenseReference(TestMatrices.randomSymmetric(300, 0.05, 3));
        static final CsrMatrix A = TestMatrices.csr(REF.a);
    }

    private static final class Bicliques {
        static final DenseReference REF = new DenseReference(bicliques(300, 3, 25, 4.0, 0.02, 5));
        static final CsrMatrix A = TestMatrices.csr(REF.a);
    }

    /**
     * {@code count} planted complete bipartite blocks S_b × T_b (|S_b| = |T_b| = size, weight
     * ≈ strength·(1 + b/2)), each giving eigenvalues ±strength·(1 + b/2)·size, plus PPMI-like
     * noise: the largest singular values come in near-pairs of opposite eigenvalues.
     */
    static double[][] bicliques(int n, int count, int size, double strength, double noiseDensity, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] a = TestMatrices.randomSymmetric(n, noiseDensity, r.nextLong());
        for (int b = 0; b < count; b++) {
            double w = strength * (1 + b / 2.0);
            int s0 = 2 * b * size;
            int t0 = s0 + size;
            for (int i = s0; i < s0 + size; i++) {
                for (int j = t0; j < t0 + size; j++) {
                    double v = a[i][j] + w * (1 + 0.05 * r.nextDouble());
                    a[i][j] = v;
                    a[j][i] = v;
                }
            }
        }
        return a;
    }

    static SvdResult svd(CsrMatrix a, SvdConfig config, int concurrency) {
        return TruncatedSvd.compute(a, config, concurrency, Progress.NONE, Termination.NONE);
    }

    static SvdConfig config(int rank, SvdMethod method) {
        return new SvdConfig(rank, 10, 7, 42, method);
    }

    // ---------------------------------------------------------------- checks

    /** σ descending, non-negative, f of them; U n × f with orthonormal columns and svd_flip signs. */
    static void checkShape(SvdResult r, int n, int f, SvdMethod method) {
        assertEquals(f, r.rank());
        assertEquals(f, r.singularValues().length);
        assertEquals(n, r.u().rows());
        assertEquals(f, r.u().cols());
        assertSame(method, r.method());
        double[] s = r.singularValues();
        for (int j = 0; j < f; j++) {
            assertTrue(s[j] >= 0 && Double.isFinite(s[j]), "σ" + j + " = " + s[j]);
            if (j > 0) {
                assertTrue(s[j - 1] >= s[j], "σ must be descending: " + Arrays.toString(s));
            }
        }
        double orth = TestMatrices.orthogonalityError(r.u());
        assertTrue(orth <= 1e-12, method + ": max |UᵀU − I| = " + orth);
        checkFlipped(r.u());
    }

    /** Each column's first largest-magnitude entry is positive. */
    static void checkFlipped(DenseBlock u) {
        for (int j = 0; j < u.cols(); j++) {
            int best = 0;
            for (int i = 1; i < u.rows(); i++) {
                if (Math.abs(u.get(i, j)) > Math.abs(u.get(best, j))) {
                    best = i;
                }
            }
            assertTrue(u.get(best, j) > 0, "column " + j + ": its largest-|·| entry " + u.get(best, j) + " must be positive");
        }
    }

    /**
     * σ̂ⱼ within {@code valueTol[j]} relative of σⱼ and never above it (the singular values of a
     * compression QᵀA or QᵀAQ of A are at most A's), and uⱼ within {@code vectorTol[j]} of the
     * span of the reference eigenvectors of σⱼ's cluster (NaN: uⱼ not checked).
     */
    static void checkAgainst(DenseReference ref, SvdResult r, double[] valueTol, double[] vectorTol, double clusterWidth,
            String what) {
        double[] s = r.singularValues();
        for (int j = 0; j < s.length; j++) {
            assertTrue(s[j] <= ref.sigma[j] * (1 + 1e-12) + 1e-12 * ref.sigma[0],
                    what + ": σ" + j + " = " + s[j] + " exceeds the exact " + ref.sigma[j]);
            double err = ref.relativeError(s[j], j);
            assertTrue(err <= valueTol[j], what + ": σ" + j + " relative error " + err + " > " + valueTol[j]);
            if (vectorTol != null && !Double.isNaN(vectorTol[j])) {
                double out = ref.outsideCluster(r.u(), j, clusterWidth);
                assertTrue(out <= vectorTol[j], what + ": u" + j + " 1 − ‖Pu‖² = " + out + " > " + vectorTol[j]);
            }
        }
    }

    static double[] fill(int f, double head, int headCount, double tail) {
        double[] t = new double[f];
        for (int j = 0; j < f; j++) {
            t[j] = j < headCount ? head : tail;
        }
        return t;
    }

    // ---------------------------------------------------------------- accuracy

    @Test
    void referenceMatricesHaveTheIntendedSpectra() {
        // Guards the premises of the accuracy tests: a gap after 6 values, no gap, ± pairs.
        DenseReference p = Planted.REF;
        assertTrue(p.sigma[5] > 5 * p.sigma[6], "planted gap: " + p.sigma[5] + " vs " + p.sigma[6]);
        assertTrue(TestMatrices.csr(p.a).isSymmetric());
        DenseReference q = Random300.REF;
        assertTrue(q.sigma[1] < 1.2 * q.sigma[10], "no gap in the random matrix below σ₁: " + q.sigma[1] + " vs " + q.sigma[10]);
        DenseReference b = Bicliques.REF;
        for (int j = 0; j < 6; j += 2) {
            assertTrue(b.lambda[j] * b.lambda[j + 1] < 0, "a ± pair at " + j + ": " + b.lambda[j] + ", " + b.lambda[j + 1]);
        }
        assertTrue(b.sigma[5] > 3 * b.sigma[6]);
    }

    @Test
    void withASpectralGapTheTopSingularTripletsMatchToRounding() {
        for (SvdMethod m : METHODS) {
            SvdResult r = svd(Planted.A, config(6, m), 2);
            checkShape(r, 400, 6, m);
            checkAgainst(Planted.REF, r, fill(6, 1e-9, 6, 0), fill(6, 1e-9, 6, 0), 0, m + " rank 6");
            // each uⱼ is an eigenvector: uⱼᵀAuⱼ = λⱼ (these λ are positive)
            for (int j = 0; j < 6; j++) {
                assertEquals(Planted.REF.lambda[j], Planted.REF.rayleigh(r.u(), j), 1e-9 * Planted.REF.sigma[0]);
            }
        }
    }

    @Test
    void withASpectralGapAndARankReachingIntoTheBulk() {
        for (SvdMethod m : METHODS) {
            SvdResult r = svd(Planted.A, config(9, m), 2);
            checkShape(r, 400, 9, m);
            // above the gap: to rounding; in the bulk: σ within 10 % (measured 1.4e-3 RANDOMIZED, 3.5e-2 BLOCK_KRYLOV)
            checkAgainst(Planted.REF, r, fill(9, 1e-9, 6, 0.1), fill(9, 1e-9, 6, Double.NaN), 0, m + " rank 9");
        }
    }

    @Test
    void withoutAGapTheLeadingValuesAreStillClose() {
        SvdResult rr = svd(Random300.A, config(10, SvdMethod.RANDOMIZED), 2);
        checkShape(rr, 300, 10, SvdMethod.RANDOMIZED);
        double[] rVec = fill(10, 1e-7, 1, Double.NaN);
        checkAgainst(Random300.REF, rr, fill(10, 1e-7, 1, 2e-2), rVec, 0, "randomized, no gap");

        SvdResult rk = svd(Random300.A, config(10, SvdMethod.BLOCK_KRYLOV), 2);
        checkShape(rk, 300, 10, SvdMethod.BLOCK_KRYLOV);
        checkAgainst(Random300.REF, rk, fill(10, 1e-3, 1, 1e-1), fill(10, 1e-3, 1, Double.NaN), 0, "block-krylov, no gap");
    }

    @Test
    void eigenvaluesOfBothSignsArePairedIntoSingularValues() {
        DenseReference ref = Bicliques.REF;
        for (SvdMethod m : METHODS) {
            SvdResult r = svd(Bicliques.A, config(6, m), 2);
            checkShape(r, 300, 6, m);
            // a ± pair may be split by the noise only slightly: check each uⱼ against its pair's span
            double pairWidth = 0;
            for (int j = 0; j < 6; j += 2) {
                pairWidth = Math.max(pairWidth, ref.sigma[j] - ref.sigma[j + 1]);
            }
            checkAgainst(ref, r, fill(6, 1e-9, 6, 0), fill(6, 1e-9, 6, 0), pairWidth * 1.0001, m + " ± pairs");
            // three of the six directions have negative Rayleigh quotients: both ends of the spectrum were found
            int negative = 0;
            for (int j = 0; j < 6; j++) {
                if (ref.rayleigh(r.u(), j) < 0) {
                    negative++;
                }
            }
            assertEquals(3, negative, m.toString());
        }
    }

    @Test
    void aSketchAsWideAsTheMatrixIsExact() {
        double[][] zeroRows = TestMatrices.randomSymmetric(40, 0.05, 9); // several empty rows: A is singular
        DenseReference singular = new DenseReference(zeroRows);
        assertTrue(singular.sigma[39] < 1e-12 * singular.sigma[0], "the test matrix must be singular");
        DenseReference regular = new DenseReference(TestMatrices.randomSymmetric(30, 0.15, 10));
        for (SvdMethod m : METHODS) {
            for (SvdConfig c : new SvdConfig[] {new SvdConfig(25, 10, 7, 1, m), new SvdConfig(30, 0, 2, 2, m),
                    new SvdConfig(30, 30, 0, 3, m)}) {
                SvdResult r = svd(TestMatrices.csr(regular.a), c, 2);
                checkShape(r, 30, c.rank(), m);
                for (int j = 0; j < c.rank(); j++) {
                    assertEquals(regular.sigma[j], r.singularValues()[j], 1e-12 * regular.sigma[0], m + " " + c + " σ" + j);
                }
            }
            SvdResult r = svd(TestMatrices.csr(zeroRows), new SvdConfig(40, 10, 7, 4, m), 2);
            checkShape(r, 40, 40, m);
            for (int j = 0; j < 40; j++) {
                assertEquals(singular.sigma[j], r.singularValues()[j], 1e-12 * singular.sigma[0], m + " singular σ" + j);
            }
        }
    }

    @Test
    void anExactlyLowRankMatrixGivesZerosBeyondItsRank() {
        // six planted constant blocks and no noise: rank 6 exactly; ask for 8
        DenseReference ref = new DenseReference(TestMatrices.planted(300, 6, 30, 2.0, 0, 0, 11));
        assertTrue(ref.sigma[6] < 1e-12 * ref.sigma[0]);
        CsrMatrix a = TestMatrices.csr(ref.a);
        for (SvdMethod m : METHODS) {
            SvdResult r = svd(a, config(8, m), 2);
            checkShape(r, 300, 8, m);
            checkAgainst(ref, r, fill(8, 1e-12, 6, 1e-12), fill(8, 1e-12, 6, Double.NaN), 0, m + " exact rank 6");
            assertTrue(r.singularValues()[7] <= 1e-12 * ref.sigma[0]);
        }
    }

    // ---------------------------------------------------------------- determinism

    @Test
    void theResultDependsOnTheSeedOnlyNotOnTheConcurrency() {
        for (SvdMethod m : METHODS) {
            for (CsrMatrix a : new CsrMatrix[] {Planted.A, Random300.A, Bicliques.A}) {
                SvdResult one = svd(a, config(8, m), 1);
                for (int c : new int[] {2, 4}) {
                    SvdResult other = svd(a, config(8, m), c);
                    assertArrayEquals(one.singularValues(), other.singularValues(), m + " concurrency " + c);
                    assertArrayEquals(one.u().data(), other.u().data(), m + " concurrency " + c);
                    assertEquals(one.matrixProducts(), other.matrixProducts());
                }
            }
        }
    }

    @Test
    void aMatrixLargeEnoughToSplitGivesIdenticalResultsOnOneAndTwoThreads() {
        int n = 3000;
        CsrMatrix a = TestMatrices.csr(TestMatrices.randomSymmetric(n, 0.01, 13));
        for (SvdMethod m : METHODS) {
            SvdConfig c = new SvdConfig(16, 10, 7, 5, m);
            SvdResult one = svd(a, c, 1);
            Set<Thread> threads = ConcurrentHashMap.newKeySet();
            SvdResult two = TruncatedSvd.compute(a, c, 2, Progress.NONE, () -> threads.add(Thread.currentThread()));
            assertTrue(threads.size() >= 2, m + ": the work must really run on two threads, ran on " + threads.size());
            assertArrayEquals(one.singularValues(), two.singularValues(), m.toString());
            assertArrayEquals(one.u().data(), two.u().data(), m.toString());
            checkShape(one, n, 16, m);
        }
    }

    @Test
    void otherSeedsGiveNearlyTheSameTriplets() {
        for (SvdMethod m : METHODS) {
            SvdResult base = svd(Planted.A, new SvdConfig(6, 10, 7, 1, m), 2);
            for (long seed : new long[] {2, 3, -7}) {
                SvdResult other = svd(Planted.A, new SvdConfig(6, 10, 7, seed, m), 2);
                assertFalse(Arrays.equals(base.u().data(), other.u().data()), "another seed, another random start");
                for (int j = 0; j < 6; j++) {
                    assertEquals(base.singularValues()[j], other.singularValues()[j], 1e-9 * base.singularValues()[j]);
                }
                // svd_flip makes the signs agree, so the vectors themselves are comparable
                double diff = TestMatrices.maxAbsDiff(base.u().data(), other.u().data());
                assertTrue(diff <= 1e-6, m + " seed " + seed + ": U differs by " + diff);
            }
        }
    }

    // ---------------------------------------------------------------- conventions and contract

    @Test
    void flipSignsMakesTheFirstLargestEntryOfEachColumnPositive() {
        // columns: plain negative max; a tie where the first is negative; a tie where the first is positive; zeros
        double[] data = {
            0.5, -1, 1, 0,
            -2, 1, -1, 0,
            1, 0.5, 0.2, 0};
        DenseBlock u = new DenseBlock(3, 4, data.clone());
        TruncatedSvd.flipSigns(u);
        assertArrayEquals(new double[] {
            -0.5, 1, 1, 0,
            2, -1, -1, 0,
            -1, -0.5, 0.2, 0}, u.data());
        TruncatedSvd.flipSigns(u);
        assertArrayEquals(new double[] {-0.5, 1, 1, 0, 2, -1, -1, 0, -1, -0.5, 0.2, 0}, u.data(), "idempotent");
    }

    @Test
    void rankAboveTheMatrixSizeIsRefused() {
        CsrMatrix a = TestMatrices.csr(TestMatrices.randomSymmetric(20, 0.2, 14));
        for (SvdMethod m : METHODS) {
            // the algorithm speaks of its argument; the config layer names the user's key first
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> svd(a, config(21, m), 1));
            assertTrue(e.getMessage().contains("21"), e.getMessage());
            InvalidInputException user = assertThrows(InvalidInputException.class, () -> PipelineConfig.checkSvdFits(config(21, m), 20));
            assertTrue(user.getMessage().contains("`rank`") && user.getMessage().contains("21"), user.getMessage());
            // rank = n is fine
            checkShape(svd(a, config(20, m), 1), 20, 20, m);
        }
        CsrMatrix rectangular = TestMatrices.csr(new double[][] {{1, 0, 2}, {0, 3, 0}}, 3, 4);
        assertThrows(IllegalArgumentException.class, () -> svd(rectangular, config(1, SvdMethod.RANDOMIZED), 1));
    }

    @Test
    void configRejectsBadParametersByName() {
        String[] names = {"rank", "oversampling", "powerIterations", "method"};
        Runnable[] makers = {
            () -> new SvdConfig(0, 10, 7, 1, SvdMethod.RANDOMIZED),
            () -> new SvdConfig(5, -1, 7, 1, SvdMethod.RANDOMIZED),
            () -> new SvdConfig(5, 10, -1, 1, SvdMethod.RANDOMIZED),
            () -> new SvdConfig(5, 10, 7, 1, null)};
        for (int i = 0; i < names.length; i++) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, makers[i]::run);
            assertTrue(e.getMessage().startsWith(names[i] + " "), e.getMessage());
        }
        assertEquals(15, new SvdConfig(5, 10, 0, 1, SvdMethod.RANDOMIZED).sketchWidth());
        assertEquals(SvdMethod.BLOCK_KRYLOV, SvdConfig.DEFAULTS.withMethod(SvdMethod.BLOCK_KRYLOV).method());
        assertEquals(SvdMethod.BLOCK_KRYLOV, SvdMethod.parse(" Block-Krylov "));
        assertEquals(SvdMethod.RANDOMIZED, SvdMethod.parse("randomized"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SvdMethod.parse("lanczos"));
        assertTrue(e.getMessage().contains("`method`") && e.getMessage().contains("'lanczos'"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> SvdMethod.parse(null));
    }

    @Test
    void matrixProductsAreCountedAsDocumented() {
        for (int q : new int[] {0, 1, 3, 7}) {
            SvdResult r = svd(Random300.A, new SvdConfig(5, 10, q, 1, SvdMethod.RANDOMIZED), 1);
            assertEquals(2 * q + 2, r.matrixProducts(), "randomized with q = " + q);
        }
        // BLOCK_KRYLOV: one product per block, until the basis holds ⌈(q + 7)·k/4⌉ columns
        for (int rank : new int[] {1, 5, 20}) {
            for (int q : new int[] {1, 7}) {
                SvdConfig c = new SvdConfig(rank, 10, q, 1, SvdMethod.BLOCK_KRYLOV);
                SvdResult r = svd(Random300.A, c, 1);
                BlockKrylovSvd.Plan plan = BlockKrylovSvd.plan(c, 300);
                int k = c.sketchWidth();
                long basis = Math.max(((q + 7L) * k + 3) / 4, rank + plan.blockSize());
                assertEquals((basis + plan.blockSize() - 1) / plan.blockSize(), r.matrixProducts(), "rank " + rank + ", q " + q);
                assertEquals(0, plan.blockSize() % 4, "block width " + plan.blockSize());
            }
        }
    }

    @Test
    void aTerminationThatThrowsStopsTheComputation() {
        class Stop extends RuntimeException {}
        for (SvdMethod m : METHODS) {
            for (int c : new int[] {1, 2}) {
                for (int after : new int[] {0, 5, 60}) {
                    AtomicInteger checks = new AtomicInteger();
                    Termination t = () -> {
                        if (checks.incrementAndGet() > after) {
                            throw new Stop();
                        }
                    };
                    assertThrows(Stop.class, () -> TruncatedSvd.compute(Planted.A, config(6, m), c, Progress.NONE, t),
                            m + " concurrency " + c + " after " + after);
                }
            }
            // the computation checks often: far more than 60 times in a run
            AtomicInteger count = new AtomicInteger();
            TruncatedSvd.compute(Planted.A, config(6, m), 1, Progress.NONE, count::incrementAndGet);
            assertTrue(count.get() > 60, m + ": " + count.get() + " checks");
        }
    }

    @Test
    void estimateBytesIsPositiveAndGrowsWithTheSizeAndTheRank() {
        for (SvdMethod m : METHODS) {
            long previous = 0;
            for (int n : new int[] {200, 2_000, 20_000, 200_000, 2_000_000}) {
                long e = TruncatedSvd.estimateBytes(n, 50L * n, config(128, m));
                assertTrue(e > previous, m + " n " + n + ": " + e + " after " + previous);
                // at least the n × f result
                assertTrue(e >= 8L * Math.min(n, 128) * n, m + " n " + n);
                previous = e;
            }
            assertTrue(TruncatedSvd.estimateBytes(100_000, 1, config(64, m)) < TruncatedSvd.estimateBytes(100_000, 1, config(128, m)));
        }
    }
}
