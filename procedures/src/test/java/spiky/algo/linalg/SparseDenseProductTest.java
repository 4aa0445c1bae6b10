package spiky.algo.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import spiky.algo.Termination;

/** The column panels of {@link SparseDenseProduct} against the one-pass product and plain loops. */
class SparseDenseProductTest {
    private static final double[][] DENSE = TestMatrices.randomSymmetric(500, 0.06, 21);

    @Test
    void panelsOfAnyWidthGiveBitIdenticalResults() {
        // A tiny page size makes rows straddle pages, so the 4-entry groups restart mid-row too.
        CsrMatrix a = TestMatrices.csr(DENSE, DENSE.length, 4);
        DenseBlock x = TestMatrices.gaussianBlock(DENSE.length, 38, 5);
        DenseBlock whole = new DenseBlock(DENSE.length, 38);
        SparseDenseProduct.multiply(a, x, whole, 38, 1, Termination.NONE);
        double[][] expected = TestMatrices.multiply(DENSE, TestMatrices.array(x));
        assertTrue(TestMatrices.maxAbsDiff(expected, TestMatrices.array(whole)) <= 1e-12 * TestMatrices.norm(expected));
        for (int panel : new int[] {8, 12, 16, 36}) {
            for (int threads : new int[] {1, 2, 3}) {
                DenseBlock y = new DenseBlock(DENSE.length, 38);
                java.util.Arrays.fill(y.data(), Double.NaN); // stale contents must be overwritten
                SparseDenseProduct.multiply(a, x, y, panel, threads, Termination.NONE);
                assertArrayEquals(whole.data(), y.data(), "panel " + panel + ", threads " + threads);
            }
        }
    }

    @Test
    void panelsAreUsedOnlyWhenTheBlockOutgrowsTheCache() {
        assertEquals(138, SparseDenseProduct.panelWidth(6_271, 138));
        int wide = SparseDenseProduct.panelWidth(120_000, 138);
        assertTrue(wide >= 8 && wide < 138 && wide % 4 == 0, "panel " + wide);
        assertTrue(8L * 120_000 * wide <= SparseDenseProduct.CACHED_BYTES || wide == 8, "panel " + wide + " fits the cache");
        assertEquals(8, SparseDenseProduct.panelWidth(50_000_000, 138));
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
