package spiky.spark;

import java.util.Arrays;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import spiky.algo.linalg.DenseOps;
import spiky.algo.linalg.SmallDecompositions;
import spiky.algo.svd.BlockKrylovSvd;
import spiky.algo.svd.SvdConfig;

/**
 * {@code method: 'block-krylov'} on Spark: spiky-algo's BlockKrylovSvd (block Lanczos with full
 * reorthogonalisation) step for step, with the matrix, the Krylov basis and every n × b block
 * distributed by row on the matrix's partitioner, and only small matrices on the driver.
 * <ul>
 *   <li>the plan (block width b, basis of d columns) is the database's, {@link BlockKrylovSvd#plan};</li>
 *   <li>the start block is the database's seeded Gaussian, made orthonormal;</li>
 *   <li>per block: W = A·Q_j (the product of DistributedSvd); a round against the last two
 *   blocks, then full rounds against the whole basis (block classical Gram–Schmidt: C = Pᵀ W on
 *   the driver by one aggregate, W − P·C row by row), each ending with W's thin QR (MLlib's
 *   tallSkinnyQR, twice in the full rounds as the database's Cholesky QR2), until R's diagonal
 *   says little was lost; the coefficients fill the projected matrix T as in the database;</li>
 *   <li>T's eigenproblem on the driver (SmallDecompositions), U = P·Y distributed, signs as svd_flip.</li>
 * </ul>
 * The basis rows are kept whole ({@code double[d]} per row), a new block written into them by one
 * co-partitioned join. Each step spans what the database's spans, so the converged singular values
 * agree to rounding. The QR differs (Householder TSQR here, Cholesky QR there), so the database's
 * fallback on a breakdown is not reproduced: a block that loses rank (A·Q_j almost inside the
 * basis, only when the basis nears n columns) is refused with the message of DenseRows.invertUpper.
 */
final class DistributedBlockKrylov {
    private DistributedBlockKrylov() {}

    static DistributedSvd.Result compute(PpmiMatrix a, SvdConfig config) {
        int n = a.n();
        int f = config.rank();
        HashPartitioner part = a.partitioner();
        BlockKrylovSvd.Plan plan = BlockKrylovSvd.plan(config, n);
        int b = Math.min(plan.blockSize(), n);
        int dMax = (int) Math.min(n, (long) plan.blocks() * b);
        dMax = Math.max(dMax, Math.min(n, f));
        int width0 = b;
        double[] t = new double[dMax * dMax];

        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(a.rows().context());
        JavaPairRDD<Integer, double[]> start = DistributedSvd.keep(DenseRows.gaussian(jsc, n, b, config.seed(), part));
        JavaPairRDD<Integer, double[]> cur = DistributedSvd.orthonormal(DistributedSvd.orthonormal(start, b), b);
        int basisWidth = dMax;
        JavaPairRDD<Integer, double[]> basis = DistributedSvd.keep(cur.mapValues(row -> Arrays.copyOf(row, basisWidth)));
        basis.count();

        int d = width0;
        int width = width0;
        int previous = 0;
        int products = 0;
        while (true) {
            int d0 = d - width;
            JavaPairRDD<Integer, double[]> w = DistributedSvd.keep(DenseRows.multiply(a.rows(), cur, width, part));
            products++;
            if (d == dMax) {
                // Last block: only its Rayleigh quotients Qᵀ A Q_j are needed.
                BlockKrylovSvd.storeBlockColumn(t, dMax, cross(basis, 0, d, w, width, part), d, d0, width);
                w.unpersist(false);
                break;
            }
            int lo = d0 - previous;
            double[] c0 = cross(basis, lo, d, w, width, part);
            w = subtract(basis, lo, d, w, c0, width, part);
            double[] r = DenseRows.qrR(w, width);
            w = times(w, DenseRows.invertUpper(r, width), width);
            double[] coefficients = new double[d * width];
            System.arraycopy(c0, 0, coefficients, lo * width, (d - lo) * width);
            for (int round = 1; round < BlockKrylovSvd.MAX_ROUNDS; round++) {
                double[] c1 = cross(basis, 0, d, w, width, part);
                w = subtract(basis, 0, d, w, c1, width, part);
                double[] r1 = DenseRows.qrR(w, width);
                w = times(w, DenseRows.invertUpper(r1, width), width);
                double[] r2 = DenseRows.qrR(w, width);
                w = times(w, DenseRows.invertUpper(r2, width), width);
                double[] factor = DenseOps.multiplySmall(r2, r1, width, width, width);
                // W = P·C_acc + W_next·R_acc: fold this round's C₁ and R in (as the database does).
                double[] c1r = DenseOps.multiplySmall(c1, r, d, width, width);
                for (int i = 0; i < coefficients.length; i++) {
                    coefficients[i] += c1r[i];
                }
                r = DenseOps.multiplySmall(factor, r, width, width, width);
                if (BlockKrylovSvd.minDiagonal(factor, width) >= 0.5) {
                    break;
                }
            }
            BlockKrylovSvd.storeBlockColumn(t, dMax, coefficients, d, d0, width);

            int next = Math.min(b, dMax - d);
            int at = d;
            JavaPairRDD<Integer, double[]> grown = DistributedSvd.keep(basis.join(w, part).mapValues(pair -> {
                double[] row = pair._1.clone();
                System.arraycopy(pair._2, 0, row, at, next);
                return row;
            }));
            grown.count();
            basis.unpersist(false);
            basis = grown;
            cur.unpersist(false);
            if (next == width) {
                cur = w;
            } else {
                cur = DistributedSvd.keep(w.mapValues(row -> Arrays.copyOf(row, next)));
                cur.count();
                w.unpersist(false);
            }
            previous = width;
            width = next;
            d += next;
        }
        cur.unpersist(false);

        SmallDecompositions.SymmetricEigen ritz = SmallDecompositions.symmetricEigen(BlockKrylovSvd.leading(t, dMax, d), d);
        int keep = Math.min(f, d);
        double[] y = new double[d * keep];
        double[] sigma = new double[keep];
        for (int j = 0; j < keep; j++) {
            sigma[j] = Math.abs(ritz.values()[j]);
        }
        for (int i = 0; i < d; i++) {
            System.arraycopy(ritz.vectors(), i * d, y, i * keep, keep);
        }
        JavaPairRDD<Integer, double[]> u = DistributedSvd.keep(DenseRows.times(basis, y, d, keep));
        u.count();
        basis.unpersist(false);
        return new DistributedSvd.Result(sigma, DistributedSvd.flipSigns(u, keep), products);
    }

