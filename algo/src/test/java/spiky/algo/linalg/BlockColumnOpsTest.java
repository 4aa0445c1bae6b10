package spiky.algo.linalg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import spiky.algo.Termination;

/**
 * The kernels on columns split over blocks against DenseOps's on one array holding the same
 * columns (the Krylov basis before it was split): bit for bit when the blocks are aligned to four
 * (every width but the last a multiple of 4, as the SVD's plan makes them), to rounding otherwise.
 */
class BlockColumnOpsTest {
    /** Around the unrolling (4), the tiles (64) and the reduction chunk (256). */
    private static final int[] HEIGHTS = {1, 3, 7, 64, 257, 1031, 9000};

    /** Block widths: the SVD's (b = 20, a narrower last block), small ones, one block, and unaligned ones. */
    private static final int[][] LAYOUTS = {{20, 20, 13}, {20, 20, 20, 20}, {4, 8, 4, 3}, {12}, {8, 8, 8, 8, 8, 1}, {6, 5, 7}, {1, 2, 3}};

    private static List<DenseBlock> blocks(int n, int[] widths, long seed) {
        List<DenseBlock> out = new ArrayList<>();
        for (int i = 0; i < widths.length; i++) {
            out.add(TestMatrices.gaussianBlock(n, widths[i], seed + 7919L * i));
        }
        return out;
    }

    /** The blocks side by side in one n × D array. */
    private static DenseBlock joined(List<DenseBlock> blocks) {
        int n = blocks.get(0).rows();
        int width = blocks.stream().mapToInt(DenseBlock::cols).sum();
        DenseBlock out = new DenseBlock(n, width);
        int at = 0;
        for (DenseBlock b : blocks) {
            for (int r = 0; r < n; r++) {
                System.arraycopy(b.data(), r * b.cols(), out.data(), r * width + at, b.cols());
            }
            at += b.cols();
        }
        return out;
    }

