package spiky.algo.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import spiky.algo.Termination;

class DenseOpsTest {
    private static final int[] CONCURRENCIES = {1, 2, 3};

    /** Row counts around the reduction chunk (256) and the unrolling (4). */
    private static final int[] HEIGHTS = {1, 3, 4, 7, 255, 256, 257, 1031, 9000};

    /** The column window [offset, offset + width) of a row-major n × stride array, as 2-D. */
    private static double[][] window(double[] data, int n, int stride, int offset, int width) {
        double[][] w = new double[n][width];
        for (int i = 0; i < n; i++) {
            System.arraycopy(data, i * stride + offset, w[i], 0, width);
        }
        return w;
    }

    private static double[] flat(double[][] a) {
        return Arrays.stream(a).flatMapToDouble(Arrays::stream).toArray();
    }

    private static double maxAbs(double[][] a) {
        double m = 0;
        for (double[] row : a) {
            for (double v : row) {
                m = Math.max(m, Math.abs(v));
            }
        }
        return m;
    }

    // ---------------------------------------------------------------- reductions

    @Test
    void gramMatchesPlainLoopsIsSymmetricAndIdenticalForAnyConcurrency() {
        for (int n : HEIGHTS) {
            for (int k : new int[] {1, 5, 8}) {
                DenseBlock x = TestMatrices.gaussianBlock(n, k, 31L * n + k);
                double[][] xa = TestMatrices.array(x);
                double[][] expected = TestMatrices.multiply(TestMatrices.transpose(xa), xa);
                double[] g1 = DenseOps.gram(x, 1, Termination.NONE);
                assertEquals(k * k, g1.length);
                double err = TestMatrices.maxAbsDiff(flat(expected), g1);
                assertTrue(err <= 1e-13 * n, "n " + n + " k " + k + ": error " + err);
                for (int a = 0; a < k; a++) {
                    for (int b = 0; b < k; b++) {
                        assertEquals(g1[a * k + b], g1[b * k + a], "exactly symmetric");
                    }
                }
                for (int c : CONCURRENCIES) {
                    assertArrayEquals(g1, DenseOps.gram(x, c, Termination.NONE), "n " + n + " k " + k + " concurrency " + c);
                }
            }
        }
    }

    @Test
    void gramOfAColumnWindow() {
        int n = 700;
        int stride = 11;
        DenseBlock x = TestMatrices.gaussianBlock(n, stride, 3);
        for (int[] w : new int[][] {{0, 11}, {2, 5}, {10, 1}, {3, 0}}) {
            double[][] xa = window(x.data(), n, stride, w[0], w[1]);
            double[][] expected = TestMatrices.multiply(TestMatrices.transpose(xa), xa);
            double[] g = DenseOps.gram(x.data(), n, stride, w[0], w[1], 2, Termination.NONE);
            assertEquals(w[1] * w[1], g.length);
            assertTrue(TestMatrices.maxAbsDiff(flat(expected), g) <= 1e-11, Arrays.toString(w));
            assertArrayEquals(g, DenseOps.gram(x.data(), n, stride, w[0], w[1], 1, Termination.NONE));
        }
    }

    @Test
    void crossProductMatchesPlainLoopsAndIsIdenticalForAnyConcurrency() {
        for (int n : HEIGHTS) {
            DenseBlock p = TestMatrices.gaussianBlock(n, 6, n + 1);
            DenseBlock w = TestMatrices.gaussianBlock(n, 3, n + 2);
            double[][] expected = TestMatrices.multiply(TestMatrices.transpose(TestMatrices.array(p)), TestMatrices.array(w));
            double[] c1 = DenseOps.crossProduct(p, w, 1, Termination.NONE);
            assertEquals(18, c1.length);
            assertTrue(TestMatrices.maxAbsDiff(flat(expected), c1) <= 1e-13 * n, "n " + n);
            for (int c : CONCURRENCIES) {
                assertArrayEquals(c1, DenseOps.crossProduct(p, w, c, Termination.NONE));
            }
        }
    }

