package spiky.algo.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import spiky.algo.Termination;

class CsrMatrixTest {
    // ---------------------------------------------------------------- data

    /**
     * A rows × cols matrix with rows of very different lengths: empty rows, rows of one entry,
     * rows longer than several pages of 2^3 entries, and random rows of the given density.
     */
    private static double[][] irregular(int rows, int cols, double density, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] a = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            int kind = i % 7;
            if (kind == 0) {
                continue; // empty row
            }
            if (kind == 1) {
                a[i][r.nextInt(cols)] = r.nextDouble() - 0.5;
            } else if (kind == 2) {
                // a long row: spans several tiny pages
                for (int j = 0; j < cols; j++) {
                    if (r.nextDouble() < 0.5) {
                        a[i][j] = TestMatrices.gaussian(r);
                    }
                }
            } else {
                for (int j = 0; j < cols; j++) {
                    if (r.nextDouble() < density) {
                        a[i][j] = TestMatrices.gaussian(r);
                    }
                }
            }
        }
        return a;
    }

    private static long countNonZeros(double[][] a) {
        long c = 0;
        for (double[] row : a) {
            for (double v : row) {
                if (v != 0) {
                    c++;
                }
            }
        }
        return c;
    }

    private static CsrMatrix simple(long[] offsets, int[] cols, double[] vals, int rows, int ncols) {
        PagedIntArray c = new PagedIntArray(cols.length, 2);
        PagedDoubleArray v = new PagedDoubleArray(vals.length, 2);
        for (int i = 0; i < cols.length; i++) {
            c.set(i, cols[i]);
        }
        for (int i = 0; i < vals.length; i++) {
            v.set(i, vals[i]);
        }
        return new CsrMatrix(rows, ncols, offsets, c, v);
    }

    // ---------------------------------------------------------------- paged arrays

    @Test
    void pagedArraysStoreAcrossPagesAndExposePagesConsistently() {
        int shift = 3;
        long size = 8 * 5 + 3; // a last, partial page
        PagedIntArray ints = new PagedIntArray(size, shift);
        PagedDoubleArray doubles = new PagedDoubleArray(size, shift);
        assertEquals(size, ints.size());
        assertEquals(size, doubles.size());
        assertEquals(shift, ints.pageShift());
        assertEquals(shift, doubles.pageShift());
        for (long i = 0; i < size; i++) {
            ints.set(i, (int) (7 * i + 1));
            doubles.set(i, 0.5 * i - 3);
        }
        for (long i = 0; i < size; i++) {
            assertEquals((int) (7 * i + 1), ints.get(i), "int " + i);
            assertEquals(0.5 * i - 3, doubles.get(i), "double " + i);
            assertEquals((int) (i % 8), ints.offsetInPage(i));
            assertEquals((int) (i % 8), doubles.offsetInPage(i));
            assertEquals(ints.get(i), ints.page(i)[ints.offsetInPage(i)]);
            assertEquals(doubles.get(i), doubles.page(i)[doubles.offsetInPage(i)]);
        }
        // Indices on one page share the array; consecutive pages do not.
        assertSame(ints.page(8), ints.page(15));
        assertFalse(ints.page(7) == ints.page(8));
        assertSame(doubles.page(40), doubles.page(42));
        assertEquals(3, ints.page(size - 1).length, "the last page holds only the remainder");
        assertEquals(3, doubles.page(size - 1).length);

        PagedIntArray empty = new PagedIntArray(0, shift);
        assertEquals(0, empty.size());
        PagedDoubleArray defaultPages = new PagedDoubleArray(10);
        assertEquals(PagedDoubleArray.DEFAULT_PAGE_SHIFT, defaultPages.pageShift());
        assertEquals(PagedIntArray.DEFAULT_PAGE_SHIFT, new PagedIntArray(10).pageShift());
    }

    // ---------------------------------------------------------------- structure

    @Test
    void getNnzAndDegreesMatchTheDenseMatrixAcrossTinyPages() {
        for (int shift : new int[] {0, 1, 3, 5, PagedIntArray.DEFAULT_PAGE_SHIFT}) {
            double[][] d = irregular(90, 40, 0.1, 11 + shift);
            CsrMatrix a = TestMatrices.csr(d, 40, shift);
            assertEquals(90, a.rows());
            assertEquals(40, a.cols());
            assertEquals(countNonZeros(d), a.nnz(), "shift " + shift);
            long position = 0;
            for (int r = 0; r < 90; r++) {
                int deg = 0;
                for (int c = 0; c < 40; c++) {
                    assertEquals(d[r][c], a.get(r, c), "A(" + r + ", " + c + ") with page shift " + shift);
                    if (d[r][c] != 0) {
                        deg++;
                    }
                }
                assertEquals(deg, a.degree(r));
                assertEquals(position, a.rowStart(r));
                position += deg;
                assertEquals(position, a.rowEnd(r));
            }
            assertArrayEquals(Arrays.stream(d).flatMapToDouble(Arrays::stream).toArray(),
                    Arrays.stream(TestMatrices.dense(a)).flatMapToDouble(Arrays::stream).toArray());
        }
    }

    @Test
    void getFindsTheFirstAndLastColumnOfARowAndNothingOutsideIt() {
        // row 0: columns 0, 3, 9 (the first and last column); row 1: empty; row 2: column 5 only
        CsrMatrix a = simple(new long[] {0, 3, 3, 4}, new int[] {0, 3, 9, 5}, new double[] {1.5, -2, 4, 7}, 3, 10);
        assertEquals(1.5, a.get(0, 0));
        assertEquals(-2, a.get(0, 3));
        assertEquals(4, a.get(0, 9));
        assertEquals(0, a.get(0, 1));
        assertEquals(0, a.get(0, 8));
        for (int c = 0; c < 10; c++) {
            assertEquals(0, a.get(1, c));
        }
        assertEquals(7, a.get(2, 5));
        assertEquals(0, a.get(2, 4));
        assertEquals(0, a.get(2, 6));
        assertEquals(4, a.nnz());
        assertEquals(0, a.degree(1));
    }

    // ---------------------------------------------------------------- products

    @Test
    void multiplyMatchesTheDenseProductForEveryPageSizeAndIsIdenticalForAnyConcurrency() {
        int rows = 300;
        int cols = 120;
        double[][] d = irregular(rows, cols, 0.08, 5);
        for (int k : new int[] {1, 3, 8}) {
            DenseBlock x = TestMatrices.gaussianBlock(cols, k, 100 + k);
            double[][] expected = TestMatrices.multiply(d, TestMatrices.array(x));
            double scale = TestMatrices.norm(expected);
            for (int shift : new int[] {0, 2, 4, 7, PagedIntArray.DEFAULT_PAGE_SHIFT}) {
                CsrMatrix a = TestMatrices.csr(d, cols, shift);
                DenseBlock y1 = a.multiply(x, 1, Termination.NONE);
                assertEquals(rows, y1.rows());
                assertEquals(k, y1.cols());
                double err = TestMatrices.maxAbsDiff(expected, TestMatrices.array(y1));
                assertTrue(err <= 1e-14 * scale, "k " + k + " shift " + shift + ": error " + err);
                for (int c : new int[] {2, 3}) {
                    DenseBlock yc = a.multiply(x, c, Termination.NONE);
                    assertArrayEquals(y1.data(), yc.data(), "k " + k + " shift " + shift + " concurrency " + c);
                }
            }
        }
    }

    @Test
    void multiplyIntoOverwritesTheTarget() {
        double[][] d = irregular(200, 200, 0.05, 8);
        CsrMatrix a = TestMatrices.csr(d, 200, 3);
        DenseBlock x = TestMatrices.gaussianBlock(200, 5, 9);
        double[][] expected = TestMatrices.multiply(d, TestMatrices.array(x));
        for (int c : new int[] {1, 2, 3}) {
            DenseBlock y = new DenseBlock(200, 5);
            Arrays.fill(y.data(), Double.NaN); // stale content must not leak into the result
            a.multiplyInto(x, y, c, Termination.NONE);
            double err = TestMatrices.maxAbsDiff(expected, TestMatrices.array(y));
            assertTrue(err <= 1e-13, "concurrency " + c + ": error " + err);
            // empty rows give exact zeros
            for (int r = 0; r < 200; r += 7) {
                for (int j = 0; j < 5; j++) {
                    assertEquals(0.0, y.get(r, j));
                }
            }
        }
    }

    @Test
    void aRowFillingExactlyWholePagesIsMultipliedCompletely() {
        // Page size 4: row 0 has exactly 4 entries (one full page), row 1 has 8 (two full pages),
        // row 2 starts mid-page after a row of 2 and straddles two page boundaries.
        int shift = 2;
        double[][] d = new double[4][12];
        for (int c = 0; c < 4; c++) {
            d[0][c] = c + 1;
        }
        for (int c = 0; c < 8; c++) {
            d[1][c + 2] = -(c + 1);
        }
        d[2][0] = 0.5;
        d[2][11] = 2;
        for (int c = 1; c < 11; c++) {
            d[3][c] = c * 0.25;
        }
        CsrMatrix a = TestMatrices.csr(d, 12, shift);
        DenseBlock x = TestMatrices.gaussianBlock(12, 2, 4);
        double[][] expected = TestMatrices.multiply(d, TestMatrices.array(x));
        double[][] got = TestMatrices.array(a.multiply(x, 1, Termination.NONE));
        assertTrue(TestMatrices.maxAbsDiff(expected, got) <= 1e-14);
    }

    @Test
    void rectangularMultiply() {
        double[][] d = irregular(70, 150, 0.1, 21);
        CsrMatrix a = TestMatrices.csr(d, 150, 4);
        DenseBlock x = TestMatrices.gaussianBlock(150, 4, 22);
        DenseBlock y = a.multiply(x, 2, Termination.NONE);
        assertEquals(70, y.rows());
        assertTrue(TestMatrices.maxAbsDiff(TestMatrices.multiply(d, TestMatrices.array(x)), TestMatrices.array(y)) <= 1e-13);
    }

    @Test
    void multiplyRejectsAMismatchedBlock() {
        CsrMatrix a = TestMatrices.csr(irregular(10, 12, 0.3, 1), 12, 3);
        assertThrows(IllegalArgumentException.class, () -> a.multiply(new DenseBlock(10, 2), 1, Termination.NONE));
        assertThrows(IllegalArgumentException.class, () -> a.multiply(new DenseBlock(13, 2), 1, Termination.NONE));
    }

    @Test
    void multiplyStopsWhenTerminated() {
        CsrMatrix a = TestMatrices.csr(irregular(2000, 50, 0.1, 3), 50, 5);
        DenseBlock x = TestMatrices.gaussianBlock(50, 2, 3);
        class Stop extends RuntimeException {}
        for (int c : new int[] {1, 2}) {
            assertThrows(Stop.class, () -> a.multiply(x, c, () -> {
                throw new Stop();
            }));
        }
    }

    // ---------------------------------------------------------------- symmetry

    @Test
    void isSymmetricDetectsValueAndStructureAsymmetry() {
        double[][] s = TestMatrices.randomSymmetric(60, 0.1, 17);
        assertTrue(TestMatrices.csr(s, 60, 3).isSymmetric());

        double[][] value = copy(s);
        int[] e = firstOffDiagonal(value);
        value[e[0]][e[1]] = Math.nextUp(value[e[0]][e[1]]); // a one-ulp difference counts
        assertFalse(TestMatrices.csr(value, 60, 3).isSymmetric());

        double[][] structure = copy(s);
        int[] zero = firstOffDiagonalZero(structure);
        structure[zero[0]][zero[1]] = 1.0; // (i, j) present, (j, i) absent
        assertFalse(TestMatrices.csr(structure, 60, 3).isSymmetric());
        double[][] mirrored = transposeCopy(structure);
        assertFalse(TestMatrices.csr(mirrored, 60, 3).isSymmetric());

        assertFalse(TestMatrices.csr(new double[3][4], 4, 3).isSymmetric(), "a non-square matrix");
        assertTrue(TestMatrices.csr(new double[5][5], 5, 3).isSymmetric(), "the zero matrix");
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    private static double[][] transposeCopy(double[][] a) {
        return TestMatrices.transpose(a);
    }

    private static int[] firstOffDiagonal(double[][] a) {
        for (int i = 0; i < a.length; i++) {
            for (int j = i + 1; j < a.length; j++) {
                if (a[i][j] != 0) {
                    return new int[] {i, j};
                }
            }
        }
        throw new AssertionError("no off-diagonal entry");
    }

    private static int[] firstOffDiagonalZero(double[][] a) {
        for (int i = 0; i < a.length; i++) {
            for (int j = i + 1; j < a.length; j++) {
                if (a[i][j] == 0) {
                    return new int[] {i, j};
                }
            }
        }
        throw new AssertionError("no zero off-diagonal entry");
    }

    // ---------------------------------------------------------------- constructor

    @Test
    void constructorRejectsInconsistentArrays() {
        PagedIntArray c3 = new PagedIntArray(3, 2);
        PagedDoubleArray v3 = new PagedDoubleArray(3, 2);
        // consistent: accepted
        new CsrMatrix(2, 4, new long[] {0, 1, 3}, c3, v3);
        // offsets of the wrong length
        assertThrows(IllegalArgumentException.class, () -> new CsrMatrix(3, 4, new long[] {0, 1, 3}, c3, v3));
        assertThrows(IllegalArgumentException.class, () -> new CsrMatrix(1, 4, new long[] {0, 1, 3}, c3, v3));
        // offsets[0] ≠ 0
        assertThrows(IllegalArgumentException.class, () -> new CsrMatrix(2, 4, new long[] {1, 2, 3}, c3, v3));
        // offsets[rows] ≠ nnz
        assertThrows(IllegalArgumentException.class, () -> new CsrMatrix(2, 4, new long[] {0, 1, 2}, c3, v3));
        // columns and values of different sizes
        assertThrows(IllegalArgumentException.class,
                () -> new CsrMatrix(2, 4, new long[] {0, 1, 3}, c3, new PagedDoubleArray(4, 2)));
        // different page sizes
        assertThrows(IllegalArgumentException.class,
                () -> new CsrMatrix(2, 4, new long[] {0, 1, 3}, c3, new PagedDoubleArray(3, 3)));
    }
}
