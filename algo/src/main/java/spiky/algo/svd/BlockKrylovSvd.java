package spiky.algo.svd;

import java.util.ArrayList;
import java.util.List;
import spiky.Progress;
import spiky.algo.Termination;
import spiky.algo.linalg.BlockColumnOps;
import spiky.algo.linalg.BlockColumns;
import spiky.algo.linalg.ColumnWindow;
import spiky.algo.linalg.CsrMatrix;
import spiky.algo.linalg.DenseBlock;
import spiky.algo.linalg.DenseOps;
import spiky.algo.linalg.Orthonormalizer;
import spiky.algo.linalg.SmallDecompositions;

/**
 * {@link SvdMethod#BLOCK_KRYLOV}: block Lanczos with full reorthogonalisation; see {@link TruncatedSvd}.
 * Its plan and its bookkeeping of the projected matrix T are public for the Spark job, which runs
 * the same steps on distributed blocks.
 */
public final class BlockKrylovSvd {
    private BlockKrylovSvd() {}

    /**
     * @param blockSize b, columns per Krylov block (per product with A)
     * @param blocks    the number of blocks: the basis has blocks·b columns (at most n)
     */
    public record Plan(int blockSize, int blocks) {}

    /** Reorthogonalisation rounds at most per block (more than 2 only after a breakdown). */
    public static final int MAX_ROUNDS = 4;

    /**
     * Narrow blocks of b = 4·⌈k/32⌉ columns (20 for k = 138; a multiple of 4 suits the unrolled
     * kernels) and a basis of ⌈(q + 7)·k/4⌉ columns (3.5k with the default q = 7). For a given
     * number of matrix–vector products, narrow blocks reach a higher polynomial degree, which the
     * slowly decaying spectra of PPMI matrices need: on ml-latest-small, 24 blocks of 18 columns
     * give top-64 errors of 1e-11 where 10 blocks of 69 give 2e-7 (bench/RESULTS.md).
     */
    public static Plan plan(SvdConfig config, int n) {
        int k = config.sketchWidth();
        int b = Math.max(1, Math.min(n, 4 * ((k + 31) / 32)));
        long basis = (((long) config.powerIterations() + 7) * k + 3) / 4;
        basis = Math.max(basis, config.rank() + b);
        return new Plan(b, (int) Math.max(2, (basis + b - 1) / b));
    }

    static SvdResult compute(CsrMatrix a, SvdConfig config, int concurrency, Progress progress, Termination termination) {
        return compute(a, config, plan(config, a.rows()), concurrency, progress, termination);
    }

