package spiky.spark;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.algo.MemoryGuard;
import spiky.algo.Termination;
import spiky.algo.linalg.DenseBlock;
import spiky.algo.pipeline.Pipeline;
import spiky.algo.pipeline.PipelineConfig;
import spiky.algo.spikes.SpikeCover;
import spiky.algo.spikes.SpikeLevel;
import spiky.algo.svd.Embeddings;

/**
 * The pipeline on Spark: input → PPMI (DataFrames) → distributed SVD → E = U·Σ^p and norms
 * (distributed) → E collected on the driver → spiky-algo's SpikeCover. The cover is where the
 * job stops scaling: E must fit the driver's heap (8 bytes per item and dimension: 2 M items ×
 * 128 dimensions is 2 GB of doubles).
 */
final class SparkPipeline {
    private SparkPipeline() {}

    /**
     * What the job computed; rows follow the matrix's rows (kept items in key order).
     *
     * @param items  the item id of every row
     * @param millis per stage: read, ppmi, matrix, svd, embed, spikes
     * @param ppmiPairs the PPMI matrix, each pair once: {@code (item string, partner string, weight double, count long)},
     *                  item the smaller key (distributed; written as the run's ppmi.csv and ppmi.parquet)
     */
    record Run(String input, boolean integerIds, String[] items, DenseBlock embeddings, double[] norms, double[] singularValues,
            int matrixProducts, long nnz, List<SpikeLevel> levels, Map<String, Long> counts, Map<String, Long> millis,
            Dataset<Row> ppmiPairs) {}

    static Run run(SparkSession spark, InteractionInput.Source source, JobSettings settings, Progress progress) {
        PipelineConfig config = settings.pipeline();
        Map<String, Long> millis = new LinkedHashMap<>();
        long t = System.nanoTime();
        String input = source.describe();
        progress.report("reading " + input, 0, -1);
        InteractionInput.Input in = source.read(spark);
        millis.put("read", lap(t));

        t = System.nanoTime();
        progress.report("PPMI", 0, -1);
        PpmiFrames.Result ppmi = PpmiFrames.compute(spark, in, config.ppmi(), config.until());
        if (ppmi.pairsPositive() == 0) {
            throw InvalidInputException.of("No pair of items co-occurs at least minCount = " + config.ppmi().minCount()
                    + " times with a positive PMI: there is nothing to embed");
        }
        millis.put("ppmi", lap(t));

        t = System.nanoTime();
        PpmiMatrix matrix = PpmiMatrix.of(spark, ppmi, settings.partitions());
        config.checkAgainst(matrix.n());
        millis.put("matrix", lap(t));

        t = System.nanoTime();
        progress.report("SVD", 0, -1);
        DistributedSvd.Result svd = DistributedSvd.compute(matrix, config.svd());
        millis.put("svd", lap(t));

        t = System.nanoTime();
        double[] sigma = svd.singularValues();
        double p = config.sigmaPower();
        int f = sigma.length;
        JavaPairRDD<Integer, double[]> e = svd.u().mapValues(u -> Embeddings.scale(new DenseBlock(1, f, u), sigma, p).data());
        // E on the driver, row by row, one partition at a time; norms as the pipeline computes them.
        MemoryGuard.check("E on the driver", 8L * matrix.n() * f);
        DenseBlock block = new DenseBlock(matrix.n(), f);
        double[] data = block.data();
        Iterator<Tuple2<Integer, double[]>> rows = e.toLocalIterator();
        while (rows.hasNext()) {
            Tuple2<Integer, double[]> r = rows.next();
            System.arraycopy(r._2, 0, data, r._1 * f, f);
        }
        svd.u().unpersist(false);
        double[] norms = Pipeline.rowNorms(block);
        String[] items = new String[matrix.n()];
        for (Row r : matrix.keptItems().collectAsList()) {
            items[r.getInt(1)] = r.getString(0);
        }
        millis.put("embed", lap(t));

        t = System.nanoTime();
        progress.report("Spk", 0, -1);
        int maxF = config.spikes().dims().stream().mapToInt(Integer::intValue).max().orElse(f);
        MemoryGuard.check("Spk", SpikeCover.estimateBytes(block.rows(), maxF));
        List<SpikeLevel> levels = new ArrayList<>(SpikeCover.compute(block, config.spikes(), config.concurrency(), Progress.NONE,
                Termination.NONE));
        millis.put("spikes", lap(t));

        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("interactions", ppmi.interactions());
        counts.put("contexts", ppmi.contexts());
        counts.put("items", ppmi.items().count());
        counts.put("cooccurringPairs", ppmi.cooccurringPairs());
        counts.put("pairsAfterMinCount", ppmi.pairsAfterMinCount());
        counts.put("pairsAfterRank", ppmi.pairsAfterRank());
        counts.put("pairsPositive", ppmi.pairsPositive());
        Dataset<Row> named = ppmi.pairs()
                .join(ppmi.items().select(col("i").as("t1"), col("item")), "t1")
                .join(ppmi.items().select(col("i").as("t2"), col("item").as("partner")), "t2")
                .select("item", "partner", "weight", "count");
        return new Run(input, ppmi.integerIds(), items, block, norms, sigma, svd.products(), matrix.nnz(), List.copyOf(levels), counts,
                millis, named);
    }

    private static long lap(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
