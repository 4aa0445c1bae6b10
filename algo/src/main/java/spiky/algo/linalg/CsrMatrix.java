package spiky.algo.linalg;

import spiky.algo.Termination;

/**
 * A sparse matrix in compressed sparse row form with 64-bit offsets: row r holds the entries at
 * positions [offsets[r], offsets[r+1]) of the paged column and value arrays, columns ascending
 * within a row. Immutable once built.
 */
public final class CsrMatrix {
    private final int rows;
    private final int cols;
    private final long[] offsets;
    private final PagedIntArray columns;
    private final PagedDoubleArray values;

    /**
     * @param offsets rows + 1 non-decreasing positions, offsets[0] = 0, offsets[rows] = nnz
     */
    public CsrMatrix(int rows, int cols, long[] offsets, PagedIntArray columns, PagedDoubleArray values) {
        if (offsets.length != rows + 1 || offsets[0] != 0 || offsets[rows] != columns.size() || columns.size() != values.size()) {
            throw new IllegalArgumentException("inconsistent CSR arrays");
        }
        if (columns.pageShift() != values.pageShift()) {
            throw new IllegalArgumentException("columns and values must share a page size");
        }
        this.rows = rows;
        this.cols = cols;
        this.offsets = offsets;
        this.columns = columns;
        this.values = values;
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public long nnz() {
        return offsets[rows];
    }

    public long rowStart(int r) {
        return offsets[r];
    }

    public long rowEnd(int r) {
        return offsets[r + 1];
    }

    public int degree(int r) {
        return (int) (offsets[r + 1] - offsets[r]);
    }

    public int column(long position) {
        return columns.get(position);
    }

    public double value(long position) {
        return values.get(position);
    }

    public PagedIntArray columns() {
        return columns;
    }

    public PagedDoubleArray values() {
        return values;
    }

    /** A(r, c), by binary search in row r; 0 when absent. */
    public double get(int r, int c) {
        long lo = offsets[r];
        long hi = offsets[r + 1] - 1;
        while (lo <= hi) {
            long mid = (lo + hi) >>> 1;
            int mc = columns.get(mid);
            if (mc < c) {
                lo = mid + 1;
            } else if (mc > c) {
                hi = mid - 1;
            } else {
                return values.get(mid);
            }
        }
        return 0;
    }

    /** y = A·x, parallel over rows of A. */
    public DenseBlock multiply(DenseBlock x, int concurrency, Termination termination) {
        if (x.rows() != cols) {
            throw new IllegalArgumentException("A is " + rows + " × " + cols + ", x has " + x.rows() + " rows");
        }
        DenseBlock y = new DenseBlock(rows, x.cols());
        multiplyInto(x, y, concurrency, termination);
        return y;
    }

    /** y = A·x into an existing block (overwritten); see {@link SparseDenseProduct}. */
    public void multiplyInto(DenseBlock x, DenseBlock y, int concurrency, Termination termination) {
        SparseDenseProduct.multiply(this, x, y, concurrency, termination);
    }

    /** Checks that A equals its transpose exactly (the PPMI matrix must). */
    public boolean isSymmetric() {
        if (rows != cols) {
            return false;
        }
        for (int r = 0; r < rows; r++) {
            for (long p = offsets[r]; p < offsets[r + 1]; p++) {
                if (get(columns.get(p), r) != values.get(p)) {
                    return false;
                }
            }
        }
        return true;
    }
}
