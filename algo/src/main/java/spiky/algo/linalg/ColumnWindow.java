package spiky.algo.linalg;

import java.util.Objects;

/**
 * Columns [offset, offset + width) of a row-major array of {@code rows} rows, {@code stride}
 * doubles per row: what the dense kernels of {@link DenseOps} read and write, so that an array
 * and its layout travel together instead of as four loose ints.
 */
public record ColumnWindow(double[] data, int rows, int stride, int offset, int width) {
    public ColumnWindow {
        Objects.requireNonNull(data, "data");
        if (rows < 0 || offset < 0 || width < 0 || offset + width > stride) {
            throw new IllegalArgumentException("bad window: " + rows + " rows, stride " + stride + ", columns [" + offset + ", "
                    + (offset + width) + ")");
        }
        if (rows > 0 && (long) (rows - 1) * stride + offset + width > data.length) {
            throw new IllegalArgumentException("a window of " + rows + " rows with stride " + stride + " does not fit in "
                    + data.length + " doubles");
        }
    }

    /** Every column of a block. */
    public static ColumnWindow of(DenseBlock block) {
        return new ColumnWindow(block.data(), block.rows(), block.cols(), 0, block.cols());
    }

    /** Columns [offset, offset + width) of a block. */
    public static ColumnWindow columns(DenseBlock block, int offset, int width) {
        return new ColumnWindow(block.data(), block.rows(), block.cols(), offset, width);
    }

    /** Columns [offset, offset + width) of the same array. */
    public ColumnWindow columns(int offset, int width) {
        return new ColumnWindow(data, rows, stride, offset, width);
    }
}
