package spiky.algo.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import spiky.algo.Termination;

/** {@link SparseDenseProduct}'s four-entry groups against plain loops, across pages and threads. */
class SparseDenseProductTest {
    private static final double[][] DENSE = TestMatrices.randomSymmetric(500, 0.06, 21);

    @Test
    void groupsOfFourAcrossPagesMatchPlainLoopsAndNeverDependOnTheThreads() {
        // A tiny page size makes rows straddle pages, so the groups of four restart mid-row.
        for (int pageShift : new int[] {2, 4, 27}) {
            CsrMatrix a = TestMatrices.csr(DENSE, DENSE.length, pageShift);
            for (int k : new int[] {1, 3, 20, 38}) {
                DenseBlock x = TestMatrices.gaussianBlock(DENSE.length, k, 5);
                DenseBlock one = new DenseBlock(DENSE.length, k);
                SparseDenseProduct.multiply(a, x, one, 1, Termination.NONE);
                double[][] expected = TestMatrices.multiply(DENSE, TestMatrices.array(x));
                assertTrue(TestMatrices.maxAbsDiff(expected, TestMatrices.array(one)) <= 1e-12 * TestMatrices.norm(expected),
                        "page shift " + pageShift + ", k " + k);
                for (int threads : new int[] {2, 3}) {
                    DenseBlock y = new DenseBlock(DENSE.length, k);
                    java.util.Arrays.fill(y.data(), Double.NaN); // stale contents must be overwritten
                    SparseDenseProduct.multiply(a, x, y, threads, Termination.NONE);
                    assertArrayEquals(one.data(), y.data(), "page shift " + pageShift + ", k " + k + ", threads " + threads);
                }
            }
        }
    }

    @Test
    void theOutputMustBeAnotherBlockOfTheRightShape() {
        CsrMatrix a = TestMatrices.csr(DENSE);
        DenseBlock x = TestMatrices.gaussianBlock(DENSE.length, 4, 1);
        assertThrows(IllegalArgumentException.class, () -> SparseDenseProduct.multiply(a, x, x, 1, Termination.NONE));
        assertThrows(IllegalArgumentException.class,
                () -> SparseDenseProduct.multiply(a, x, new DenseBlock(DENSE.length, 5), 1, Termination.NONE));
    }
}
