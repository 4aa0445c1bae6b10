package spiky.algo.stability;

import java.util.List;
import java.util.Map;
import spiky.algo.pipeline.PipelineSettings;
import spiky.config.ConfigReader;
import spiky.config.Setting;
import spiky.config.SettingType;
import spiky.config.SettingsTable;

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
    public static final List<String> MODELS = List.of("regression", "isotonic", "bins", "mean", "auto");

    public static final Setting<List<String>> RUNS = Setting.described("runs", new SettingType.TextList("run ids"), null,
            "every finished snapshot run of the dataset, by until", "the snapshot runs to learn from, at least 3");
    public static final Setting<Integer> K = Setting.of("k", SettingType.Ints.in(1, 10_000), 50, "length of each similar-items list");
    public static final Setting<String> METRIC = Setting.of("metric", SettingType.Choice.of("cosine", "dot"), "cosine",
            "the similarity of the lists");
    public static final Setting<Integer> SAMPLE = Setting.of("sample", SettingType.Ints.in(1, 10_000_000), 2000,
            "about this many items per earlier snapshot pair, the same items in each (seeded hash of the id), the last pair uses all");
    public static final Setting<String> MODEL = Setting.of("model", new SettingType.Choice<>(MODELS, m -> m), "regression",
            "'regression' (ridge on norm quantile, its square, log interactions, covered, gap, lag), 'isotonic' (in norm "
                    + "quantile), 'bins' (mean per norm-quantile bin), 'mean', or 'auto' (lowest backtest mae)");
    public static final Setting<String> LAG = Setting.of("lag", SettingType.Choice.of("auto", "yes", "no"), "auto",
            "'auto' keeps the item's previous Jaccard as a feature when it lowers the regression's backtest mae");
    public static final Setting<Integer> BINS = Setting.of("bins", SettingType.Ints.in(1, 1000), 10,
            "equal-width bins of norm quantile for the 'bins' model");
    public static final Setting<Double> RIDGE = Setting.of("ridge", SettingType.Doubles.closed(0, 1e9), 1.0,
            "the regression's L2 penalty on standardised features");
    public static final Setting<Double> GAP_DAYS = Setting.described("gapDays", SettingType.Doubles.closed(1e-6, 1e6), null,
            "the last gap between snapshots", "the gap to forecast for, in days");
    public static final Setting<Long> SEED = Setting.of("seed", SettingType.Longs.any(), 42L, "seed of the item sample");

    public static final SettingsTable<ForecastConfig> SETTINGS = SettingsTable.<ForecastConfig>empty()
            .with(RUNS, ForecastConfig::runs)
            .with(K, ForecastConfig::k)
            .with(METRIC, c -> c.dot() ? "dot" : "cosine")
            .with(SAMPLE, ForecastConfig::sample)
            .with(MODEL, ForecastConfig::model)
            .with(LAG, ForecastConfig::lag)
            .with(BINS, ForecastConfig::bins)
            .with(RIDGE, ForecastConfig::ridge)
            .with(GAP_DAYS, c -> Double.isNaN(c.gapDays()) ? null : c.gapDays())
            .with(SEED, ForecastConfig::seed)
            .with(PipelineSettings.CONCURRENCY, ForecastConfig::concurrency);

    public static final List<String> KEYS = SETTINGS.keys();

    public static ForecastConfig from(Map<String, ?> map) {
        ConfigReader c = SETTINGS.reader(map);
        List<String> runs = RUNS.read(c);
        int k = K.read(c);
        boolean dot = METRIC.read(c).equals("dot");
        int sample = SAMPLE.read(c);
        String model = MODEL.read(c);
        String lag = LAG.read(c);
        int bins = BINS.read(c);
        double ridge = RIDGE.read(c);
        Double gapDays = GAP_DAYS.read(c);
        long seed = SEED.read(c);
        int concurrency = PipelineSettings.CONCURRENCY.read(c);
        return new ForecastConfig(runs, k, dot, sample, model, lag, bins, ridge, gapDays == null ? Double.NaN : gapDays, seed,
                concurrency);
    }

    public static ForecastConfig defaults() {
        return from(Map.of());
    }
}
