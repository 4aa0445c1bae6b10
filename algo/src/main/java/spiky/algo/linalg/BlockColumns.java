package spiky.algo.linalg;

import java.util.List;

/**
 * Columns spread over several blocks of the same height, side by side: block i holds the
 * columns [start(i), start(i) + width(i)) of one tall matrix, every column of its own row-major
 * array. What {@link BlockColumnOps} reads in place of one n × D array, so that a Krylov basis of
 * many blocks needs no single allocation of its full size (a G1 humongous object of gigabytes
 * needs as many contiguous free regions, bench/RESULTS.md "MPD size").
 */
public final class BlockColumns {
    private final double[][] data;
    private final int[] start;
    private final int rows;

    /** The blocks, in column order; they must all have the same number of rows. */
    public BlockColumns(List<DenseBlock> blocks) {
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("no blocks");
        }
        rows = blocks.get(0).rows();
        data = new double[blocks.size()][];
        start = new int[blocks.size() + 1];
        for (int i = 0; i < blocks.size(); i++) {
            DenseBlock b = blocks.get(i);
            if (b.rows() != rows) {
                throw new IllegalArgumentException("block " + i + " has " + b.rows() + " rows, not " + rows);
            }
            data[i] = b.data();
            start[i + 1] = start[i] + b.cols();
        }
    }

    public int rows() {
        return rows;
    }

    /** The total number of columns. */
    public int width() {
        return start[data.length];
    }

    public int blocks() {
        return data.length;
    }

    /** Block i's row-major array (shared): row r at [r·width(i), (r + 1)·width(i)). */
    double[] data(int i) {
        return data[i];
    }

    /** The first column block i holds. */
    int start(int i) {
        return start[i];
    }

    int width(int i) {
        return start[i + 1] - start[i];
    }

    /**
     * Whether the four-column groups of every block are those of the whole: every block but the
     * last has a width that is a multiple of 4. Then {@link BlockColumnOps#multiplyAdd} adds each
     * output's terms in the same order as {@link DenseOps#multiplyAdd} on one array.
     */
    public boolean alignedToFour() {
        for (int i = 0; i + 1 < data.length; i++) {
            if (width(i) % 4 != 0) {
                return false;
            }
        }
        return true;
    }
}
