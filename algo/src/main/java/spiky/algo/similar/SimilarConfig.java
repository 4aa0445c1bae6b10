package spiky.algo.similar;

import java.util.List;
import java.util.Map;
import spiky.algo.pipeline.PipelineSettings;
import spiky.config.ConfigReader;
import spiky.config.Setting;
import spiky.config.SettingType;
import spiky.config.SettingsTable;

/**
 * The config of spiky.similar: {run?, k, metric, f?, concurrency}. run and f default to what the
 * run says (the dataset's latestRun, the run's rank), so they are null / 0 here until then.
 */
public record SimilarConfig(String run, int k, Metric metric, int f, int concurrency) {
    public static final int DEFAULT_K = 10;
    /** A list longer than this is no longer "similar items"; the bound also keeps the per-thread heaps small. */
    public static final int MAX_K = 10_000;

    public static final Setting<String> RUN = Setting.described("run", new SettingType.Text(), null,
            "the item's dataset's latestRun", "a finished run of the item's dataset");
    public static final Setting<Integer> K = Setting.of("k", SettingType.Ints.in(1, MAX_K), DEFAULT_K, "how many items");
    public static final Setting<Metric> METRIC = Setting.of("metric", new SettingType.Choice<>(List.of(Metric.values()), m -> m.label),
            Metric.COSINE, "'dot' is the dot product, which favours items with long vectors");
    public static final Setting<Integer> F = Setting.described("f", SettingType.Ints.atLeast(1), null, "the run's rank",
            "compare the first f coordinates only");

    public static final SettingsTable<SimilarConfig> SETTINGS = SettingsTable.<SimilarConfig>empty()
            .with(RUN, SimilarConfig::run)
            .with(K, SimilarConfig::k)
            .with(METRIC, SimilarConfig::metric)
            .with(F, c -> c.f() == 0 ? null : c.f())
            .with(PipelineSettings.CONCURRENCY, SimilarConfig::concurrency);

    public static final List<String> KEYS = SETTINGS.keys();

    public static SimilarConfig from(Map<String, ?> map) {
        ConfigReader c = SETTINGS.reader(map);
        Integer f = F.read(c);
        return new SimilarConfig(RUN.read(c), K.read(c), METRIC.read(c), f == null ? 0 : f, PipelineSettings.CONCURRENCY.read(c));
    }
}
