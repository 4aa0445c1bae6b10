package spiky.algo.linalg;

import java.util.Arrays;
import java.util.SplittableRandom;
import spiky.algo.Parallel;
import spiky.algo.Termination;

/**
 * Dense kernels on tall-skinny row-major blocks (n × k with n ≫ k): Gram matrices, cross
 * products, products with a small k × m matrix, triangular solves, Gaussian fills. Parallel over
 * rows.
 *
 * <p><b>Determinism.</b> Every result is bit-for-bit the same for any concurrency. Row-wise
 * operations compute each row on its own. Reductions over rows (XᵀX, PᵀW) sum rows in fixed
 * chunks whose bounds depend only on n (never on the number of threads), one partial sum per
 * chunk, and add the partials in chunk order.
 *
 * <p><b>Speed.</b> The inner loops run over contiguous rows so that the JIT vectorises them, and
 * are unrolled four ways (four rows per update of a small accumulator, or four rows of the small
 * matrix per output row), which keeps the k × k accumulators' loads and stores from limiting the
 * throughput. No allocation per row.
 *
 * <p>Most methods take a block's columns as a window: {@code (data, stride, offset, width)} means
 * row r's entries are {@code data[r·stride + offset, r·stride + offset + width)}.
 */
public final class DenseOps {
    private DenseOps() {}

    /** At most this many partial sums per reduction, whatever the concurrency. */
    static final int MAX_PARTIALS = 32;

    /** The partial sums a reduction over n rows allocates (one per chunk), for memory estimates. */
    public static int reductionParts(int n) {
        int chunk = reductionChunk(n);
        return Math.max(1, (n + chunk - 1) / chunk);
    }

    /** Rows per chunk of a deterministic reduction over n rows: depends on n only. */
    static int reductionChunk(int n) {
        return Math.max(256, (n + MAX_PARTIALS - 1) / MAX_PARTIALS);
    }

    // ---------------------------------------------------------------------------------------
    // Reductions
    // ---------------------------------------------------------------------------------------

    /** XᵀX of the whole block, as a full symmetric k × k row-major array. */
    public static double[] gram(DenseBlock x, int concurrency, Termination termination) {
        return gram(x.data(), x.rows(), x.cols(), 0, x.cols(), concurrency, termination);
    }

    /** XᵀX of a column window: a full symmetric width × width row-major array. */
    public static double[] gram(ColumnWindow x, int concurrency, Termination termination) {
        return gram(x.data(), x.rows(), x.stride(), x.offset(), x.width(), concurrency, termination);
    }

    /** {@link #gram(ColumnWindow, int, Termination)} on the window's parts, unpacked once before the loops. */
    static double[] gram(double[] x, int n, int stride, int offset, int width, int concurrency, Termination termination) {
        int chunk = reductionChunk(n);
        int parts = Math.max(1, (n + chunk - 1) / chunk);
        double[][] partial = new double[parts][];
        Parallel.forRange(n, concurrency, chunk, termination, (from, to) -> {
            double[] g = new double[width * width];
            gramRows(x, stride, offset, width, from, to, g);
            partial[from / chunk] = g;
        });
        double[] g = sumPartials(partial, width * width);
        for (int a = 0; a < width; a++) {
            for (int c = a + 1; c < width; c++) {
                g[c * width + a] = g[a * width + c];
            }
        }
        return g;
    }

