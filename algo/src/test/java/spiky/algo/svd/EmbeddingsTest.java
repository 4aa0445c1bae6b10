package spiky.algo.svd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import spiky.Progress;
import spiky.algo.Termination;
import spiky.algo.linalg.CsrMatrix;
import spiky.algo.linalg.DenseBlock;
import spiky.algo.linalg.TestMatrices;

class EmbeddingsTest {

    /** U·diag(σ^p) by plain loops, with the documented treatment of σ = 0. */
    private static double[][] expected(DenseBlock u, double[] sigma, double p) {
        double[][] e = new double[u.rows()][u.cols()];
        for (int j = 0; j < u.cols(); j++) {
            double factor = p == 0 ? 1 : sigma[j] == 0 ? 0 : Math.exp(p * Math.log(sigma[j]));
            for (int i = 0; i < u.rows(); i++) {
                e[i][j] = u.get(i, j) * factor;
            }
        }
        return e;
    }

    @Test
    void scaleMatchesUTimesSigmaToThePower() {
        DenseBlock u = TestMatrices.gaussianBlock(50, 5, 1);
        double[] before = u.data().clone();
        double[] sigma = {40, 9, 2.25, 1, 0.01};
        for (double p : new double[] {0, 0.5, 1, 2, -0.5}) {
            DenseBlock e = Embeddings.scale(u, sigma, p);
            assertEquals(50, e.rows());
            assertEquals(5, e.cols());
            assertNotSame(u.data(), e.data());
            double[][] want = expected(u, sigma, p);
            for (int i = 0; i < 50; i++) {
                for (int j = 0; j < 5; j++) {
                    assertEquals(want[i][j], e.get(i, j), 1e-13 * Math.abs(want[i][j]) + 1e-300, "p " + p + " at " + i + "," + j);
                }
            }
        }
        // p = 0 and p = 1 are exact
        assertArrayEquals(before, Embeddings.scale(u, sigma, 0).data());
        DenseBlock e1 = Embeddings.scale(u, sigma, 1);
        for (int i = 0; i < 50; i++) {
            for (int j = 0; j < 5; j++) {
                assertEquals(u.get(i, j) * sigma[j], e1.get(i, j));
            }
        }
        // p = 0.5 is the square root: 9^0.5 = 3 on column 1
        assertEquals(3 * u.get(7, 1), Embeddings.scale(u, sigma, 0.5).get(7, 1), 1e-15);
        assertArrayEquals(before, u.data(), "U is not modified");
    }

    @Test
    void aZeroSingularValueGivesAZeroColumnExceptForPowerZero() {
        DenseBlock u = TestMatrices.gaussianBlock(10, 3, 2);
        double[] sigma = {2, 0, 1};
        for (double p : new double[] {0.5, 1, -1}) {
            DenseBlock e = Embeddings.scale(u, sigma, p);
            for (int i = 0; i < 10; i++) {
                assertEquals(0.0, e.get(i, 1), 0.0, "p " + p);
                assertEquals(u.get(i, 0) * Math.pow(2, p), e.get(i, 0), 1e-15);
            }
        }
        DenseBlock e0 = Embeddings.scale(u, sigma, 0);
        for (int i = 0; i < 10; i++) {
            assertEquals(u.get(i, 1), e0.get(i, 1));
        }
    }

    @Test
    void scaleRejectsBadSingularValues() {
        DenseBlock u = new DenseBlock(4, 2);
        assertThrows(IllegalArgumentException.class, () -> Embeddings.scale(u, new double[] {1}, 1));
        assertThrows(IllegalArgumentException.class, () -> Embeddings.scale(u, new double[] {1, 2, 3}, 1));
        assertThrows(IllegalArgumentException.class, () -> Embeddings.scale(u, new double[] {1, -1e-300}, 1));
        assertThrows(IllegalArgumentException.class, () -> Embeddings.scale(u, new double[] {Double.NaN, 1}, 0));
    }

    @Test
    void embeddingsOfASvdReproduceTheMatrixOnItsTopSubspace() {
        // With E = UΣ (p = 1) of a matrix with positive top eigenvalues, E·Uᵀ = U Σ Uᵀ is the best
        // rank-f approximation: on the planted matrix the residual is the rest of the spectrum.
        double[][] a = TestMatrices.planted(200, 4, 30, 2.0, 0, 0, 3);
        CsrMatrix m = TestMatrices.csr(a);
        for (SvdMethod method : SvdMethod.values()) {
            SvdResult r = TruncatedSvd.compute(m, new SvdConfig(4, 10, 7, 1, method), 1, Progress.NONE, Termination.NONE);
            DenseBlock e = Embeddings.scale(r.u(), r.singularValues(), 1);
            double[][] approx = TestMatrices.multiply(TestMatrices.array(e), TestMatrices.transpose(TestMatrices.array(r.u())));
            double err = TestMatrices.maxAbsDiff(a, approx);
            assertEquals(0, err, 1e-11, method.toString());
        }
    }
}
