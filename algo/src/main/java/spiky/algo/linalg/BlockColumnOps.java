package spiky.algo.linalg;

import java.util.Arrays;
import spiky.algo.Parallel;
import spiky.algo.Termination;

/**
 * The dense kernels of {@link DenseOps} whose tall operand P is split over several blocks
 * ({@link BlockColumns}): the cross product PᵀW, out ±= P·M, and P·M written over P's own leading
 * columns. Each gives the same numbers, bit for bit, as the {@link DenseOps} kernel on one array
 * holding the same columns: the cross product reduces rows in the same chunks and groups of four
 * (an entry of PᵀW never depends on the other columns), and the products add each output's terms
 * over P's columns in the same groups of four, in the same order, when the blocks are
 * {@link BlockColumns#alignedToFour() aligned to four} (otherwise they agree to rounding).
 *
 * <p>Parallel over rows; within a thread the rows go by tiles of {@value #TILE}, every block's
 * tile in turn, so that the tile of W (or of the output) is read from cache once per block.
 */
public final class BlockColumnOps {
    private BlockColumnOps() {}

    /** Rows per tile: a multiple of 4, so that the tiles keep the kernels' groups of four rows. */
    public static final int TILE = 64;

    /** PᵀW: p.width() × w.width(), row-major, equal to {@link DenseOps#crossProduct(ColumnWindow, ColumnWindow, int, Termination)}. */
    public static double[] crossProduct(BlockColumns p, ColumnWindow w, int concurrency, Termination termination) {
        int n = p.rows();
        if (w.rows() != n) {
            throw new IllegalArgumentException("row counts differ: " + n + " and " + w.rows());
        }
        int pw = p.width();
        int ww = w.width();
        double[] wd = w.data();
        int ws = w.stride();
        int wo = w.offset();
        int blocks = p.blocks();
        // The same chunks as DenseOps.crossProduct: their bounds depend on n only.
        int chunk = DenseOps.reductionChunk(n);
        double[][] partial = new double[Math.max(1, (n + chunk - 1) / chunk)][];
        Parallel.forRange(n, concurrency, chunk, termination, (from, to) -> {
            double[] c = new double[pw * ww];
            for (int t0 = from; t0 < to; t0 += TILE) {
                int t1 = Math.min(to, t0 + TILE);
                for (int i = 0; i < blocks; i++) {
                    int bw = p.width(i);
                    DenseOps.crossRows(p.data(i), bw, 0, bw, wd, ws, wo, ww, t0, t1, c, p.start(i) * ww);
                }
            }
            partial[from / chunk] = c;
        });
        return DenseOps.sumPartials(partial, pw * ww);
    }

    /**
     * out (=, +=, −=) P·M, M p.width() × out.width() row-major: as
     * {@link DenseOps#multiplyAdd(ColumnWindow, double[], ColumnWindow, boolean, boolean, int, Termination)}.
     * out must not be one of P's blocks.
     */
    public static void multiplyAdd(BlockColumns p, double[] m, ColumnWindow out, boolean subtract, boolean overwrite, int concurrency,
            Termination termination) {
        int n = p.rows();
        int mw = out.width();
        if (out.rows() != n || m.length != p.width() * mw) {
            throw new IllegalArgumentException("shapes do not match");
        }
        for (int i = 0; i < p.blocks(); i++) {
            if (p.data(i) == out.data()) {
                throw new IllegalArgumentException("out must not be one of p's blocks");
            }
        }
        double[] mm = m;
        if (subtract) {
            mm = new double[m.length];
            for (int i = 0; i < m.length; i++) {
                mm[i] = -m[i];
            }
        }
        double[] negated = mm;
        double[] o = out.data();
        int os = out.stride();
        int oo = out.offset();
        Parallel.forRange(n, concurrency, termination, (from, to) -> {
            if (overwrite) {
                for (int r = from; r < to; r++) {
                    Arrays.fill(o, r * os + oo, r * os + oo + mw, 0.0);
                }
            }
            addProductRows(p, negated, mw, from, to, o, from * os + oo, os);
        });
    }

    /**
     * P's leading mw columns := P·M (M p.width() × mw, row-major), in place: output column j goes
     * where P's column j was, in the block that holds it, once every block's row has been read;
     * the columns from mw on are left as they were. The numbers are those of
     * {@link #multiplyAdd} with overwrite; the only extra memory is a tile of the output per thread.
     */
    public static void multiplyOverLeading(BlockColumns p, double[] m, int mw, int concurrency, Termination termination) {
        int n = p.rows();
        if (mw > p.width() || m.length != p.width() * mw) {
            throw new IllegalArgumentException("shapes do not match");
        }
        Parallel.forRange(n, concurrency, termination, (from, to) -> {
            double[] tile = new double[Math.min(TILE, to - from) * mw];
            for (int t0 = from; t0 < to; t0 += TILE) {
                int t1 = Math.min(to, t0 + TILE);
                Arrays.fill(tile, 0.0);
                addProductRows(p, m, mw, t0, t1, tile, 0, mw);
                for (int i = 0; i < p.blocks() && p.start(i) < mw; i++) {
                    int bw = p.width(i);
                    int cols = Math.min(bw, mw - p.start(i));
                    double[] q = p.data(i);
                    for (int r = t0; r < t1; r++) {
                        System.arraycopy(tile, (r - t0) * mw + p.start(i), q, r * bw, cols);
                    }
                }
            }
        });
    }

    /** P's first width columns as one new n × width block (copied row by row from the blocks that hold them). */
    public static DenseBlock leadingColumns(BlockColumns p, int width, int concurrency, Termination termination) {
        if (width > p.width()) {
            throw new IllegalArgumentException(width + " columns asked of " + p.width());
        }
        DenseBlock out = new DenseBlock(p.rows(), width);
        for (int i = 0; i < p.blocks() && p.start(i) < width; i++) {
            int bw = p.width(i);
            int cols = Math.min(bw, width - p.start(i));
            DenseOps.copyColumns(p.data(i), bw, 0, out.data(), width, p.start(i), cols, p.rows(), concurrency, termination);
        }
        return out;
    }

    /**
     * Output rows [from, to) (row r at out[ob + (r − from)·os]) += P's rows times M, four rows at
     * a time: for each group, every block's columns in order, so each output adds its terms in
     * P's column order, four columns a term (DenseOps.multiplyRows4's sums).
     */
    private static void addProductRows(BlockColumns p, double[] m, int mw, int from, int to, double[] out, int ob, int os) {
        int blocks = p.blocks();
        int r = from;
        for (; r + 4 <= to; r += 4) {
            int o = ob + (r - from) * os;
            for (int i = 0; i < blocks; i++) {
                int bw = p.width(i);
                DenseOps.multiplyRows4(p.data(i), r * bw, bw, bw, m, p.start(i) * mw, mw, out, o, os);
            }
        }
        for (; r < to; r++) {
            int o = ob + (r - from) * os;
            for (int i = 0; i < blocks; i++) {
                int bw = p.width(i);
                DenseOps.multiplyRow(p.data(i), r * bw, bw, m, p.start(i) * mw, mw, out, o);
            }
        }
    }
}
