package spiky.algo.pipeline;

import java.util.Map;
import spiky.algo.svd.SvdConfig;
import spiky.config.ConfigReader;
import spiky.config.SettingsTable;

/**
 * The settings of spiky.svd.write / spiky.svd.stream: the SVD and embedding settings of
 * {@link PipelineConfig}, the same {@link PipelineSettings}.
 *
 * @param sigmaPower p in E = U·Σ^p
 */
public record SvdStepConfig(SvdConfig svd, double sigmaPower, int concurrency) {
    public static final SettingsTable<SvdStepConfig> SETTINGS = SettingsTable.<SvdStepConfig>empty()
            .with(PipelineSettings.SVD, SvdStepConfig::svd)
            .with(PipelineSettings.SIGMA_POWER, SvdStepConfig::sigmaPower)
            .with(PipelineSettings.CONCURRENCY, SvdStepConfig::concurrency);

    public static SvdStepConfig from(Map<String, ?> map) {
        ConfigReader c = SETTINGS.reader(map);
        return new SvdStepConfig(PipelineSettings.readSvd(c), PipelineSettings.SIGMA_POWER.read(c), PipelineSettings.CONCURRENCY.read(c));
    }

    /** Every parameter by its config name, for the run's record (the same names as PipelineConfig.toMap). */
    public Map<String, Object> toMap() {
        return SETTINGS.toMap(this);
    }
}