    /** Adds rows [from, to) of the window to the upper triangle of g (width × width). */
    static void gramRows(double[] x, int stride, int offset, int k, int from, int to, double[] g) {
        int r = from;
        for (; r + 4 <= to; r += 4) {
            int b0 = r * stride + offset;
            int b1 = b0 + stride;
            int b2 = b1 + stride;
            int b3 = b2 + stride;
            for (int a = 0; a < k; a++) {
                double x0 = x[b0 + a];
                double x1 = x[b1 + a];
                double x2 = x[b2 + a];
                double x3 = x[b3 + a];
                int ga = a * k;
                for (int c = a; c < k; c++) {
                    g[ga + c] += x0 * x[b0 + c] + x1 * x[b1 + c] + x2 * x[b2 + c] + x3 * x[b3 + c];
                }
            }
        }
        for (; r < to; r++) {
            int b0 = r * stride + offset;
            for (int a = 0; a < k; a++) {
                double x0 = x[b0 + a];
                int ga = a * k;
                for (int c = a; c < k; c++) {
                    g[ga + c] += x0 * x[b0 + c];
                }
            }
        }
    }

    /** PᵀW for two blocks of the same height: p.cols() × w.cols(), row-major. */
    public static double[] crossProduct(DenseBlock p, DenseBlock w, int concurrency, Termination termination) {
        if (p.rows() != w.rows()) {
            throw new IllegalArgumentException("row counts differ: " + p.rows() + " and " + w.rows());
        }
        return crossProduct(p.data(), p.cols(), 0, p.cols(), w.data(), w.cols(), 0, w.cols(), p.rows(), concurrency, termination);
    }

    /** PᵀW for two column windows of the same height (which may share an array): a p.width() × w.width() row-major array. */
    public static double[] crossProduct(ColumnWindow p, ColumnWindow w, int concurrency, Termination termination) {
        if (p.rows() != w.rows()) {
            throw new IllegalArgumentException("row counts differ: " + p.rows() + " and " + w.rows());
        }
        return crossProduct(p.data(), p.stride(), p.offset(), p.width(), w.data(), w.stride(), w.offset(), w.width(), p.rows(),
                concurrency, termination);
    }

    /** {@link #crossProduct(ColumnWindow, ColumnWindow, int, Termination)} on the windows' parts, unpacked once. */
    static double[] crossProduct(double[] p, int pStride, int pOffset, int pWidth, double[] w, int wStride, int wOffset,
            int wWidth, int n, int concurrency, Termination termination) {
        int chunk = reductionChunk(n);
        int parts = Math.max(1, (n + chunk - 1) / chunk);
        double[][] partial = new double[parts][];
        Parallel.forRange(n, concurrency, chunk, termination, (from, to) -> {
            double[] c = new double[pWidth * wWidth];
            crossRows(p, pStride, pOffset, pWidth, w, wStride, wOffset, wWidth, from, to, c, 0);
            partial[from / chunk] = c;
        });
        return sumPartials(partial, pWidth * wWidth);
    }

    /**
     * Adds rows [from, to) of PᵀW to c, P's column a into c's row a at c[cBase + a·ww]. Entry
     * (a, j) sums the rows in groups of four from {@code from} (then one by one), whatever the
     * other columns: so columns of P split over several blocks give the same entries as one array
     * ({@link BlockColumnOps#crossProduct}).
     */
    static void crossRows(double[] p, int pStride, int pOffset, int pw, double[] w, int wStride, int wOffset, int ww,
            int from, int to, double[] c, int cBase) {
        int r = from;
        for (; r + 4 <= to; r += 4) {
            int p0 = r * pStride + pOffset;
            int p1 = p0 + pStride;
            int p2 = p1 + pStride;
            int p3 = p2 + pStride;
            int w0 = r * wStride + wOffset;
            int w1 = w0 + wStride;
            int w2 = w1 + wStride;
            int w3 = w2 + wStride;
            int a = 0;
            // Four rows of C at a time: each W entry loaded once feeds four accumulators.
            for (; a + 4 <= pw; a += 4) {
                crossRowsBlock(p, p0 + a, p1 + a, p2 + a, p3 + a, w, w0, w1, w2, w3, ww, c, cBase + a * ww);
            }
            for (; a < pw; a++) {
                double x0 = p[p0 + a];
                double x1 = p[p1 + a];
                double x2 = p[p2 + a];
                double x3 = p[p3 + a];
                int ca = cBase + a * ww;
                for (int j = 0; j < ww; j++) {
                    c[ca + j] += x0 * w[w0 + j] + x1 * w[w1 + j] + x2 * w[w2 + j] + x3 * w[w3 + j];
                }
            }
        }
        for (; r < to; r++) {
            int p0 = r * pStride + pOffset;
            int w0 = r * wStride + wOffset;
            for (int a = 0; a < pw; a++) {
                double x0 = p[p0 + a];
                int ca = cBase + a * ww;
                for (int j = 0; j < ww; j++) {
                    c[ca + j] += x0 * w[w0 + j];
                }
            }
        }
    }