    @Test
    void crossProductOfWindowsOfOneArray() {
        int n = 1500;
        int stride = 9;
        DenseBlock x = TestMatrices.gaussianBlock(n, stride, 77);
        double[][] pw = window(x.data(), n, stride, 1, 4);
        double[][] ww = window(x.data(), n, stride, 6, 3);
        double[][] expected = TestMatrices.multiply(TestMatrices.transpose(pw), ww);
        double[] c = DenseOps.crossProduct(x.data(), stride, 1, 4, x.data(), stride, 6, 3, n, 3, Termination.NONE);
        assertTrue(TestMatrices.maxAbsDiff(flat(expected), c) <= 1e-11);
        assertArrayEquals(c, DenseOps.crossProduct(x.data(), stride, 1, 4, x.data(), stride, 6, 3, n, 1, Termination.NONE));
    }

    @Test
    void crossProductRejectsDifferentHeights() {
        assertThrows(IllegalArgumentException.class,
                () -> DenseOps.crossProduct(new DenseBlock(5, 2), new DenseBlock(6, 2), 1, Termination.NONE));
    }

    // ---------------------------------------------------------------- row-wise products

    @Test
    void multiplyByASmallMatrix() {
        for (int n : new int[] {1, 5, 300, 2000}) {
            for (int[] km : new int[][] {{1, 1}, {4, 4}, {7, 3}, {9, 13}}) {
                int k = km[0];
                int m = km[1];
                DenseBlock x = TestMatrices.gaussianBlock(n, k, n * 7L + k);
                double[][] ma = TestMatrices.gaussianArray(k, m, n * 3L + m);
                double[][] expected = TestMatrices.multiply(TestMatrices.array(x), ma);
                DenseBlock out1 = new DenseBlock(n, m);
                Arrays.fill(out1.data(), 1e300); // overwritten, not accumulated
                DenseOps.multiply(x, flat(ma), out1, 1, Termination.NONE);
                assertTrue(TestMatrices.maxAbsDiff(expected, TestMatrices.array(out1)) <= 1e-13, n + " " + k + "×" + m);
                for (int c : CONCURRENCIES) {
                    DenseBlock outc = new DenseBlock(n, m);
                    DenseOps.multiply(x, flat(ma), outc, c, Termination.NONE);
                    assertArrayEquals(out1.data(), outc.data());
                }
            }
        }
    }

    @Test
    void multiplyRejectsAliasingAndBadShapes() {
        DenseBlock x = new DenseBlock(5, 3);
        assertThrows(IllegalArgumentException.class, () -> DenseOps.multiply(x, new double[9], x, 1, Termination.NONE));
        assertThrows(IllegalArgumentException.class,
                () -> DenseOps.multiply(x, new double[8], new DenseBlock(5, 3), 1, Termination.NONE));
        assertThrows(IllegalArgumentException.class,
                () -> DenseOps.multiply(x, new double[6], new DenseBlock(4, 2), 1, Termination.NONE));
        double[] p = new double[10];
        assertThrows(IllegalArgumentException.class,
                () -> DenseOps.multiplyAdd(p, 2, 0, 2, new double[4], 2, p, 2, 0, 5, false, true, 1, Termination.NONE));
    }

