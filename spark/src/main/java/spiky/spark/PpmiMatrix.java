package spiky.spark;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.HashPartitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import scala.Tuple2;

/**
 * The PPMI pairs as a symmetric sparse matrix partitioned by row: rows are the items that keep a
 * pair, numbered 0 … n−1 in the order of their first row in the input (the order an import
 * gives them in the database, so that the seeded SVD draws the same Ω per item), hash-partitioned so that a dense block keyed the same way
 * joins it without a shuffle.
 *
 * @param rows      row index → its entries (both triangles)
 * @param keptItems {@code (item string, row int)} for every row
 */
record PpmiMatrix(JavaPairRDD<Integer, SparseRow> rows, Dataset<Row> keptItems, int n, long nnz, HashPartitioner partitioner) {

    static PpmiMatrix of(SparkSession spark, PpmiFrames.Result ppmi, int partitions) {
        Dataset<Row> pairs = ppmi.pairs();
        Dataset<Row> kept = pairs.select(col("t1").as("i")).union(pairs.select(col("t2").as("i"))).distinct();
        StructType schema = new StructType().add("i", DataTypes.LongType, false).add("row", DataTypes.IntegerType, false);
        Dataset<Row> byFirstRow = kept.join(ppmi.items(), "i").select("i", "first").orderBy("first");
        Dataset<Row> rowOf = spark.createDataFrame(byFirstRow.toJavaRDD().zipWithIndex()
                .map(t -> RowFactory.create(t._1.getLong(0), (int) (long) t._2)), schema).persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> keptItems = rowOf.join(ppmi.items().select("i", "item"), "i").select("item", "row").persist(StorageLevel.MEMORY_AND_DISK());
        Dataset<Row> entries = pairs
                .join(rowOf.select(col("i").as("t1"), col("row").as("r1")), "t1")
                .join(rowOf.select(col("i").as("t2"), col("row").as("r2")), "t2")
                .select("r1", "r2", "weight");
        HashPartitioner partitioner = new HashPartitioner(partitions);
        JavaPairRDD<Integer, SparseRow> rows = entries.toJavaRDD()
                .flatMapToPair(r -> List.of(
                        new Tuple2<>(r.getInt(0), new Tuple2<>(r.getInt(1), r.getDouble(2))),
                        new Tuple2<>(r.getInt(1), new Tuple2<>(r.getInt(0), r.getDouble(2)))).iterator())
                .groupByKey(partitioner)
                .mapValues(PpmiMatrix::sortedRow)
                .persist(StorageLevel.MEMORY_AND_DISK());
        int n = (int) rowOf.count();
        long nnz = rows.values().map(r -> (long) r.columns().length).fold(0L, Long::sum);
        return new PpmiMatrix(rows, keptItems, n, nnz, partitioner);
    }

    private static SparseRow sortedRow(Iterable<Tuple2<Integer, Double>> entries) {
        List<Tuple2<Integer, Double>> list = new ArrayList<>();
        entries.forEach(list::add);
        list.sort((a, b) -> Integer.compare(a._1, b._1));
        int[] columns = new int[list.size()];
        double[] values = new double[list.size()];
        for (int k = 0; k < columns.length; k++) {
            columns[k] = list.get(k)._1;
            values[k] = list.get(k)._2;
        }
        return new SparseRow(columns, values);
    }
}
