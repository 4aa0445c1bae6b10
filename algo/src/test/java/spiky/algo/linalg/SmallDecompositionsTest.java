package spiky.algo.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SmallDecompositionsTest {

    private static double[] symmetric(int d, long seed) {
        double[][] g = TestMatrices.gaussianArray(d, d, seed);
        double[] t = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                t[i * d + j] = g[i][j] + g[j][i];
            }
        }
        return t;
    }

    /** Q·diag(λ)·Qᵀ for a random orthogonal Q (from a symmetric eigenproblem's own vectors would be circular: use Householder). */
    private static double[] withEigenvalues(double[] lambda, long seed) {
        int d = lambda.length;
        DenseBlock q = TestMatrices.gaussianBlock(d, d, seed);
        Orthonormalizer.householder(q, 1, spiky.algo.Termination.NONE);
        double[] t = new double[d * d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int l = 0; l < d; l++) {
                    s += q.get(i, l) * lambda[l] * q.get(j, l);
                }
                t[i * d + j] = s;
            }
        }
        // exactly symmetric
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                t[j * d + i] = t[i * d + j];
            }
        }
        return t;
    }

    private static double frobenius(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /** Checks T = Y Θ Yᵀ, YᵀY = I, T yⱼ = θⱼ yⱼ and the order by |θ| descending. */
    private static void checkEigen(double[] t, int d, SmallDecompositions.SymmetricEigen e) {
        double[] theta = e.values();
        double[] y = e.vectors();
        assertEquals(d, theta.length);
        assertEquals(d * d, y.length);
        for (int j = 1; j < d; j++) {
            assertTrue(Math.abs(theta[j - 1]) >= Math.abs(theta[j]), "sorted by |θ| descending at " + j + ": " + Arrays.toString(theta));
        }
        double scale = Math.max(frobenius(t), Double.MIN_NORMAL);
        DenseBlock yb = new DenseBlock(d, d, y.clone());
        assertTrue(TestMatrices.orthogonalityError(yb) <= 1e-13, "YᵀY = I");
        double worst = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double s = 0;
                for (int l = 0; l < d; l++) {
                    s += y[i * d + l] * theta[l] * y[j * d + l];
                }
                worst = Math.max(worst, Math.abs(s - t[i * d + j]));
            }
        }
        assertTrue(worst <= 1e-13 * scale, "T = YΘYᵀ: error " + worst);
        for (int j = 0; j < d; j++) {
            double r = 0;
            for (int i = 0; i < d; i++) {
                double s = 0;
                for (int l = 0; l < d; l++) {
                    s += t[i * d + l] * y[l * d + j];
                }
                double diff = s - theta[j] * y[i * d + j];
                r += diff * diff;
            }
            assertTrue(Math.sqrt(r) <= 1e-13 * scale, "residual of pair " + j + ": " + Math.sqrt(r));
        }
    }

    @Test
    void symmetricEigenReconstructsRandomMatrices() {
        for (int d : new int[] {1, 2, 5, 17, 60}) {
            double[] t = symmetric(d, d);
            checkEigen(t, d, SmallDecompositions.symmetricEigen(t, d));
        }
    }

    @Test
    void symmetricEigenFindsKnownEigenvaluesOfBothSignsOrderedByMagnitude() {
        double[] lambda = {0.5, -7, 3, -3.5, 0, 10, -0.25, 1e-3};
        double[] t = withEigenvalues(lambda, 3);
        SmallDecompositions.SymmetricEigen e = SmallDecompositions.symmetricEigen(t, lambda.length);
        double[] expected = {10, -7, -3.5, 3, 0.5, -0.25, 1e-3, 0};
        for (int j = 0; j < expected.length; j++) {
            assertEquals(expected[j], e.values()[j], 1e-13, "eigenvalue " + j);
        }
        checkEigen(t, lambda.length, e);
    }

    @Test
    void symmetricEigenReadsOnlyTheUpperTriangle() {
        int d = 9;
        double[] t = symmetric(d, 4);
        double[] garbled = t.clone();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                garbled[i * d + j] = 1e6 * (i - j);
            }
        }
        SmallDecompositions.SymmetricEigen clean = SmallDecompositions.symmetricEigen(t, d);
        SmallDecompositions.SymmetricEigen fromUpper = SmallDecompositions.symmetricEigen(garbled, d);
        assertArrayEquals(clean.values(), fromUpper.values());
        assertArrayEquals(clean.vectors(), fromUpper.vectors());
        assertArrayEquals(symmetric(d, 4), t, "the input is not modified");
    }

    @Test
    void symmetricEigenOfDiagonalAndZeroMatrices() {
        double[] diag = new double[16];
        diag[0] = 2;
        diag[5] = -5;
        diag[10] = 1;
        diag[15] = -0.5;
        SmallDecompositions.SymmetricEigen e = SmallDecompositions.symmetricEigen(diag, 4);
        assertArrayEquals(new double[] {-5, 2, 1, -0.5}, e.values(), 1e-15);
        checkEigen(diag, 4, e);
        // the eigenvector of −5 is ±e₁
        assertEquals(1.0, Math.abs(e.vectors()[1 * 4 + 0]), 1e-15);

        double[] zero = new double[9];
        SmallDecompositions.SymmetricEigen z = SmallDecompositions.symmetricEigen(zero, 3);
        assertArrayEquals(new double[3], z.values(), 0.0);
        assertTrue(TestMatrices.orthogonalityError(new DenseBlock(3, 3, z.vectors().clone())) <= 1e-15);
    }

    /** Checks A = U S Vᵀ with V = AᵀU S⁻¹ orthonormal (where S > 0), UᵀU = I, S descending ≥ 0. */
    private static void checkSvd(double[] a, int k, SmallDecompositions.Svd svd, double[] expectedValues) {
        double[] s = svd.values();
        double[] u = svd.left();
        assertEquals(k, s.length);
        assertEquals(k * k, u.length);
        for (int j = 0; j < k; j++) {
            assertTrue(s[j] >= 0);
            if (j > 0) {
                assertTrue(s[j - 1] >= s[j], "descending");
            }
        }
        double scale = Math.max(frobenius(a), Double.MIN_NORMAL);
        if (expectedValues != null) {
            assertArrayEquals(expectedValues, s, 1e-13 * scale);
        }
        assertTrue(TestMatrices.orthogonalityError(new DenseBlock(k, k, u.clone())) <= 1e-13, "UᵀU = I");
        // Σ σ² = ‖A‖_F²
        double ss = 0;
        for (double v : s) {
            ss += v * v;
        }
        assertEquals(scale * scale, ss, 1e-12 * scale * scale);
        // uⱼᵀA = σⱼ vⱼᵀ: the rows ‖Aᵀuⱼ‖ = σⱼ, and AAᵀuⱼ = σⱼ² uⱼ
        double[][] am = TestMatrices.array(a, k, k);
        double[][] um = TestMatrices.array(u, k, k);
        double[][] atu = TestMatrices.multiply(TestMatrices.transpose(am), um); // column j = Aᵀuⱼ = σⱼ vⱼ
        for (int j = 0; j < k; j++) {
            double n = 0;
            for (int i = 0; i < k; i++) {
                n += atu[i][j] * atu[i][j];
            }
            assertEquals(s[j], Math.sqrt(n), 1e-13 * scale, "‖Aᵀu_" + j + "‖");
        }
        // A = U·(UᵀA) holds for any orthogonal U; with UᵀA having orthogonal rows of norms σ it is the SVD.
        double[][] utA = TestMatrices.transpose(atu);
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                double dot = 0;
                for (int l = 0; l < k; l++) {
                    dot += utA[i][l] * utA[j][l];
                }
                assertEquals(0, dot, 1e-12 * scale * scale, "rows " + i + ", " + j + " of UᵀA are orthogonal");
            }
        }
    }

    @Test
    void svdOfRandomSquareMatrices() {
        for (int k : new int[] {1, 2, 7, 30}) {
            double[][] g = TestMatrices.gaussianArray(k, k, 100 + k);
            double[] a = Arrays.stream(g).flatMapToDouble(Arrays::stream).toArray();
            checkSvd(a, k, SmallDecompositions.svd(a, k), null);
        }
    }

    @Test
    void svdOfAMatrixWithKnownSingularValuesAndARankDeficientOne() {
        // A = Q₁ diag(s) Q₂ᵀ: its singular values are s
        int k = 6;
        double[] sv = {9, 4, 4, 1, 1e-3, 0};
        DenseBlock q1 = TestMatrices.gaussianBlock(k, k, 1);
        DenseBlock q2 = TestMatrices.gaussianBlock(k, k, 2);
        Orthonormalizer.householder(q1, 1, spiky.algo.Termination.NONE);
        Orthonormalizer.householder(q2, 1, spiky.algo.Termination.NONE);
        double[] a = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double s = 0;
                for (int l = 0; l < k; l++) {
                    s += q1.get(i, l) * sv[l] * q2.get(j, l);
                }
                a[i * k + j] = s;
            }
        }
        checkSvd(a, k, SmallDecompositions.svd(a, k), sv);
        // an upper triangular factor with a zero pivot, as Householder QR returns for rank-deficient blocks
        double[] r = {2, 1, 3, 0, 0, 5, 0, 0, 1};
        checkSvd(r, 3, SmallDecompositions.svd(r, 3), null);
        assertEquals(0.0, SmallDecompositions.svd(r, 3).values()[2], 1e-14);
    }
}