    /**
     * Rows a..a+3 of C (starting at c[ca], ww wide) += Pᵀ·W over four rows of P and W; P's
     * entries at p0..p3 (the four rows, column a) and the three after each. Same sums, in the
     * same order, as four single-row updates.
     */
    private static void crossRowsBlock(double[] p, int p0, int p1, int p2, int p3, double[] w, int w0, int w1, int w2, int w3,
            int ww, double[] c, int ca) {
        double x00 = p[p0];
        double x01 = p[p0 + 1];
        double x02 = p[p0 + 2];
        double x03 = p[p0 + 3];
        double x10 = p[p1];
        double x11 = p[p1 + 1];
        double x12 = p[p1 + 2];
        double x13 = p[p1 + 3];
        double x20 = p[p2];
        double x21 = p[p2 + 1];
        double x22 = p[p2 + 2];
        double x23 = p[p2 + 3];
        double x30 = p[p3];
        double x31 = p[p3 + 1];
        double x32 = p[p3 + 2];
        double x33 = p[p3 + 3];
        int c1 = ca + ww;
        int c2 = c1 + ww;
        int c3 = c2 + ww;
        for (int j = 0; j < ww; j++) {
            double v0 = w[w0 + j];
            double v1 = w[w1 + j];
            double v2 = w[w2 + j];
            double v3 = w[w3 + j];
            c[ca + j] += x00 * v0 + x10 * v1 + x20 * v2 + x30 * v3;
            c[c1 + j] += x01 * v0 + x11 * v1 + x21 * v2 + x31 * v3;
            c[c2 + j] += x02 * v0 + x12 * v1 + x22 * v2 + x32 * v3;
            c[c3 + j] += x03 * v0 + x13 * v1 + x23 * v2 + x33 * v3;
        }
    }

