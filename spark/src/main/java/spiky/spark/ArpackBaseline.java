package spiky.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.mllib.linalg.Vector;
import org.apache.spark.mllib.linalg.distributed.CoordinateMatrix;
import org.apache.spark.mllib.linalg.distributed.MatrixEntry;
import org.apache.spark.mllib.linalg.distributed.RowMatrix;
import org.apache.spark.mllib.linalg.SingularValueDecomposition;
import org.apache.spark.mllib.linalg.Matrix;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;

/**
 * The baseline for the Spark job's SVD stage: MLlib's RowMatrix.computeSVD (ARPACK on the
 * distributed Gramian) of the PPMI matrix a run directory holds (ppmi.parquet, each pair once,
 * mirrored here), the same rank. Prints the time of computeSVD alone (the matrix built and cached
 * first) and the largest relative difference of the top 64 from the run's singularValues.
 * Run by bench/spark.sh (a benchmark tool, not part of the job): in the module because Spark must
 * load its closures' classes, which a source-file launch does not give it.
 * usage: java -cp spiky-spark-job.jar:SPARK_CLASSPATH spiky.spark.ArpackBaseline RUN_DIR RANK PARTITIONS MASTER
 */
public final class ArpackBaseline {
    private ArpackBaseline() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int rank = Integer.parseInt(args[1]);
        int partitions = Integer.parseInt(args[2]);
        SparkSession spark = SparkSession.builder().master(args[3]).appName("arpack-baseline")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", Integer.toString(partitions)).getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        Dataset<Row> pairs = spark.read().parquet(dir.resolve("ppmi.parquet").toString());
        Dataset<Row> items = pairs.select("item").union(pairs.select("partner")).distinct();
        JavaRDD<Row> indexed = items.toJavaRDD().zipWithIndex().map(t -> org.apache.spark.sql.RowFactory.create(t._1.getString(0), t._2));
        Dataset<Row> index = spark.createDataFrame(indexed, new org.apache.spark.sql.types.StructType()
                .add("item", org.apache.spark.sql.types.DataTypes.StringType).add("i", org.apache.spark.sql.types.DataTypes.LongType));
        Dataset<Row> coo = pairs.join(index, "item").join(index.withColumnRenamed("item", "partner").withColumnRenamed("i", "j"), "partner")
                .select("i", "j", "weight");
        JavaRDD<MatrixEntry> entries = coo.toJavaRDD().flatMap(r -> List.of(new MatrixEntry(r.getLong(0), r.getLong(1), r.getDouble(2)),
                new MatrixEntry(r.getLong(1), r.getLong(0), r.getDouble(2))).iterator());
        long n = index.count();
        RowMatrix a = new CoordinateMatrix(entries.rdd(), n, n).toRowMatrix();
        JavaRDD<Vector> rows = a.rows().toJavaRDD().repartition(partitions).persist(StorageLevel.MEMORY_AND_DISK());
        long nnz = rows.map(v -> (long) v.numNonzeros()).reduce(Long::sum);
        RowMatrix m = new RowMatrix(rows.rdd(), n, (int) n);
        long t = System.nanoTime();
        SingularValueDecomposition<RowMatrix, Matrix> svd = m.computeSVD(rank, false, 1e-9);
        long ms = (System.nanoTime() - t) / 1_000_000;
        double[] s = svd.s().toArray();
        String json = Files.readString(dir.resolve("run.json"));
        String sv = json.substring(json.indexOf("\"singularValues\""));
        sv = sv.substring(sv.indexOf('[') + 1, sv.indexOf(']'));
        List<Double> ref = new ArrayList<>();
        for (String x : sv.split(",")) {
            ref.add(Double.parseDouble(x.strip()));
        }
        double worst = 0;
        for (int j = 0; j < Math.min(64, Math.min(s.length, ref.size())); j++) {
            worst = Math.max(worst, Math.abs(s[j] - ref.get(j)) / ref.get(j));
        }
        System.out.printf("arpack computeSVD: n %d, nnz %d, k %d, %d values, %d ms, top-64 worst relative difference from the run %.3g%n",
                n, nnz, rank, s.length, ms, worst);
        spark.stop();
    }
}
