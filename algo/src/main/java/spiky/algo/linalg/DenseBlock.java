package spiky.algo.linalg;

/**
 * A dense rows × cols block of doubles, row-major: row i is data[i·cols, (i+1)·cols). Tall and
 * skinny in practice (items × 138), so that a sparse row times the block walks contiguous rows
 * the JIT can vectorise.
 */
public final class DenseBlock {
    private final int rows;
    private final int cols;
    private final double[] data;

    public DenseBlock(int rows, int cols) {
        if ((long) rows * cols > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a dense block of " + rows + " × " + cols + " exceeds 2^31 entries");
        }
        this.rows = rows;
        this.cols = cols;
        this.data = new double[rows * cols];
    }

    public DenseBlock(int rows, int cols, double[] data) {
        if (data.length != rows * cols) {
            throw new IllegalArgumentException("expected " + rows + " × " + cols + " values, got " + data.length);
        }
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** The backing row-major array (shared, not copied). */
    public double[] data() {
        return data;
    }

    public double get(int i, int j) {
        return data[i * cols + j];
    }

    public void set(int i, int j, double value) {
        data[i * cols + j] = value;
    }

    public DenseBlock copy() {
        return new DenseBlock(rows, cols, data.clone());
    }

    /** The first k columns, as a new block. */
    public DenseBlock leftColumns(int k) {
        DenseBlock out = new DenseBlock(rows, k);
        for (int i = 0; i < rows; i++) {
            System.arraycopy(data, i * cols, out.data, i * k, k);
        }
        return out;
    }
}