    private static double[] randomSmall(int rows, int cols, long seed) {
        return TestMatrices.gaussianBlock(rows, cols, seed).data();
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    private static void assertSame(double[] expected, double[] actual, boolean exact, String what) {
        if (exact) {
            assertArrayEquals(expected, actual, what);
        } else {
            double err = TestMatrices.maxAbsDiff(expected, actual);
            assertTrue(err <= 1e-13 * Math.max(1, maxAbs(expected)), what + ": error " + err);
        }
    }

    @Test
    void crossProductIsTheSingleArraysBitForBitWhateverTheWidths() {
        for (int n : HEIGHTS) {
            for (int[] widths : LAYOUTS) {
                List<DenseBlock> blocks = blocks(n, widths, 101L * n + widths.length);
                DenseBlock p = joined(blocks);
                // W a window in a wider array, as the SVD's W is not (it tests the offsets).
                DenseBlock wide = TestMatrices.gaussianBlock(n, 23, 5L * n);
                ColumnWindow w = ColumnWindow.columns(wide, 2, 20);
                double[] expected = DenseOps.crossProduct(ColumnWindow.of(p), w, 1, Termination.NONE);
                for (int c : new int[] {1, 2, 3}) {
                    double[] actual = BlockColumnOps.crossProduct(new BlockColumns(blocks), w, c, Termination.NONE);
                    assertArrayEquals(expected, actual, "n " + n + " widths " + java.util.Arrays.toString(widths) + " concurrency " + c);
                }
            }
        }
    }

    @Test
    void multiplyAddIsTheSingleArraysBitForBitWhenAlignedToFour() {
        for (int n : HEIGHTS) {
            for (int[] widths : LAYOUTS) {
                List<DenseBlock> blocks = blocks(n, widths, 103L * n + widths.length);
                BlockColumns split = new BlockColumns(blocks);
                DenseBlock p = joined(blocks);
                boolean aligned = split.alignedToFour();
                for (int mw : new int[] {20, 7}) {
                    double[] m = randomSmall(p.cols(), mw, 17L * mw + n);
                    DenseBlock start = TestMatrices.gaussianBlock(n, mw, 3L * n + mw);
                    for (boolean subtract : new boolean[] {false, true}) {
                        for (boolean overwrite : new boolean[] {false, true}) {
                            DenseBlock expected = start.copy();
                            DenseOps.multiplyAdd(ColumnWindow.of(p), m, ColumnWindow.of(expected), subtract, overwrite, 1, Termination.NONE);
                            for (int c : new int[] {1, 2, 3}) {
                                DenseBlock actual = start.copy();
                                BlockColumnOps.multiplyAdd(split, m, ColumnWindow.of(actual), subtract, overwrite, c, Termination.NONE);
                                assertSame(expected.data(), actual.data(), aligned, "n " + n + " widths " + java.util.Arrays.toString(widths)
                                        + " mw " + mw + " subtract " + subtract + " overwrite " + overwrite + " concurrency " + c);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void multiplyOverLeadingWritesTheProductOverTheFirstColumnsAndLeavesTheRest() {
        for (int n : HEIGHTS) {
            for (int[] widths : LAYOUTS) {
                int width = java.util.Arrays.stream(widths).sum();
                for (int mw : new int[] {width, Math.max(1, width / 2), Math.min(width, 9)}) {
                    List<DenseBlock> original = blocks(n, widths, 107L * n + widths.length + mw);
                    DenseBlock p = joined(original);
                    double[] m = randomSmall(width, mw, 19L * mw + n);
                    DenseBlock expected = new DenseBlock(n, mw);
                    DenseOps.multiplyAdd(ColumnWindow.of(p), m, ColumnWindow.of(expected), false, true, 1, Termination.NONE);
                    boolean aligned = new BlockColumns(original).alignedToFour();
                    for (int c : new int[] {1, 2, 3}) {
                        List<DenseBlock> blocks = new ArrayList<>();
                        for (DenseBlock b : original) {
                            blocks.add(b.copy());
                        }
                        BlockColumns split = new BlockColumns(blocks);
                        BlockColumnOps.multiplyOverLeading(split, m, mw, c, Termination.NONE);
                        DenseBlock u = BlockColumnOps.leadingColumns(split, mw, c, Termination.NONE);
                        String what = "n " + n + " widths " + java.util.Arrays.toString(widths) + " mw " + mw + " concurrency " + c;
                        assertEquals(n, u.rows());
                        assertEquals(mw, u.cols());
                        assertSame(expected.data(), u.data(), aligned, what);
                        // Columns from mw on are P's, unchanged.
                        DenseBlock after = joined(blocks);
                        for (int r = 0; r < n; r++) {
                            for (int j = mw; j < width; j++) {
                                assertEquals(p.get(r, j), after.get(r, j), what + " row " + r + " column " + j);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void alignmentIsEveryWidthButTheLastAMultipleOfFour() {
        assertTrue(new BlockColumns(blocks(5, new int[] {20, 20, 13}, 1)).alignedToFour());
        assertTrue(new BlockColumns(blocks(5, new int[] {7}, 1)).alignedToFour());
        assertFalse(new BlockColumns(blocks(5, new int[] {6, 5, 7}, 1)).alignedToFour());
        BlockColumns split = new BlockColumns(blocks(5, new int[] {4, 8, 3}, 1));
        assertEquals(15, split.width());
        assertEquals(3, split.blocks());
        assertEquals(5, split.rows());
    }

    @Test
    void rejectsMismatchedShapesAndAnOutputThatIsOneOfTheBlocks() {
        List<DenseBlock> blocks = blocks(10, new int[] {4, 4}, 2);
        BlockColumns split = new BlockColumns(blocks);
        assertThrows(IllegalArgumentException.class, () -> new BlockColumns(List.of(new DenseBlock(10, 4), new DenseBlock(11, 4))));
        assertThrows(IllegalArgumentException.class, () -> BlockColumnOps.crossProduct(split, ColumnWindow.of(new DenseBlock(9, 3)), 1,
                Termination.NONE));
        assertThrows(IllegalArgumentException.class, () -> BlockColumnOps.multiplyAdd(split, new double[8 * 4], ColumnWindow.of(blocks.get(1)),
                false, false, 1, Termination.NONE));
        assertThrows(IllegalArgumentException.class, () -> BlockColumnOps.multiplyOverLeading(split, new double[8 * 9], 9, 1, Termination.NONE));
        assertThrows(IllegalArgumentException.class, () -> BlockColumnOps.leadingColumns(split, 9, 1, Termination.NONE));
    }
}
