package spiky.spark;

import java.io.Serializable;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.storage.StorageLevel;
import spiky.InvalidInputException;
import spiky.algo.linalg.SmallDecompositions;
import spiky.algo.svd.SvdConfig;
import spiky.algo.svd.SvdMethod;

/**
 * The truncated SVD of the symmetric PPMI matrix with the matrix and every n × k block kept
 * distributed: spiky-algo's randomized method (scikit-learn's randomized_svd, see
 * {@code TruncatedSvd}) step for step, on Spark; {@code method: 'block-krylov'} goes to
 * {@link DistributedBlockKrylov}, on the same primitives.
 * <ol>
 *   <li>Ω, n × k Gaussian (k = rank + oversampling), the very numbers the database draws for
 *   the same seed, rows being in the database's item order (see {@link PpmiMatrix});</li>
 *   <li>q power iterations of two products each, Q = orth(A·Q), orth being Y·R⁻¹ with R from
 *   MLlib's tallSkinnyQR (R reaches the driver, k × k; the rows never do);</li>
 *   <li>the range Q = orth(A·Q), orthonormalised twice, so orthonormal to rounding;</li>
 *   <li>C = A·Q, its R; on the driver the small SVD of Rᵀ = U_r S V_rᵀ (spiky-algo's
 *   SmallDecompositions), so that Qᵀ A = Cᵀ = U_r S (…)ᵀ: σ = S and U = Q·U_r, distributed;</li>
 *   <li>each column of U flipped so that its largest-magnitude entry is positive (svd_flip).</li>
 * </ol>
 * 2q + 2 products, as in the database. Each step spans the same space as the database's (its
 * QR is Cholesky QR, here Householder TSQR: the same span), so the results agree to rounding, not
 * merely to the method's accuracy, when the dataset was imported from the same file (same item order).
 */
final class DistributedSvd {
    private DistributedSvd() {}

    record Result(double[] singularValues, JavaPairRDD<Integer, double[]> u, int products) {}

    static Result compute(PpmiMatrix a, SvdConfig config) {
        int n = a.n();
        int f = config.rank();
        if (f > n) {
            throw InvalidInputException.parameter("rank", "rank " + f + " exceeds the " + n + " items that keep a PPMI pair: lower rank");
        }
        if (config.method() == SvdMethod.BLOCK_KRYLOV) {
            return DistributedBlockKrylov.compute(a, config);
        }
        int k = Math.min(config.sketchWidth(), n);
        int products = 0;
        JavaPairRDD<Integer, double[]> x = keep(DenseRows.gaussian(JavaSparkContext.fromSparkContext(a.rows().context()), n, k, config.seed(), a.partitioner()));
        for (int i = 0; i < 2 * config.powerIterations(); i++) {
            JavaPairRDD<Integer, double[]> next = orthonormal(DenseRows.multiply(a.rows(), x, k, a.partitioner()), k);
            x.unpersist(false);
            x = next;
            products++;
        }
        JavaPairRDD<Integer, double[]> range = orthonormal(DenseRows.multiply(a.rows(), x, k, a.partitioner()), k);
        products++;
        x.unpersist(false);
        // A second pass makes the basis orthonormal to rounding (Y·R⁻¹ loses cond(Y)·ε).
        JavaPairRDD<Integer, double[]> q = orthonormal(range, k);

        JavaPairRDD<Integer, double[]> c = keep(DenseRows.multiply(a.rows(), q, k, a.partitioner()));
        products++;
        double[] r = DenseRows.qrR(c, k);
        c.unpersist(false);
        double[] rt = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                rt[j * k + i] = r[i * k + j];
            }
        }
        SmallDecompositions.Svd small = SmallDecompositions.svd(rt, k);
        int keep = Math.min(f, k);
        double[] uf = new double[k * keep];
        for (int i = 0; i < k; i++) {
            System.arraycopy(small.left(), i * k, uf, i * keep, keep);
        }
        double[] sigma = new double[keep];
        System.arraycopy(small.values(), 0, sigma, 0, keep);
        JavaPairRDD<Integer, double[]> u = keep(DenseRows.times(q, uf, k, keep));
        u.count();
        q.unpersist(false);
        return new Result(sigma, flipSigns(u, keep), products);
    }

    /**
     * Y·R⁻¹ with R of Y's thin QR: an orthonormal basis of Y's span, still distributed,
     * materialised; Y is freed.
     */
    static JavaPairRDD<Integer, double[]> orthonormal(JavaPairRDD<Integer, double[]> y, int k) {
        JavaPairRDD<Integer, double[]> kept = keep(y);
        double[] rInverse = DenseRows.invertUpper(DenseRows.qrR(kept, k), k);
        JavaPairRDD<Integer, double[]> q = keep(DenseRows.times(kept, rInverse, k, k));
        q.count();
        kept.unpersist(false);
        return q;
    }

    static JavaPairRDD<Integer, double[]> keep(JavaPairRDD<Integer, double[]> x) {
        return x.persist(StorageLevel.MEMORY_AND_DISK());
    }

    /** svd_flip: per column the largest |value| (the lowest row on ties) made positive. */
    static JavaPairRDD<Integer, double[]> flipSigns(JavaPairRDD<Integer, double[]> u, int f) {
        Largest largest = u.aggregate(new Largest(f), Largest::add, Largest::merge);
        double[] sign = new double[f];
        for (int j = 0; j < f; j++) {
            sign[j] = largest.value[j] < 0 ? -1.0 : 1.0;
        }
        JavaPairRDD<Integer, double[]> flipped = keep(u.mapValues(row -> {
            double[] out = row.clone();
            for (int j = 0; j < out.length; j++) {
                out[j] *= sign[j];
            }
            return out;
        }));
        flipped.count();
        u.unpersist(false);
        return flipped;
    }

    /** Per column the entry of largest magnitude and its row. */
    static final class Largest implements Serializable {
        private static final long serialVersionUID = 1L;
        final double[] value;
        final int[] row;

        Largest(int f) {
            value = new double[f];
            row = new int[f];
            java.util.Arrays.fill(row, Integer.MAX_VALUE);
        }

        static Largest add(Largest l, scala.Tuple2<Integer, double[]> r) {
            for (int j = 0; j < l.value.length; j++) {
                l.offer(j, r._2[j], r._1);
            }
            return l;
        }

        static Largest merge(Largest a, Largest b) {
            for (int j = 0; j < a.value.length; j++) {
                a.offer(j, b.value[j], b.row[j]);
            }
            return a;
        }

        private void offer(int j, double v, int r) {
            double m = Math.abs(v);
            double best = Math.abs(value[j]);
            if (m > best || (m == best && r < row[j])) {
                value[j] = v;
                row[j] = r;
            }
        }
    }
}
