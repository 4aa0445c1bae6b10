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
import spiky.algo.pipeline.PipelineSettings;
import spiky.algo.stability.NeighbourStability;
import spiky.algo.stability.StabilityConfig;
import spiky.config.ConfigReader;
import spiky.config.Setting;
import spiky.config.SettingType;
import spiky.config.SettingsTable;
import spiky.graph.EmbeddingReader;
import spiky.graph.StoredEmbeddings;

/** spiky.stability: reads the reference run and the compared runs, measures, returns one row per run × partition × metric. */
public final class StabilityStep {
    static final Setting<Integer> PARTITIONS = Setting.of("partitions", SettingType.Ints.in(1, 100), 5,
            "equal-size quantiles of the reference run's norms");
    static final Setting<Integer> SAMPLE = Setting.of("sample", SettingType.Ints.in(1, 1_000_000), 1000,
            "items drawn per partition, seeded");
    static final Setting<Integer> K = Setting.of("k", SettingType.Ints.in(1, 100_000), 500,
            "length of each similar-items list, among the candidates of the item's partition");
    static final Setting<String> METRIC = Setting.of("metric", SettingType.Choice.of("cosine", "dot", "both"), "both",
            "the similarity of the lists, or both");
    static final Setting<Long> SEED = Setting.of("seed", SettingType.Longs.any(), 42L, "seed of the per-partition samples");

    /** The keys of spiky.stability; nothing is recorded, so no key has a value getter. */
    static final SettingsTable<Void> SETTINGS = SettingsTable.<Void>empty()
            .withUnrecorded(PARTITIONS)
            .withUnrecorded(SAMPLE)
            .withUnrecorded(K)
            .withUnrecorded(METRIC)
            .withUnrecorded(SEED)
            .withUnrecorded(PipelineSettings.CONCURRENCY);
    static final List<String> KEYS = SETTINGS.keys();
    static final String CONFIG_DOC = ConfigDocs.HEAD + ConfigDocs.STABILITY + ".";

    private StabilityStep() {}

    /** One row of spiky.stability. */
    public record Row(String refRun, String run, String until, long partition, double normMin, double normMax, long candidates,
            long sampled, long missing, String metric, long k, double meanJaccard, double ciLow, double ciHigh, Double meanJaccardPresent) {}

    public static List<Row> measure(GraphDatabaseService db, String refRun, List<String> runs, Map<String, Object> config,
            Progress progress, Termination termination) {
        ConfigReader c = SETTINGS.reader(config);
        int partitions = PARTITIONS.read(c);
        int sample = SAMPLE.read(c);
        int k = K.read(c);
        String metric = METRIC.read(c);
        long seed = SEED.read(c);
        int concurrency = PipelineSettings.CONCURRENCY.read(c);
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