    /** Sums the partials in index order (missing partials, of empty chunks, count as zero). */
    static double[] sumPartials(double[][] partial, int size) {
        double[] out = new double[size];
        for (double[] part : partial) {
            if (part == null) {
                continue;
            }
            for (int i = 0; i < size; i++) {
                out[i] += part[i];
            }
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------
    // Row-wise products
    // ---------------------------------------------------------------------------------------

    /** out = X·M for a k × m matrix M (row-major); out is a different block of n × m. */
    public static void multiply(DenseBlock x, double[] m, DenseBlock out, int concurrency, Termination termination) {
        if (x.data() == out.data()) {
            throw new IllegalArgumentException("out must not be x");
        }
        if (m.length != x.cols() * out.cols() || x.rows() != out.rows()) {
            throw new IllegalArgumentException("shapes do not match");
        }
        multiplyAdd(x.data(), x.cols(), 0, x.cols(), m, out.cols(), out.data(), out.cols(), 0, x.rows(), false, true, concurrency,
                termination);
    }

    /**
     * out (=, +=, −=) P·M for column windows of the same height: M is p.width() × out.width()
     * row-major. P and out must be different arrays.
     *
     * @param subtract subtract the product instead of adding it
     * @param overwrite set out to the product (±) instead of accumulating into it
     */
    public static void multiplyAdd(ColumnWindow p, double[] m, ColumnWindow out, boolean subtract, boolean overwrite, int concurrency,
            Termination termination) {
        if (p.rows() != out.rows()) {
            throw new IllegalArgumentException("row counts differ: " + p.rows() + " and " + out.rows());
        }
        multiplyAdd(p.data(), p.stride(), p.offset(), p.width(), m, out.width(), out.data(), out.stride(), out.offset(), p.rows(),
                subtract, overwrite, concurrency, termination);
    }

    /** {@link #multiplyAdd(ColumnWindow, double[], ColumnWindow, boolean, boolean, int, Termination)} on the windows' parts. */
    static void multiplyAdd(double[] p, int pStride, int pOffset, int pWidth, double[] m, int mWidth, double[] out,
            int outStride, int outOffset, int n, boolean subtract, boolean overwrite, int concurrency, Termination termination) {
        if (p == out) {
            throw new IllegalArgumentException("out must not be the same array as p");
        }
        final double[] mm;
        if (subtract) {
            mm = new double[m.length];
            for (int i = 0; i < m.length; i++) {
                mm[i] = -m[i];
            }
        } else {
            mm = m;
        }
        Parallel.forRange(n, concurrency, termination, (from, to) -> {
            int r = from;
            // Four rows at a time (each entry of M loaded once feeds four output rows), then the rest.
            for (; r + 4 <= to; r += 4) {
                int pb = r * pStride + pOffset;
                int ob = r * outStride + outOffset;
                if (overwrite) {
                    for (int i = 0; i < 4; i++) {
                        Arrays.fill(out, ob + i * outStride, ob + i * outStride + mWidth, 0.0);
                    }
                }
                multiplyRows4(p, pb, pStride, pWidth, mm, 0, mWidth, out, ob, outStride);
            }
            for (; r < to; r++) {
                int pb = r * pStride + pOffset;
                int ob = r * outStride + outOffset;
                if (overwrite) {
                    Arrays.fill(out, ob, ob + mWidth, 0.0);
                }
                multiplyRow(p, pb, pWidth, mm, 0, mWidth, out, ob);
            }
        });
    }

    /**
     * Four consecutive rows of {@link #multiplyRow} at once (rows pb + i·ps of p into ob + i·os of
     * out): the same sums in the same order, so a row's result does not depend on whether it
     * was computed in a group of four. M's row a starts at m[mBase + a·mw].
     */
    static void multiplyRows4(double[] p, int pb, int ps, int pw, double[] m, int mBase, int mw, double[] out, int ob, int os) {
        int q0 = pb;
        int q1 = q0 + ps;
        int q2 = q1 + ps;
        int q3 = q2 + ps;
        int o0 = ob;
        int o1 = o0 + os;
        int o2 = o1 + os;
        int o3 = o2 + os;
        int a = 0;
        for (; a + 4 <= pw; a += 4) {
            double x00 = p[q0 + a];
            double x01 = p[q0 + a + 1];
            double x02 = p[q0 + a + 2];
            double x03 = p[q0 + a + 3];
            double x10 = p[q1 + a];
            double x11 = p[q1 + a + 1];
            double x12 = p[q1 + a + 2];
            double x13 = p[q1 + a + 3];
            double x20 = p[q2 + a];
            double x21 = p[q2 + a + 1];
            double x22 = p[q2 + a + 2];
            double x23 = p[q2 + a + 3];
            double x30 = p[q3 + a];
            double x31 = p[q3 + a + 1];
            double x32 = p[q3 + a + 2];
            double x33 = p[q3 + a + 3];
            int m0 = mBase + a * mw;
            int m1 = m0 + mw;
            int m2 = m1 + mw;
            int m3 = m2 + mw;
            for (int j = 0; j < mw; j++) {
                double n0 = m[m0 + j];
                double n1 = m[m1 + j];
                double n2 = m[m2 + j];
                double n3 = m[m3 + j];
                out[o0 + j] += x00 * n0 + x01 * n1 + x02 * n2 + x03 * n3;
                out[o1 + j] += x10 * n0 + x11 * n1 + x12 * n2 + x13 * n3;
                out[o2 + j] += x20 * n0 + x21 * n1 + x22 * n2 + x23 * n3;
                out[o3 + j] += x30 * n0 + x31 * n1 + x32 * n2 + x33 * n3;
            }
        }
        for (; a < pw; a++) {
            double x0 = p[q0 + a];
            double x1 = p[q1 + a];
            double x2 = p[q2 + a];
            double x3 = p[q3 + a];
            int m0 = mBase + a * mw;
            for (int j = 0; j < mw; j++) {
                double n0 = m[m0 + j];
                out[o0 + j] += x0 * n0;
                out[o1 + j] += x1 * n0;
                out[o2 + j] += x2 * n0;
                out[o3 + j] += x3 * n0;
            }
        }
    }

    /** out[ob, ob + mw) += p[pb, pb + pw)·M, M pw × mw row-major from m[mBase]; unrolled over four rows of M. */
    static void multiplyRow(double[] p, int pb, int pw, double[] m, int mBase, int mw, double[] out, int ob) {
        int a = 0;
        for (; a + 4 <= pw; a += 4) {
            double x0 = p[pb + a];
            double x1 = p[pb + a + 1];
            double x2 = p[pb + a + 2];
            double x3 = p[pb + a + 3];
            int m0 = mBase + a * mw;
            int m1 = m0 + mw;
            int m2 = m1 + mw;
            int m3 = m2 + mw;
            for (int j = 0; j < mw; j++) {
                out[ob + j] += x0 * m[m0 + j] + x1 * m[m1 + j] + x2 * m[m2 + j] + x3 * m[m3 + j];
            }
        }
        for (; a < pw; a++) {
            double x0 = p[pb + a];
            int m0 = mBase + a * mw;
            for (int j = 0; j < mw; j++) {
                out[ob + j] += x0 * m[m0 + j];
            }
        }
    }

    /**
     * X := X·R⁻¹ in place, for an upper triangular k × k R (row-major) with a non-zero diagonal:
     * forward substitution in each row, four unknowns at a time.
     */
    public static void solveUpperRight(DenseBlock x, double[] r, int concurrency, Termination termination) {
        int k = x.cols();
        if (r.length != k * k) {
            throw new IllegalArgumentException("R must be " + k + " × " + k);
        }
        double[] data = x.data();
        double[] inverseDiagonal = new double[k];
        for (int i = 0; i < k; i++) {
            inverseDiagonal[i] = 1.0 / r[i * k + i];
        }
        Parallel.forRange(x.rows(), concurrency, termination, (from, to) -> {
            for (int row = from; row < to; row++) {
                solveRow(data, row * k, k, r, inverseDiagonal);
            }
        });
    }

    static void solveRow(double[] x, int b, int k, double[] r, double[] inverseDiagonal) {
        int i0 = 0;
        for (; i0 + 4 <= k; i0 += 4) {
            // The 4 × 4 diagonal triangle, in scalars.
            double z0 = x[b + i0] * inverseDiagonal[i0];
            int r0 = i0 * k;
            int r1 = r0 + k;
            int r2 = r1 + k;
            int r3 = r2 + k;
            double z1 = (x[b + i0 + 1] - z0 * r[r0 + i0 + 1]) * inverseDiagonal[i0 + 1];
            double z2 = (x[b + i0 + 2] - z0 * r[r0 + i0 + 2] - z1 * r[r1 + i0 + 2]) * inverseDiagonal[i0 + 2];
            double z3 = (x[b + i0 + 3] - z0 * r[r0 + i0 + 3] - z1 * r[r1 + i0 + 3] - z2 * r[r2 + i0 + 3]) * inverseDiagonal[i0 + 3];
            x[b + i0] = z0;
            x[b + i0 + 1] = z1;
            x[b + i0 + 2] = z2;
            x[b + i0 + 3] = z3;
            // The rest of the row, four rows of R per pass.
            for (int j = i0 + 4; j < k; j++) {
                x[b + j] -= z0 * r[r0 + j] + z1 * r[r1 + j] + z2 * r[r2 + j] + z3 * r[r3 + j];
            }
        }
        for (; i0 < k; i0++) {
            double z = x[b + i0] * inverseDiagonal[i0];
            x[b + i0] = z;
            int ri = i0 * k;
            for (int j = i0 + 1; j < k; j++) {
                x[b + j] -= z * r[ri + j];
            }
        }
    }

    // ---------------------------------------------------------------------------------------
    // Fills and copies
    // ---------------------------------------------------------------------------------------

    /** Rows per independently seeded stream of {@link #fillGaussian}. */
    /** Rows per random stream of {@link #fillGaussian}; public so that the Spark job draws the same Ω row for row. */
    public static final int GAUSSIAN_ROWS = 1024;

    /**
     * Fills the block with independent standard normal values. Rows come in groups of
     * {@value #GAUSSIAN_ROWS}, each group drawn from its own {@link SplittableRandom} seeded from
     * (seed, group), so the result depends on the seed only, never on the concurrency.
     */
    public static void fillGaussian(DenseBlock x, long seed, int concurrency, Termination termination) {
        int k = x.cols();
        double[] data = x.data();
        Parallel.forRange(x.rows(), concurrency, GAUSSIAN_ROWS, termination, (from, to) -> {
            SplittableRandom random = new SplittableRandom(mix(seed, from / GAUSSIAN_ROWS));
            for (int i = from * k, end = to * k; i < end; i++) {
                data[i] = random.nextGaussian();
            }
        });
    }

    /** A 64-bit mix (the SplitMix64 finaliser) of a seed and a stream index: the seed of row group {@code stream}. */
    public static long mix(long seed, long stream) {
        long z = seed + 0x9E3779B97F4A7C15L * (stream + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Copies a column window into another of the same height and width, row by row. */
    public static void copyColumns(ColumnWindow src, ColumnWindow dst, int concurrency, Termination termination) {
        if (src.rows() != dst.rows() || src.width() != dst.width()) {
            throw new IllegalArgumentException("windows differ: " + src.rows() + " × " + src.width() + " and " + dst.rows() + " × "
                    + dst.width());
        }
        copyColumns(src.data(), src.stride(), src.offset(), dst.data(), dst.stride(), dst.offset(), src.width(), src.rows(),
                concurrency, termination);
    }

    /** {@link #copyColumns(ColumnWindow, ColumnWindow, int, Termination)} on the windows' parts. */
    static void copyColumns(double[] src, int srcStride, int srcOffset, double[] dst, int dstStride, int dstOffset, int width,
            int n, int concurrency, Termination termination) {
        Parallel.forRange(n, concurrency, termination, (from, to) -> {
            for (int r = from; r < to; r++) {
                System.arraycopy(src, r * srcStride + srcOffset, dst, r * dstStride + dstOffset, width);
            }
        });
    }

    // ---------------------------------------------------------------------------------------
    // Small k × k helpers (serial)
    // ---------------------------------------------------------------------------------------

    /** A·B for row-major a (n × m) and b (m × p). */
    public static double[] multiplySmall(double[] a, double[] b, int n, int m, int p) {
        double[] out = new double[n * p];
        for (int i = 0; i < n; i++) {
            multiplyRow(a, i * m, m, b, 0, p, out, i * p);
        }
        return out;
    }

    /** The k × k identity, row-major. */
    public static double[] identity(int k) {
        double[] id = new double[k * k];
        for (int i = 0; i < k; i++) {
            id[i * k + i] = 1.0;
        }
        return id;
    }
}
