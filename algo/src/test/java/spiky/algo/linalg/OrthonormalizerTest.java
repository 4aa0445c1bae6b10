package spiky.algo.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;
import spiky.algo.Termination;

class OrthonormalizerTest {
    /**
     * Orthogonality to rounding: max |QᵀQ − I| (measured ≤ 4.2e-15 on every input below; the
     * reconstruction ‖X − QR‖/‖X‖, asserted ≤ 1e-14, measured ≤ 4.6e-16, also for κ = 1e13 and
     * rank-deficient input; full = false on κ = 1e4 gave 4.3e-10, within u·κ² = 2.2e-8).
     */
    private static final double ORTHONORMAL = 1e-12;

    // ---------------------------------------------------------------- data

    /** n × k with orthonormal columns: modified Gram–Schmidt, twice, on a Gaussian block. */
    private static double[][] orthonormal(int n, int k, long seed) {
        double[][] q = TestMatrices.gaussianArray(n, k, seed);
        for (int pass = 0; pass < 2; pass++) {
            for (int j = 0; j < k; j++) {
                for (int p = 0; p < j; p++) {
                    double dot = 0;
                    for (int i = 0; i < n; i++) {
                        dot += q[i][p] * q[i][j];
                    }
                    for (int i = 0; i < n; i++) {
                        q[i][j] -= dot * q[i][p];
                    }
                }
                double norm = 0;
                for (int i = 0; i < n; i++) {
                    norm += q[i][j] * q[i][j];
                }
                norm = Math.sqrt(norm);
                for (int i = 0; i < n; i++) {
                    q[i][j] /= norm;
                }
            }
        }
        return q;
    }

