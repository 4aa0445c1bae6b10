package spiky.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.mllib.linalg.Matrix;
import org.apache.spark.mllib.linalg.Vectors;
import org.apache.spark.mllib.linalg.distributed.RowMatrix;
import scala.Tuple2;
import spiky.algo.linalg.DenseOps;

/**
 * Kernels on a tall dense block partitioned by row ({@code row → double[k]}) with the sparse
 * matrix's partitioner: the product with the sparse matrix, the thin QR's R (MLlib's
 * tallSkinnyQR), and the product with a small k × k' matrix held by the driver.
 */
final class DenseRows {
    private DenseRows() {}

    /**
     * The seeded standard Gaussian n × k block that spiky-algo's DenseOps.fillGaussian draws: rows
     * in groups of GAUSSIAN_ROWS, group g from a SplittableRandom seeded with mix(seed, g), row
     * after row. One task per group, then each row goes to its partition.
     */
    static JavaPairRDD<Integer, double[]> gaussian(JavaSparkContext jsc, int n, int k, long seed, HashPartitioner partitioner) {
        int groupRows = DenseOps.GAUSSIAN_ROWS;
        List<Integer> groups = new ArrayList<>();
        for (int g = 0; g * (long) groupRows < n; g++) {
            groups.add(g);
        }
        return jsc.parallelize(groups, Math.max(1, Math.min(groups.size(), partitioner.numPartitions()))).flatMapToPair(g -> {
            SplittableRandom random = new SplittableRandom(DenseOps.mix(seed, g));
            int from = g * groupRows;
            int to = Math.min(n, from + groupRows);
            List<Tuple2<Integer, double[]>> rows = new ArrayList<>(to - from);
            for (int r = from; r < to; r++) {
                double[] x = new double[k];
                for (int j = 0; j < k; j++) {
                    x[j] = random.nextGaussian();
                }
                rows.add(new Tuple2<>(r, x));
            }
            return rows.iterator();
        }).partitionBy(partitioner);
    }

    /**
     * A·X for symmetric A. Row j of A and row j of X sit in the same partition (one partitioner),
     * so the join moves nothing; each partition adds A(j, i)·X(j, :) into the rows i it touches,
     * since (A·X)(i, :) = Σⱼ A(j, i)·X(j, :) when A = Aᵀ, and only those partial rows are shuffled
     * (at most one per touched row and partition).
     */
    static JavaPairRDD<Integer, double[]> multiply(JavaPairRDD<Integer, SparseRow> a, JavaPairRDD<Integer, double[]> x, int k,
            HashPartitioner partitioner) {
        return a.join(x, partitioner).mapPartitionsToPair(it -> partialProducts(it, k))
                .reduceByKey(partitioner, DenseRows::addInto);
    }

    private static Iterator<Tuple2<Integer, double[]>> partialProducts(Iterator<Tuple2<Integer, Tuple2<SparseRow, double[]>>> it, int k) {
        Map<Integer, double[]> acc = new HashMap<>();
        while (it.hasNext()) {
            Tuple2<SparseRow, double[]> t = it.next()._2;
            int[] columns = t._1.columns();
            double[] values = t._1.values();
            double[] xj = t._2;
            for (int p = 0; p < columns.length; p++) {
                double[] yi = acc.computeIfAbsent(columns[p], c -> new double[k]);
                double v = values[p];
                for (int c = 0; c < k; c++) {
                    yi[c] += v * xj[c];
                }
            }
        }
        List<Tuple2<Integer, double[]>> out = new ArrayList<>(acc.size());
        acc.forEach((i, y) -> out.add(new Tuple2<>(i, y)));
        return out.iterator();
    }

    private static double[] addInto(double[] a, double[] b) {
        for (int c = 0; c < a.length; c++) {
            a[c] += b[c];
        }
        return a;
    }

    /** R of the thin QR Y = QR, k × k row-major, by MLlib's tallSkinnyQR (a tree of local Householder QRs). */
    static double[] qrR(JavaPairRDD<Integer, double[]> y, int k) {
        RowMatrix m = new RowMatrix(y.values().map(Vectors::dense).rdd(), 0, k);
        Matrix r = m.tallSkinnyQR(false).R();
        double[] colMajor = r.toArray();
        double[] rowMajor = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                rowMajor[i * k + j] = colMajor[j * k + i];
            }
        }
        return rowMajor;
    }

    /** X·M for a k × kOut row-major M on the driver (broadcast with the closure); keeps the partitioner. */
    static JavaPairRDD<Integer, double[]> times(JavaPairRDD<Integer, double[]> x, double[] m, int k, int kOut) {
        return x.mapValues(row -> {
            double[] out = new double[kOut];
            for (int i = 0; i < k; i++) {
                double v = row[i];
                if (v != 0) {
                    int base = i * kOut;
                    for (int j = 0; j < kOut; j++) {
                        out[j] += v * m[base + j];
                    }
                }
            }
            return out;
        });
    }

    /** The inverse of an upper-triangular k × k (row-major), by back substitution column by column. */
    static double[] invertUpper(double[] r, int k) {
        double[] inv = new double[k * k];
        for (int col = 0; col < k; col++) {
            for (int i = col; i >= 0; i--) {
                double s = i == col ? 1.0 : 0.0;
                for (int j = i + 1; j <= col; j++) {
                    s -= r[i * k + j] * inv[j * k + col];
                }
                double d = r[i * k + i];
                if (d == 0 || !Double.isFinite(d)) {
                    throw new IllegalStateException("the block is rank-deficient (R[" + i + "][" + i + "] = " + d + ")");
                }
                inv[i * k + col] = s / d;
            }
        }
        return inv;
    }
}
