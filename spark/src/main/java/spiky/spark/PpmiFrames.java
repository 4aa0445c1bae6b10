package spiky.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.encode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.udf;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import spiky.InvalidInputException;
import spiky.algo.ppmi.PpmiConfig;
import spiky.algo.ppmi.RankRule;
import spiky.data.IdType;

/**
 * The PPMI matrix in DataFrames, with the semantics of spiky-algo's {@code Ppmi} (the paper's
 * {@code ppmi.sql}): distinct (item, context) interactions (up to {@code until}: a pair's earliest
 * timestamp, as the importer keeps it); c(i, j) the contexts holding both; pairs with c &lt; minCount
 * dropped; the rank filter of {@link RankRule} over partners ordered by c descending then partner
 * key ascending (numeric keys when every item id is an integer, else the ids' UTF-16 order, which
 * is Java's String order); PMI = ln(N·c / (cᵢ·cⱼ)) with N the contexts holding an interaction,
 * kept when positive (decided exactly in longs, as Ppmi does).
 *
 * <p>Items are numbered by key rank: {@code i} is the item's rank in key order, so "ties by
 * partner key" is a tie by {@code i}.
 */
final class PpmiFrames {
    private PpmiFrames() {}

    /**
     * @param items    every item of the input: {@code (item string, i long, first long)}, i its key rank,
     *                 first the line of its first row (the order in which an import creates the items)
     * @param pairs    the upper triangle {@code (t1 long, t2 long, count long, weight double)}, t1 &lt; t2
     * @param contexts N
     */
    record Result(Dataset<Row> items, boolean integerIds, long interactions, long contexts, Dataset<Row> pairs,
            long cooccurringPairs, long pairsAfterMinCount, long pairsAfterRank, long pairsPositive) {}

    private static final UserDefinedFunction IS_INTEGER = udf((UDF1<String, Boolean>) IdType::isInteger, DataTypes.BooleanType);

    static Result compute(SparkSession spark, InteractionInput.Input input, PpmiConfig config, Long until) {
        if (until != null && !input.hasTimestamps()) {
            throw InvalidInputException.parameter("until", "input " + input.source() + " has no timestamp column");
        }
        Dataset<Row> rows = input.rows();
        Dataset<Row> distinctItems = rows.groupBy("item").agg(min(col("line")).as("first")).persist(StorageLevel.MEMORY_AND_DISK());
        boolean integers = distinctItems.filter(not(IS_INTEGER.apply(col("item")))).isEmpty();
        Column key = integers ? col("item").cast(DataTypes.LongType) : encode(col("item"), "UTF-16BE");
        StructType itemSchema = new StructType()
                .add("item", DataTypes.StringType, false)
                .add("i", DataTypes.LongType, false)
                .add("first", DataTypes.LongType, false);
        Dataset<Row> items = spark.createDataFrame(
                distinctItems.orderBy(key).toJavaRDD().zipWithIndex().map(t -> RowFactory.create(t._1.getString(0), t._2, t._1.getLong(1))),
                itemSchema).persist(StorageLevel.MEMORY_AND_DISK());
        distinctItems.unpersist();

        // Distinct interactions, each with its earliest timestamp; a snapshot keeps those up to until.
        Dataset<Row> interactions = rows.join(items, "item")
                .groupBy(col("i"), col("context"))
                .agg(min(col("timestamp")).as("timestamp"));
        if (until != null) {
            interactions = interactions.filter(col("timestamp").isNotNull().and(col("timestamp").leq(lit(until))));
        }
        interactions = interactions.select("i", "context").persist(StorageLevel.MEMORY_AND_DISK());
        long interactionCount = interactions.count();
        long contexts = interactions.select("context").distinct().count();
        Dataset<Row> itemCounts = interactions.groupBy("i").agg(count(lit(1)).as("ci"));

        Dataset<Row> x = interactions.select(col("i").as("t1"), col("context"));
        Dataset<Row> y = interactions.select(col("i").as("t2"), col("context"));
        Dataset<Row> cooccurring = x.join(y, "context").filter(col("t1").lt(col("t2")))
                .groupBy("t1", "t2").agg(count(lit(1)).as("count"))
                .persist(StorageLevel.MEMORY_AND_DISK());
        long cooccurringPairs = cooccurring.count();
        Dataset<Row> frequent = cooccurring.filter(col("count").geq(lit((long) config.minCount())))
                .persist(StorageLevel.MEMORY_AND_DISK());
        long afterMinCount = frequent.count();
        cooccurring.unpersist();

        Dataset<Row> ranked = (config.rankRule() == RankRule.SQL ? sqlRule(frequent, config.topK()) : mutualRule(frequent, config.topK()))
                .persist(StorageLevel.MEMORY_AND_DISK());
        long afterRank = ranked.count();

        Dataset<Row> ci = itemCounts.select(col("i").as("t1"), col("ci"));
        Dataset<Row> cj = itemCounts.select(col("i").as("t2"), col("ci").as("cj"));
        Column n = lit(contexts);
        Dataset<Row> pairs = ranked.join(ci, "t1").join(cj, "t2")
                .filter(n.multiply(col("count")).gt(col("ci").multiply(col("cj"))))
                .select(col("t1"), col("t2"), col("count"),
                        log(n.cast(DataTypes.DoubleType).multiply(col("count").cast(DataTypes.DoubleType))
                                .divide(col("ci").cast(DataTypes.DoubleType).multiply(col("cj").cast(DataTypes.DoubleType))))
                                .as("weight"))
                .persist(StorageLevel.MEMORY_AND_DISK());
        long positive = pairs.count();
        frequent.unpersist();
        ranked.unpersist();
        interactions.unpersist();
        return new Result(items, integers, interactionCount, contexts, pairs, cooccurringPairs, afterMinCount, afterRank, positive);
    }

    /**
     * ppmi.sql's filter: row_number over each t1's partners and over each t2's partners, both by
     * count descending then the other item's key; a pair stays when both numbers are below topK.
     */
    static Dataset<Row> sqlRule(Dataset<Row> frequent, int topK) {
        WindowSpec byT1 = Window.partitionBy("t1").orderBy(col("count").desc(), col("t2").asc());
        WindowSpec byT2 = Window.partitionBy("t2").orderBy(col("count").desc(), col("t1").asc());
        return frequent.withColumn("r1", row_number().over(byT1))
                .withColumn("r2", row_number().over(byT2))
                .filter(col("r1").lt(lit(topK)).and(col("r2").lt(lit(topK))))
                .select("t1", "t2", "count");
    }

    /** The mutual rule: each item ranks all its partners in one list; a pair stays when each is in the other's top topK. */
    static Dataset<Row> mutualRule(Dataset<Row> frequent, int topK) {
        Dataset<Row> directed = frequent.select(col("t1").as("a"), col("t2").as("b"), col("count"))
                .unionByName(frequent.select(col("t2").as("a"), col("t1").as("b"), col("count")));
        WindowSpec byA = Window.partitionBy("a").orderBy(col("count").desc(), col("b").asc());
        Dataset<Row> kept = directed.withColumn("r", row_number().over(byA)).filter(col("r").leq(lit(topK)));
        Dataset<Row> up = kept.filter(col("a").lt(col("b"))).select(col("a").as("t1"), col("b").as("t2"), col("count"));
        Dataset<Row> down = kept.filter(col("a").gt(col("b"))).select(col("b").as("t1"), col("a").as("t2"));
        return up.join(down, new String[] {"t1", "t2"}).select("t1", "t2", "count");
    }
}