    /** U·diag(s)·Vᵀ with random orthonormal U (n × k), V (k × k) and s from 1 down to 1/condition. */
    private static double[][] conditioned(int n, int k, double condition, long seed) {
        double[][] u = orthonormal(n, k, seed);
        double[][] v = orthonormal(k, k, seed + 1);
        double[][] us = new double[n][k];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < k; j++) {
                us[i][j] = u[i][j] * Math.pow(condition, -j / (double) (k - 1));
            }
        }
        return TestMatrices.multiply(us, TestMatrices.transpose(v));
    }

    /** Columns x₀ + eps·gⱼ: all nearly equal to the first one. */
    private static double[][] nearlyDependent(int n, int k, double eps, long seed) {
        double[][] g = TestMatrices.gaussianArray(n, k, seed);
        double[][] x = new double[n][k];
        for (int i = 0; i < n; i++) {
            x[i][0] = g[i][0];
            for (int j = 1; j < k; j++) {
                x[i][j] = g[i][0] + eps * g[i][j];
            }
        }
        return x;
    }

    /** n × k of rank r: B·C for Gaussian B (n × r) and C (r × k). */
    private static double[][] lowRank(int n, int k, int r, long seed) {
        return TestMatrices.multiply(TestMatrices.gaussianArray(n, r, seed), TestMatrices.gaussianArray(r, k, seed + 1));
    }

    /** κ₂(X), from the singular values of the R of Commons Math's Householder QR of X. */
    private static double condition(double[][] x) {
        int k = x[0].length;
        double[][] r = new QRDecomposition(new Array2DRowRealMatrix(x, false)).getR().getSubMatrix(0, k - 1, 0, k - 1).getData();
        double[] s = new SingularValueDecomposition(new Array2DRowRealMatrix(r, false)).getSingularValues();
        return s[0] / s[s.length - 1];
    }

    // ---------------------------------------------------------------- checks

    /** ‖X − Q·R‖_F / ‖X‖_F, with R checked upper triangular. */
    private static double reconstructionError(double[][] x, DenseBlock q, double[] r) {
        int k = q.cols();
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < i; j++) {
                assertEquals(0.0, r[i * k + j], "R must be upper triangular at " + i + "," + j);
            }
        }
        double[][] qr = TestMatrices.multiply(TestMatrices.array(q), TestMatrices.array(r, k, k));
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < k; j++) {
                double d = x[i][j] - qr[i][j];
                s += d * d;
            }
        }
        return Math.sqrt(s) / TestMatrices.norm(x);
    }

    /** ‖X − Q·QᵀX‖_F / ‖X‖_F: how much of X lies outside the span of Q. */
    private static double outsideSpan(double[][] x, DenseBlock q) {
        double[][] qa = TestMatrices.array(q);
        double[][] proj = TestMatrices.multiply(qa, TestMatrices.multiply(TestMatrices.transpose(qa), x));
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[0].length; j++) {
                double d = x[i][j] - proj[i][j];
                s += d * d;
            }
        }
        return Math.sqrt(s) / TestMatrices.norm(x);
    }

    private static boolean finite(DenseBlock q) {
        for (double v : q.data()) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Runs {@link Orthonormalizer#factor} and checks X = QR and the orthogonality of Q: to rounding
     * with {@code full} or when Householder QR finished the job, otherwise within the documented
     * u·κ(X)² of a single Cholesky pass.
     */
    private static Orthonormalizer.Factor checkedFactor(double[][] x, boolean full, double reconstruction, String what) {
        DenseBlock q = TestMatrices.block(x);
        Orthonormalizer.Factor f = Orthonormalizer.factor(q, full, 2, Termination.NONE);
        assertTrue(finite(q), what + ": Q has non-finite entries");
        double orth = TestMatrices.orthogonalityError(q);
        double allowed = ORTHONORMAL;
        if (!full && !f.householder()) {
            double kappa = condition(x);
            allowed = Math.max(ORTHONORMAL, Math.ulp(1.0) * kappa * kappa);
        }
        assertTrue(orth <= allowed, what + ": ‖QᵀQ − I‖max = " + orth + " > " + allowed);
        double rec = reconstructionError(x, q, f.r());
        assertTrue(rec <= reconstruction, what + ": ‖X − QR‖/‖X‖ = " + rec);
        if (allowed == ORTHONORMAL) {
            // with orthonormal Q, QQᵀ is the projector on span(Q): X must lie in it
            double out = outsideSpan(x, q);
            assertTrue(out <= reconstruction, what + ": ‖X − QQᵀX‖/‖X‖ = " + out);
        }
        return f;
    }

    // ---------------------------------------------------------------- tests

    @Test
    void wellConditionedTallSkinnyTakesTheCholeskyPath() {
        double[][] x = TestMatrices.gaussianArray(5000, 40, 1);
        Orthonormalizer.Factor full = checkedFactor(x, true, 1e-14, "5000 × 40 full");
        assertFalse(full.householder());
        // full = false on a well-conditioned block: a single pass, orthogonality u·κ², still ≤ 1e-12
        Orthonormalizer.Factor quick = checkedFactor(x, false, 1e-14, "5000 × 40 span only");
        assertFalse(quick.householder());
        // qr() is factor(full = true)
        DenseBlock q = TestMatrices.block(x);
        double[] r = Orthonormalizer.qr(q, 1, Termination.NONE);
        assertTrue(TestMatrices.orthogonalityError(q) <= ORTHONORMAL);
        assertTrue(reconstructionError(x, q, r) <= 1e-14);
    }

    @Test
    void resultsAreIdenticalForAnyConcurrency() {
        double[][][] inputs = {TestMatrices.gaussianArray(5000, 40, 2), conditioned(3000, 24, 1e10, 3), lowRank(2000, 12, 5, 4)};
        for (double[][] x : inputs) {
            for (boolean full : new boolean[] {true, false}) {
                DenseBlock q1 = TestMatrices.block(x);
                Orthonormalizer.Factor f1 = Orthonormalizer.factor(q1, full, 1, Termination.NONE);
                for (int c : new int[] {2, 3}) {
                    DenseBlock qc = TestMatrices.block(x);
                    Orthonormalizer.Factor fc = Orthonormalizer.factor(qc, full, c, Termination.NONE);
                    assertArrayEquals(q1.data(), qc.data(), "Q, concurrency " + c);
                    assertArrayEquals(f1.r(), fc.r(), "R, concurrency " + c);
                    assertEquals(f1.householder(), fc.householder());
                }
            }
            DenseBlock h1 = TestMatrices.block(x);
            double[] r1 = Orthonormalizer.householder(h1, 1, Termination.NONE);
            DenseBlock h2 = TestMatrices.block(x);
            double[] r2 = Orthonormalizer.householder(h2, 2, Termination.NONE);
            assertArrayEquals(h1.data(), h2.data());
            assertArrayEquals(r1, r2);
        }
    }

    @Test
    void illConditionedInputStillGivesAnOrthonormalBasisOfItsSpan() {
        for (double condition : new double[] {1e4, 1e10, 1e13}) {
            double[][] x = conditioned(1500, 30, condition, 5);
            for (boolean full : new boolean[] {true, false}) {
                checkedFactor(x, full, 1e-14, "κ = " + condition + " full " + full);
            }
        }
    }

    @Test
    void nearlyDependentColumns() {
        for (double eps : new double[] {1e-6, 1e-10}) {
            double[][] x = nearlyDependent(3000, 40, eps, 6);
            double kappa = condition(x);
            assertTrue(kappa > 0.1 / eps, "the test input must be ill-conditioned: κ = " + kappa);
            for (boolean full : new boolean[] {true, false}) {
                checkedFactor(x, full, 1e-14, "eps " + eps + " full " + full);
            }
        }
    }

    @Test
    void rankDeficientInputGivesAnOrthonormalBasisAndFallsBackToHouseholder() {
        double[][] low = lowRank(3000, 20, 7, 8);
        double[][] repeated = TestMatrices.gaussianArray(1000, 9, 9);
        for (double[] row : repeated) {
            row[4] = row[1]; // an exact copy
            row[8] = 2 * row[0] - row[3]; // an exact combination
        }
        double[][] zeroColumn = TestMatrices.gaussianArray(500, 6, 10);
        for (double[] row : zeroColumn) {
            row[2] = 0;
        }
        double[][][] inputs = {low, repeated, zeroColumn};
        String[] names = {"rank 7 of 20", "repeated columns", "zero column"};
        for (int t = 0; t < inputs.length; t++) {
            for (boolean full : new boolean[] {true, false}) {
                Orthonormalizer.Factor f = checkedFactor(inputs[t], full, 1e-14, names[t] + " full " + full);
                assertTrue(f.householder(), names[t] + ": Cholesky QR cannot factor a rank-deficient block");
            }
        }
    }

    @Test
    void zeroBlockGivesOrthonormalQAndZeroR() {
        for (boolean full : new boolean[] {true, false}) {
            DenseBlock q = new DenseBlock(300, 5);
            Orthonormalizer.Factor f = Orthonormalizer.factor(q, full, 2, Termination.NONE);
            assertTrue(finite(q));
            assertTrue(TestMatrices.orthogonalityError(q) <= ORTHONORMAL);
            for (double v : f.r()) {
                assertEquals(0.0, v, 0.0);
            }
            assertTrue(f.householder());
        }
    }

    @Test
    void squareAndSingleColumnShapes() {
        checkedFactor(TestMatrices.gaussianArray(12, 12, 11), true, 1e-14, "12 × 12");
        checkedFactor(conditioned(12, 12, 1e12, 12), true, 1e-14, "12 × 12, κ 1e12");
        checkedFactor(TestMatrices.gaussianArray(1, 1, 13), true, 1e-15, "1 × 1");
        checkedFactor(TestMatrices.gaussianArray(700, 1, 14), true, 1e-15, "700 × 1");
        // a single negative entry: R = −1 or Q = −1; either way Q·R = X
        checkedFactor(new double[][] {{-3}}, true, 0, "[-3]");
    }

    @Test
    void householderDirectly() {
        SplittableRandom r = new SplittableRandom(15);
        double[][][] inputs = {TestMatrices.gaussianArray(2500, 17, 16), conditioned(1500, 20, 1e14, 17), lowRank(800, 10, 3, 18),
                new double[400][4]};
        for (double[][] x : inputs) {
            DenseBlock q = TestMatrices.block(x);
            double[] rr = Orthonormalizer.householder(q, 1 + r.nextInt(3), Termination.NONE);
            assertTrue(finite(q));
            assertTrue(TestMatrices.orthogonalityError(q) <= ORTHONORMAL, "orthogonality " + TestMatrices.orthogonalityError(q));
            double norm = TestMatrices.norm(x);
            if (norm > 0) {
                assertTrue(reconstructionError(x, q, rr) <= 1e-14, "reconstruction " + reconstructionError(x, q, rr));
            }
        }
        assertThrows(IllegalArgumentException.class, () -> Orthonormalizer.householder(new DenseBlock(3, 4), 1, Termination.NONE));
    }

    @Test
    void rejectsWideBlocksAndAcceptsEmptyOnes() {
        assertThrows(IllegalArgumentException.class, () -> Orthonormalizer.factor(new DenseBlock(3, 4), true, 1, Termination.NONE));
        assertThrows(IllegalArgumentException.class, () -> Orthonormalizer.qr(new DenseBlock(3, 4), 1, Termination.NONE));
        Orthonormalizer.Factor f = Orthonormalizer.factor(new DenseBlock(5, 0), true, 1, Termination.NONE);
        assertEquals(0, f.r().length);
    }

    @Test
    void stopsWhenTerminated() {
        class Stop extends RuntimeException {}
        for (double[][] x : new double[][][] {TestMatrices.gaussianArray(3000, 8, 19), lowRank(3000, 8, 2, 20)}) {
            assertThrows(Stop.class, () -> Orthonormalizer.qr(TestMatrices.block(x), 2, () -> {
                throw new Stop();
            }));
        }
    }
}
