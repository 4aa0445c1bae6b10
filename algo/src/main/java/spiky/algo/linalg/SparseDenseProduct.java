package spiky.algo.linalg;

import java.util.Arrays;
import spiky.algo.Parallel;
import spiky.algo.Termination;

/**
 * Y = A·X for a sparse CSR A and a row-major dense block X: the product every SVD iteration
 * spends its time in. Row r of Y is the sum over the stored entries (r, c, v) of v · X[c, :].
 *
 * <p>It takes four stored entries at a time: Y[r, j] += v₀X[c₀, j] + v₁X[c₁, j] + v₂X[c₂, j] +
 * v₃X[c₃, j] loads and stores the row of Y once per four entries instead of once per entry (the
 * store of Y, not the arithmetic, bounds the one-entry loop); on ml-latest-small's PPMI matrix
 * that is about 1.4× faster. Whole rows of X are read, however wide: cutting X into column panels
 * that fit the cache was measured slower, even for a 116k × 138 X of 128 MB (0.44 s for the whole
 * width against 1.0–2.7 s for panels of 32 down to 4 columns), because a long contiguous row is
 * what the hardware prefetcher streams best.
 *
 * <p>The sum for an entry of Y is taken in the same order whatever the concurrency and whatever
 * the page size of A's arrays, so results never depend on either.
 */
public final class SparseDenseProduct {
    private SparseDenseProduct() {}

    /** Y = A·X into y (overwritten); y must not be x. */
    public static void multiply(CsrMatrix a, DenseBlock x, DenseBlock y, int concurrency, Termination termination) {
        if (x.rows() != a.cols() || y.rows() != a.rows() || y.cols() != x.cols()) {
            throw new IllegalArgumentException("A is " + a.rows() + " × " + a.cols() + ", X is " + x.rows() + " × " + x.cols()
                    + ", Y is " + y.rows() + " × " + y.cols());
        }
        if (x == y) {
            throw new IllegalArgumentException("Y must not be X");
        }
        int k = x.cols();
        double[] in = x.data();
        double[] out = y.data();
        PagedIntArray columns = a.columns();
        PagedDoubleArray values = a.values();
        long pageSize = 1L << columns.pageShift();
        Parallel.forRange(a.rows(), concurrency, rowChunk(a.rows(), concurrency), termination, (from, to) -> {
            int[] gatheredColumns = null;
            double[] gatheredValues = null;
            for (int r = from; r < to; r++) {
                int base = r * k;
                Arrays.fill(out, base, base + k, 0.0);
                long s = a.rowStart(r);
                long e = a.rowEnd(r);
                int first = columns.offsetInPage(s);
                if (e - s + first <= pageSize) {
                    accumulate(columns.page(s), values.page(s), first, first + (int) (e - s), in, k, out, base);
                    continue;
                }
                // A row that straddles pages is gathered into one run first, so that its groups of
                // four, and so its sums, are the same whatever the page size.
                int len = (int) (e - s);
                if (gatheredColumns == null || gatheredColumns.length < len) {
                    gatheredColumns = new int[len];
                    gatheredValues = new double[len];
                }
                for (int q = 0; q < len; q++) {
                    gatheredColumns[q] = columns.get(s + q);
                    gatheredValues[q] = values.get(s + q);
                }
                accumulate(gatheredColumns, gatheredValues, 0, len, in, k, out, base);
            }
        });
    }

    /** out[base .. base + w) += Σ_{q ∈ [from, to)} v[q] · in[c[q]·w .. c[q]·w + w). */
    private static void accumulate(int[] c, double[] v, int from, int to, double[] in, int w, double[] out, int base) {
        int q = from;
        for (; q + 3 < to; q += 4) {
            double v0 = v[q];
            double v1 = v[q + 1];
            double v2 = v[q + 2];
            double v3 = v[q + 3];
            int x0 = c[q] * w;
            int x1 = c[q + 1] * w;
            int x2 = c[q + 2] * w;
            int x3 = c[q + 3] * w;
            for (int j = 0; j < w; j++) {
                out[base + j] += v0 * in[x0 + j] + v1 * in[x1 + j] + v2 * in[x2 + j] + v3 * in[x3 + j];
            }
        }
        for (; q < to; q++) {
            double v0 = v[q];
            int x0 = c[q] * w;
            for (int j = 0; j < w; j++) {
                out[base + j] += v0 * in[x0 + j];
            }
        }
    }

    /** Rows per chunk: many chunks per thread for balance (rows differ a lot in length). */
    private static int rowChunk(int rows, int concurrency) {
        return Math.max(16, Math.min(256, rows / Math.max(1, concurrency * 32)));
    }
}