    @Test
    void multiplyAddOnWindowsAddsSubtractsOrOverwrites() {
        int n = 900;
        int pStride = 10;
        int outStride = 7;
        int pOffset = 2;
        int pWidth = 5;
        int outOffset = 3;
        int mWidth = 4;
        DenseBlock p = TestMatrices.gaussianBlock(n, pStride, 1);
        double[][] m = TestMatrices.gaussianArray(pWidth, mWidth, 2);
        DenseBlock out0 = TestMatrices.gaussianBlock(n, outStride, 3);
        double[][] product = TestMatrices.multiply(window(p.data(), n, pStride, pOffset, pWidth), m);
        for (boolean subtract : new boolean[] {false, true}) {
            for (boolean overwrite : new boolean[] {false, true}) {
                double[] reference = null;
                for (int c : CONCURRENCIES) {
                    double[] out = out0.data().clone();
                    DenseOps.multiplyAdd(p.data(), pStride, pOffset, pWidth, flat(m), mWidth, out, outStride, outOffset, n, subtract,
                            overwrite, c, Termination.NONE);
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < outStride; j++) {
                            double before = out0.data()[i * outStride + j];
                            double expected;
                            if (j < outOffset || j >= outOffset + mWidth) {
                                expected = before; // outside the window: untouched
                            } else {
                                double pr = product[i][j - outOffset];
                                expected = (overwrite ? 0 : before) + (subtract ? -pr : pr);
                            }
                            assertEquals(expected, out[i * outStride + j], 1e-13,
                                    "subtract " + subtract + " overwrite " + overwrite + " at " + i + "," + j);
                        }
                    }
                    if (reference == null) {
                        reference = out;
                    } else {
                        assertArrayEquals(reference, out);
                    }
                }
            }
        }
    }

    @Test
    void solveUpperRightInvertsAnUpperTriangularFactor() {
        for (int k : new int[] {1, 3, 4, 6, 8, 13}) {
            int n = 600;
            // a well-conditioned upper triangular R: unit-ish diagonal of both signs, small off-diagonal
            double[][] g = TestMatrices.gaussianArray(k, k, k);
            double[] r = new double[k * k];
            for (int i = 0; i < k; i++) {
                r[i * k + i] = (i % 2 == 0 ? 1 : -1) * (1.5 + Math.abs(g[i][i]));
                for (int j = i + 1; j < k; j++) {
                    r[i * k + j] = 0.3 * g[i][j];
                }
            }
            DenseBlock x = TestMatrices.gaussianBlock(n, k, 50 + k);
            double[][] before = TestMatrices.array(x);
            DenseBlock reference = null;
            for (int c : CONCURRENCIES) {
                DenseBlock z = x.copy();
                DenseOps.solveUpperRight(z, r, c, Termination.NONE);
                // Z·R must give back X
                double[][] back = TestMatrices.multiply(TestMatrices.array(z), TestMatrices.array(r, k, k));
                double err = TestMatrices.maxAbsDiff(before, back);
                assertTrue(err <= 1e-13 * maxAbs(before), "k " + k + ": error " + err);
                if (reference == null) {
                    reference = z;
                } else {
                    assertArrayEquals(reference.data(), z.data());
                }
            }
        }
        assertThrows(IllegalArgumentException.class,
                () -> DenseOps.solveUpperRight(new DenseBlock(4, 3), new double[8], 1, Termination.NONE));
    }

    // ---------------------------------------------------------------- fills and copies

    @Test
    void fillGaussianDependsOnTheSeedOnly() {
        int n = 3000; // three row groups of 1024
        int k = 7;
        DenseBlock a = new DenseBlock(n, k);
        DenseOps.fillGaussian(a, 42, 1, Termination.NONE);
        for (int c : new int[] {2, 3, 4}) {
            DenseBlock b = new DenseBlock(n, k);
            DenseOps.fillGaussian(b, 42, c, Termination.NONE);
            assertArrayEquals(a.data(), b.data(), "concurrency " + c);
        }
        DenseBlock other = new DenseBlock(n, k);
        DenseOps.fillGaussian(other, 43, 1, Termination.NONE);
        int equal = 0;
        for (int i = 0; i < n * k; i++) {
            if (a.data()[i] == other.data()[i]) {
                equal++;
            }
        }
        assertEquals(0, equal, "another seed gives other values");
        // the row groups are different streams (no repeated group)
        assertFalse(Arrays.equals(Arrays.copyOfRange(a.data(), 0, 1024 * k), Arrays.copyOfRange(a.data(), 1024 * k, 2048 * k)));
        // a taller block starts with the same rows (the groups do not depend on n)
        DenseBlock shorter = new DenseBlock(1500, k);
        DenseOps.fillGaussian(shorter, 42, 2, Termination.NONE);
        assertArrayEquals(shorter.data(), Arrays.copyOf(a.data(), 1500 * k));
    }

    @Test
    void fillGaussianLooksStandardNormal() {
        int n = 20000;
        int k = 5;
        DenseBlock a = new DenseBlock(n, k);
        DenseOps.fillGaussian(a, 7, 2, Termination.NONE);
        double[] v = a.data();
        int count = v.length;
        double mean = 0;
        for (double x : v) {
            mean += x;
        }
        mean /= count;
        double var = 0;
        double fourth = 0;
        int beyond2 = 0;
        for (double x : v) {
            var += (x - mean) * (x - mean);
            fourth += Math.pow(x - mean, 4);
            if (Math.abs(x) > 2) {
                beyond2++;
            }
        }
        var /= count;
        fourth /= count;
        // 100,000 samples: standard errors are about 0.003 (mean), 0.0045 (variance), 0.03 (4th moment)
        assertEquals(0, mean, 0.02);
        assertEquals(1, var, 0.03);
        assertEquals(3, fourth / (var * var), 0.2);
        assertEquals(0.0455, beyond2 / (double) count, 0.004);
        // columns are not correlated
        double[][] xa = TestMatrices.array(a);
        double[][] g = TestMatrices.multiply(TestMatrices.transpose(xa), xa);
        for (int i = 0; i < k; i++) {
            for (int j = i + 1; j < k; j++) {
                assertEquals(0, g[i][j] / n, 0.03);
            }
        }
    }

    @Test
    void copyColumnsCopiesOneWindowIntoAnother() {
        int n = 800;
        DenseBlock src = TestMatrices.gaussianBlock(n, 6, 1);
        DenseBlock dst0 = TestMatrices.gaussianBlock(n, 9, 2);
        for (int c : CONCURRENCIES) {
            DenseBlock dst = dst0.copy();
            DenseOps.copyColumns(src.data(), 6, 1, dst.data(), 9, 5, 3, n, c, Termination.NONE);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < 9; j++) {
                    double expected = j >= 5 && j < 8 ? src.get(i, j - 5 + 1) : dst0.get(i, j);
                    assertEquals(expected, dst.get(i, j));
                }
            }
        }
    }

    // ---------------------------------------------------------------- small helpers

    @Test
    void multiplySmallAndIdentity() {
        for (int[] s : new int[][] {{1, 1, 1}, {3, 5, 2}, {8, 8, 8}, {6, 9, 4}}) {
            double[][] a = TestMatrices.gaussianArray(s[0], s[1], s[0] + 10L * s[1]);
            double[][] b = TestMatrices.gaussianArray(s[1], s[2], s[2] + 100L);
            double[] got = DenseOps.multiplySmall(flat(a), flat(b), s[0], s[1], s[2]);
            assertTrue(TestMatrices.maxAbsDiff(flat(TestMatrices.multiply(a, b)), got) <= 1e-14, Arrays.toString(s));
        }
        double[] id = DenseOps.identity(4);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(i == j ? 1.0 : 0.0, id[i * 4 + j]);
            }
        }
        double[][] a = TestMatrices.gaussianArray(4, 4, 5);
        assertArrayEquals(flat(a), DenseOps.multiplySmall(flat(a), id, 4, 4, 4));
    }

    @Test
    void reductionsStopWhenTerminated() {
        DenseBlock x = TestMatrices.gaussianBlock(5000, 4, 1);
        class Stop extends RuntimeException {}
        Termination stop = () -> {
            throw new Stop();
        };
        for (int c : new int[] {1, 2}) {
            assertThrows(Stop.class, () -> DenseOps.gram(x, c, stop));
            assertThrows(Stop.class, () -> DenseOps.crossProduct(x, x, c, stop));
            assertThrows(Stop.class, () -> DenseOps.fillGaussian(x, 1, c, stop));
        }
    }
}
