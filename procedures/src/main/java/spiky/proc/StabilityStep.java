package spiky.proc;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.algo.Termination;
import spiky.algo.pipeline.PipelineConfig;
import spiky.algo.stability.NeighbourStability;
import spiky.algo.stability.StabilityConfig;
import spiky.config.ConfigReader;
import spiky.graph.EmbeddingReader;
import spiky.graph.StoredEmbeddings;

/** spiky.stability: reads the reference run and the compared runs, measures, returns one row per run × partition × metric. */
public final class StabilityStep {
    static final List<String> KEYS = List.of("partitions", "sample", "k", "metric", "seed", "concurrency");
    static final String CONFIG_DOC = "Config keys: partitions (5): equal-size quantiles of the reference run's norms; "
            + "sample (1000): items drawn per partition, seeded; k (500): length of each similar-items list, among the "
            + "candidates of the item's partition; metric ('both'): 'cosine', 'dot' or 'both'; seed (42); concurrency.";

    private StabilityStep() {}

    /** One row of spiky.stability. */
    public record Row(String refRun, String run, String until, long partition, double normMin, double normMax, long candidates,
            long sampled, long missing, String metric, long k, double meanJaccard, double ciLow, double ciHigh, Double meanJaccardPresent) {}

    public static List<Row> measure(GraphDatabaseService db, String refRun, List<String> runs, Map<String, Object> config,
            Progress progress, Termination termination) {
        ConfigReader c = new ConfigReader(config, KEYS);
        int partitions = c.intIn("partitions", 5, 1, 100);
        int sample = c.intIn("sample", 1000, 1, 1_000_000);
        int k = c.intIn("k", 500, 1, 100_000);
        String metric = c.oneOf("metric", "both", List.of("cosine", "dot", "both"));
        long seed = c.longIn("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE);
        int concurrency = c.intIn("concurrency", PipelineConfig.DEFAULT_CONCURRENCY, 1, 256);
        if (runs == null || runs.isEmpty()) {
            throw InvalidInputException.parameter("runs", "give at least one run to compare with the reference run");
        }
        StoredEmbeddings reference = EmbeddingReader.read(db, refRun, progress, termination);
        Map<Object, Integer> index = new HashMap<>();
        for (int i = 0; i < reference.itemIds().length; i++) {
            index.put(reference.itemIds()[i], i);
        }
        int n = reference.itemIds().length;
        List<NeighbourStability.Embedding> embeddings = new ArrayList<>();
        for (String runId : runs) {
            StoredEmbeddings e = EmbeddingReader.read(db, runId, progress, termination);
            if (!e.dataset().equals(reference.dataset())) {
                throw InvalidInputException.parameter("runs", "run '" + runId + "' embeds dataset '" + e.dataset()
                        + "', the reference run '" + refRun + "' embeds '" + reference.dataset() + "'");
            }
            int[] rowOfItem = new int[n];
            java.util.Arrays.fill(rowOfItem, -1);
            for (int row = 0; row < e.itemIds().length; row++) {
                Integer i = index.get(e.itemIds()[row]);
                if (i != null) {
                    rowOfItem[i] = row;
                }
            }
            embeddings.add(new NeighbourStability.Embedding(e.vectors().data(), e.vectors().cols(), rowOfItem));
        }
        int[] identity = java.util.stream.IntStream.range(0, n).toArray();
        NeighbourStability.Embedding ref = new NeighbourStability.Embedding(reference.vectors().data(), reference.vectors().cols(), identity);
        List<String> until = untilOf(db, runs);
        List<Row> rows = new ArrayList<>();
        for (String m : metric.equals("both") ? List.of("cosine", "dot") : List.of(metric)) {
            progress.report("stability (" + m + ")", 0, 1);
            StabilityConfig sc = new StabilityConfig(partitions, sample, k, m.equals("dot"), seed, concurrency);
            for (NeighbourStability.Cell cell : NeighbourStability.measure(reference.norms(), ref, embeddings, sc, termination)) {
                rows.add(new Row(refRun, runs.get(cell.run()), until.get(cell.run()), cell.partition() + 1L, cell.normMin(), cell.normMax(),
                        cell.candidates(), cell.sampled(), cell.missing(), m, k, cell.meanJaccard(), cell.ciLow(), cell.ciHigh(),
                        Double.isNaN(cell.meanJaccardPresent()) ? null : cell.meanJaccardPresent()));
            }
            progress.report("stability (" + m + ")", 1, 1);
        }
        return rows;
    }

    /** Each run's snapshot moment (its until, ISO-8601) or null for a run of the whole dataset. */
    private static List<String> untilOf(GraphDatabaseService db, List<String> runs) {
        try (Transaction tx = db.beginTx()) {
            List<String> out = new ArrayList<>();
            for (String r : runs) {
                Object u = EmbeddingReader.finishedRun(tx, r).getProperty("until", null);
                out.add(u == null ? null : Instant.ofEpochSecond(((Number) u).longValue()).toString());
            }
            return out;
        }
    }
}