    static SvdResult compute(CsrMatrix a, SvdConfig config, Plan plan, int concurrency, Progress progress, Termination termination) {
        long start = System.nanoTime();
        int f = config.rank();
        Krylov krylov = krylov(a, config, plan, concurrency, progress, termination);
        int d = krylov.columns();
        // T itself when the basis reached its planned width (it always does): no copy beside it.
        double[] tLeading = d == krylov.dMax() ? krylov.t() : leading(krylov.t(), krylov.dMax(), d);
        SmallDecompositions.SymmetricEigen ritz = SmallDecompositions.symmetricEigen(tLeading, d);
        tLeading = null;
        progress.report("svd: ritz vectors", krylov.products(), krylov.blocksPlanned());
        double[] y = new double[d * f];
        double[] sigma = new double[f];
        for (int j = 0; j < f; j++) {
            sigma[j] = Math.abs(ritz.values()[j]);
        }
        for (int i = 0; i < d; i++) {
            System.arraycopy(ritz.vectors(), i * d, y, i * f, f);
        }
        ritz = null;
        DenseBlock u = ritzVectors(krylov.basis(), y, f, concurrency, termination);
        TruncatedSvd.flipSigns(u);
        progress.report("svd: done", krylov.products(), krylov.blocksPlanned());
        return new SvdResult(sigma, u, SvdMethod.BLOCK_KRYLOV, krylov.products(), (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * The Krylov basis, block by block (each n × b, its own array: no allocation of the basis's
     * full size, which G1 could not place at the MPD's size), and T = QᵀAQ, dMax × dMax of which
     * the leading columns × columns part is filled.
     */
    private record Krylov(List<DenseBlock> basis, double[] t, int dMax, int columns, int products, int blocksPlanned) {}

    private static Krylov krylov(CsrMatrix a, SvdConfig config, Plan plan, int concurrency, Progress progress, Termination termination) {
        int n = a.rows();
        int f = config.rank();
        int b = Math.min(plan.blockSize(), n);
        int dMax = (int) Math.min(n, (long) plan.blocks() * b);
        dMax = Math.max(dMax, Math.min(n, f));
        int blocksPlanned = (dMax + b - 1) / b;

        // Block j of the basis is Q's columns [j·b, j·b + width_j); the current block is the last.
        // Every block is allocated here, before the first product, and one more (spare) for the
        // products that do not join the basis as they are (the last one, and the one whose first
        // columns make a narrower last block): a heap too small fails at once, before any
        // product, as it did when the basis was one array.
        List<DenseBlock> storage = new ArrayList<>();
        for (int at = 0; at < dMax; at += b) {
            storage.add(new DenseBlock(n, Math.min(b, dMax - at)));
        }
        DenseBlock spare = new DenseBlock(n, b);
        List<DenseBlock> basis = new ArrayList<>();
        double[] t = new double[dMax * dMax];

        DenseBlock cur = storage.get(0);
        DenseOps.fillGaussian(cur, config.seed(), concurrency, termination);
        Orthonormalizer.qr(cur, concurrency, termination);
        basis.add(cur);

        int d = b;          // basis columns so far
        int width = b;      // columns of the current block, basis columns [d − width, d)
        int previous = 0;   // columns of the block before it
        int products = 0;
        for (int block = 1; ; block++) {
            progress.report("svd: krylov block " + block + "/" + blocksPlanned, products, blocksPlanned);
            termination.check();
            int d0 = d - width;
            int next = Math.min(b, dMax - d);
            // A·Q_j goes where it will stay, the next block, when it joins the basis whole (a narrow
            // last block, only when D = n < blocks·b, takes a late allocation of its width).
            DenseBlock w = next == width ? storage.get(basis.size()) : width == b ? spare : new DenseBlock(n, width);
            a.multiplyInto(cur, w, concurrency, termination);
            products++;
            ColumnWindow wd = ColumnWindow.of(w);

            if (d == dMax) {
                // Last block: only its Rayleigh quotients Qᵀ A Q_j are needed.
                double[] c = BlockColumnOps.crossProduct(new BlockColumns(basis), wd, concurrency, termination);
                storeBlockColumn(t, dMax, c, d, d0, width);
                break;
            }

            // Round 1 against the last two blocks (A Q_j is orthogonal to the older ones in exact
            // arithmetic), then full rounds against the whole basis: block CGS2 with Cholesky QR.
            int lo = d0 - previous;
            BlockColumns recent = new BlockColumns(basis.subList(previous == 0 ? basis.size() - 1 : basis.size() - 2, basis.size()));
            double[] c0 = BlockColumnOps.crossProduct(recent, wd, concurrency, termination);
            BlockColumnOps.multiplyAdd(recent, c0, wd, true, false, concurrency, termination);
            Orthonormalizer.Factor fac = Orthonormalizer.factor(w, false, concurrency, termination);
            double[] coefficients = new double[d * width];
            System.arraycopy(c0, 0, coefficients, lo * width, (d - lo) * width);
            double[] r = fac.r();
            BlockColumns all = new BlockColumns(basis);
            for (int round = 1; round < MAX_ROUNDS; round++) {
                double[] c1 = BlockColumnOps.crossProduct(all, wd, concurrency, termination);
                BlockColumnOps.multiplyAdd(all, c1, wd, true, false, concurrency, termination);
                // Orthonormal to rounding (Cholesky QR 2): it joins a basis that must stay so.
                fac = Orthonormalizer.factor(w, true, concurrency, termination);
                // W = P·C_acc + W_next·R_acc: fold this round's C₁ and R in.
                double[] c1r = DenseOps.multiplySmall(c1, r, d, width, width);
                for (int i = 0; i < coefficients.length; i++) {
                    coefficients[i] += c1r[i];
                }
                r = DenseOps.multiplySmall(fac.r(), r, width, width, width);
                // W entered this round orthonormal; R's diagonal is what survived the projection.
                // When a column lost most of its length (the space is nearly invariant, A·Q_j
                // almost inside the basis), what is left is mostly rounding error, and rounding
                // error is not orthogonal to the basis: project again ("twice is enough" only
                // holds when the second pass removes little).
                if (!fac.householder() && minDiagonal(fac.r(), width) >= 0.5) {
                    break;
                }
            }
            storeBlockColumn(t, dMax, coefficients, d, d0, width);

            if (next == width) {
                cur = w;
            } else {
                cur = storage.get(basis.size());
                DenseOps.copyColumns(wd.columns(0, next), ColumnWindow.of(cur), concurrency, termination);
            }
            basis.add(cur);
            previous = width;
            width = next;
            d += next;
        }
        return new Krylov(basis, t, dMax, d, products, blocksPlanned);
    }

    /**
     * U = Q·Y (n × f), without U beside the whole basis: each row of U needs only the same row of
     * every block, so U is written over Q's first f columns as the rows are read (the first
     * ⌈f/b⌉ blocks), the other blocks are dropped, and U is copied out of the first ones into the
     * one n × f block SvdResult holds. Peak: the basis, then those blocks and U.
     */
    private static DenseBlock ritzVectors(List<DenseBlock> basis, double[] y, int f, int concurrency, Termination termination) {
        BlockColumnOps.multiplyOverLeading(new BlockColumns(basis), y, f, concurrency, termination);
        int holders = 0;
        for (int columns = 0; columns < f; holders++) {
            columns += basis.get(holders).cols();
        }
        basis.subList(holders, basis.size()).clear();
        DenseBlock u = BlockColumnOps.leadingColumns(new BlockColumns(basis), f, concurrency, termination);
        basis.clear();
        return u;
    }

    /**
     * Stores the coefficients c (d × width: Q_iᵀ A Q_j for the basis rows 0..d) as T's block
     * column [d0, d0 + width) and, mirrored, its block row; the diagonal block is symmetrised.
     */
    public static void storeBlockColumn(double[] t, int dMax, double[] c, int d, int d0, int width) {
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < width; j++) {
                double v = c[i * width + j];
                int col = d0 + j;
                if (i >= d0) {
                    int ci = (i - d0);
                    v = 0.5 * (v + c[(d0 + j) * width + ci]);
                }
                t[i * dMax + col] = v;
                t[col * dMax + i] = v;
            }
        }
    }

    public static double minDiagonal(double[] r, int width) {
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < width; i++) {
            min = Math.min(min, Math.abs(r[i * width + i]));
        }
        return min;
    }

    /** The leading d × d part of the dMax × dMax row-major t. */
    public static double[] leading(double[] t, int dMax, int d) {
        double[] out = new double[d * d];
        for (int i = 0; i < d; i++) {
            System.arraycopy(t, i * dMax, out, i * d, d);
        }
        return out;
    }

    /**
     * Peak heap beyond A, in bytes: the larger of two moments. While the basis is whole: the basis
     * (n × D, D = its planned width, in blocks of n × b) and the projected matrix T (D × D), plus
     * the largest of the three phases: the iteration (the block A·Q_j being projected, n × b; a
     * reduction's partials of D × b each and its sum; the round's coefficients); the Ritz problem
     * (EJML's input and the copy it decomposes, its tridiagonal work and eigenvector matrix, the
     * eigenvectors it hands out one by one, their copy and the sorted vectors: up to eight D × D
     * beside T while these methods run interpreted, which keeps every local reachable to its end;
     * compiled runs measured 3–5 at D = 500 with StageHeapProbe, but on a loaded machine, where
     * the compilers lag, the 'sparse' shape of MemoryEstimateTest needed more than six); the Ritz
     * vectors (Y, D × f, and a tile of U's rows per thread: U is written over the basis's first
     * columns). Then, U copied out: the first ⌈f/b⌉ blocks (which hold U)
     * beside the n × f U that SvdResult keeps, with T and Y. Before the blocks, U (n × f) was
     * allocated beside the whole basis: n × (D + f) at the peak, now n × max(D + b, ⌈f/b⌉·b + f).
     */
    static long estimateBytes(int n, SvdConfig config) {
        Plan plan = plan(config, n);
        long b = Math.min(plan.blockSize(), n);
        long dMax = Math.max(Math.min(n, plan.blocks() * b), Math.min(n, config.rank()));
        long f = Math.min(config.rank(), n);
        long parts = DenseOps.reductionParts(n);
        long iteration = (long) n * b + (parts + 1) * dMax * b + 4L * dMax * b;
        long ritz = 8L * dMax * dMax;
        long vectors = dMax * f + TILES * BlockColumnOps.TILE * f;
        long whole = (long) n * dMax + dMax * dMax + Math.max(iteration, Math.max(ritz, vectors));
        long holders = Math.min(dMax, (f + b - 1) / b * b);
        long copied = (long) n * (holders + f) + dMax * dMax + dMax * f;
        return 8L * Math.max(whole, copied) + 64L * 1024;
    }

    /** Threads whose tile of U {@link #estimateBytes} counts (a tile is TILE × f doubles: 64 KiB at f = 128). */
    private static final int TILES = 16;
}