    /** Columns [lo, hi) of the basis, transposed, times W: (hi − lo) × width on the driver, one aggregate. */
    static double[] cross(JavaPairRDD<Integer, double[]> basis, int lo, int hi, JavaPairRDD<Integer, double[]> w, int width,
            HashPartitioner part) {
        int rows = hi - lo;
        return basis.join(w, part).values().aggregate(new double[rows * width], (acc, pair) -> {
            double[] p = pair._1;
            double[] x = pair._2;
            for (int i = lo; i < hi; i++) {
                double v = p[i];
                if (v != 0) {
                    int base = (i - lo) * width;
                    for (int j = 0; j < width; j++) {
                        acc[base + j] += v * x[j];
                    }
                }
            }
            return acc;
        }, (x, z) -> {
            for (int i = 0; i < x.length; i++) {
                x[i] += z[i];
            }
            return x;
        });
    }

    /** W − P[:, lo:hi)·C row by row, materialised; W is freed. */
    static JavaPairRDD<Integer, double[]> subtract(JavaPairRDD<Integer, double[]> basis, int lo, int hi, JavaPairRDD<Integer, double[]> w,
            double[] c, int width, HashPartitioner part) {
        JavaPairRDD<Integer, double[]> out = DistributedSvd.keep(basis.join(w, part).mapValues(pair -> {
            double[] p = pair._1;
            double[] x = pair._2.clone();
            for (int i = lo; i < hi; i++) {
                double v = p[i];
                if (v != 0) {
                    int base = (i - lo) * width;
                    for (int j = 0; j < width; j++) {
                        x[j] -= v * c[base + j];
                    }
                }
            }
            return x;
        }));
        out.count();
        w.unpersist(false);
        return out;
    }

    /** W·M (width × width), materialised; W is freed. */
    private static JavaPairRDD<Integer, double[]> times(JavaPairRDD<Integer, double[]> w, double[] m, int width) {
        JavaPairRDD<Integer, double[]> out = DistributedSvd.keep(DenseRows.times(w, m, width, width));
        out.count();
        w.unpersist(false);
        return out;
    }
}
