package spiky.algo.similar;

import java.util.List;
import java.util.Map;
import spiky.InvalidInputException;
import spiky.algo.pipeline.PipelineConfig;
import spiky.config.ConfigReader;

/**
 * The config of spiky.similar: {run?, k, metric, f?, concurrency}. run and f default to what the
 * run says (the dataset's latestRun, the run's rank), so they are null / 0 here until then.
 */
public record SimilarConfig(String run, int k, Metric metric, int f, int concurrency) {
    public static final List<String> KEYS = List.of("run", "k", "metric", "f", "concurrency");
    public static final int DEFAULT_K = 10;
    /** A list longer than this is no longer "similar items"; the bound also keeps the per-thread heaps small. */
    public static final int MAX_K = 10_000;

    public static SimilarConfig from(Map<String, ?> map) {
        ConfigReader c = new ConfigReader(map, KEYS);
        String run = c.string("run", null);
        int k = c.intIn("k", DEFAULT_K, 1, MAX_K);
        String name = c.string("metric", Metric.COSINE.label);
        Metric metric = Metric.byName(name);
        if (metric == null) {
            throw InvalidInputException.parameter("metric", "'" + name + "' is not one of " + Metric.NAMES);
        }
        int f = c.intIn("f", 0, 1, Integer.MAX_VALUE);
        return new SimilarConfig(run, k, metric, f, c.intIn("concurrency", PipelineConfig.DEFAULT_CONCURRENCY, 1, 256));
    }
}
