package spiky.algo.stability;

import java.util.List;
import java.util.Map;
import spiky.InvalidInputException;
import spiky.algo.pipeline.PipelineConfig;
import spiky.config.ConfigReader;

/**
 * The config of spiky.stability.forecast.
 *
 * @param runs        the snapshot runs to learn from, earliest first; null for every finished snapshot run of the dataset
 * @param k           length of each item's similar-items list
 * @param dot         true for the dot product, false for cosine
 * @param sample      about this many items per earlier snapshot pair (the same items in every pair: a seeded hash of the
 *                    id); the last pair, which the backtest evaluates and the lag comes from, uses every item
 * @param model       'regression', 'isotonic', 'bins', 'mean', or 'auto' (the lowest backtest error)
 * @param lag         'auto' (kept when it lowers the regression's backtest error), 'yes' or 'no'
 * @param bins        equal-width bins of norm quantile for the 'bins' model
 * @param ridge       the regression's L2 penalty on standardised features
 * @param gapDays     the gap to the next snapshot to forecast for, in days; NaN for the last gap observed
 * @param seed        seed of the item sample
 * @param concurrency threads
 */
public record ForecastConfig(List<String> runs, int k, boolean dot, int sample, String model, String lag, int bins, double ridge,
        double gapDays, long seed, int concurrency) {
    public static final List<String> KEYS = List.of("runs", "k", "metric", "sample", "model", "lag", "bins", "ridge", "gapDays", "seed",
            "concurrency");
    public static final List<String> MODELS = List.of("regression", "isotonic", "bins", "mean", "auto");
    public static ForecastConfig from(Map<String, ?> map) {
        ConfigReader c = new ConfigReader(map, KEYS);
        List<String> runs = null;
        Object r = map == null ? null : map.get("runs");
        if (r != null) {
            if (!(r instanceof List<?> list) || list.isEmpty() || !list.stream().allMatch(o -> o instanceof String)) {
                throw InvalidInputException.parameter("runs", "expected a non-empty list of run ids, got " + r);
            }
            runs = list.stream().map(o -> (String) o).toList();
        }
        int k = c.intIn("k", 50, 1, 10_000);
        boolean dot = c.oneOf("metric", "cosine", List.of("cosine", "dot")).equals("dot");
        int sample = c.intIn("sample", 2000, 1, 10_000_000);
        String model = c.oneOf("model", "regression", MODELS);
        String lag = c.oneOf("lag", "auto", List.of("auto", "yes", "no"));
        int bins = c.intIn("bins", 10, 1, 1000);
        double ridge = c.doubleIn("ridge", 1.0, 0, 1e9);
        double gapDays = c.has("gapDays") ? c.doubleIn("gapDays", 0, 1e-6, 1e6) : Double.NaN;
        long seed = c.longIn("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE);
        int concurrency = c.intIn("concurrency", PipelineConfig.DEFAULT_CONCURRENCY, 1, 256);
        return new ForecastConfig(runs, k, dot, sample, model, lag, bins, ridge, gapDays, seed, concurrency);
    }

    public static ForecastConfig defaults() {
        return from(Map.of());
    }
}
