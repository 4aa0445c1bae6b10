package spiky.algo.pipeline;

import java.util.Map;
import spiky.config.ConfigReader;
import spiky.config.SettingsTable;

/**
 * The settings of spiky.spikes.sweep: Spk at every {@code step}-th f' up to {@code maxF}, with the
 * pipeline's cosTheta, rho and concurrency (the same {@link PipelineSettings}).
 *
 * @param step  the sweep measures f' = step, 2·step, …, and maxF; in [1, rank], default 1
 * @param maxF  the largest f'; in [1, rank], default the run's rank
 */
public record SweepStepConfig(int step, int maxF, double cosTheta, double rho, int concurrency) {
    public static final SettingsTable<SweepStepConfig> SETTINGS = SettingsTable.<SweepStepConfig>empty()
            .with(PipelineSettings.STEP, SweepStepConfig::step)
            .with(PipelineSettings.MAX_F, SweepStepConfig::maxF)
            .with(PipelineSettings.COS_THETA, SweepStepConfig::cosTheta)
            .with(PipelineSettings.RHO, SweepStepConfig::rho)
            .with(PipelineSettings.CONCURRENCY, SweepStepConfig::concurrency);

    /** Checks the keys only (before the run, hence its rank, is known). */
    public static void checkKeys(Map<String, ?> map) {
        SETTINGS.reader(map);
    }

    /** @param rank the number of columns of the run's embeddings */
    public static SweepStepConfig from(Map<String, ?> map, int rank) {
        ConfigReader c = SETTINGS.reader(map);
        Integer maxF = PipelineSettings.MAX_F.read(c, rank);
        int step = PipelineSettings.STEP.read(c, rank);
        return new SweepStepConfig(step, maxF == null ? rank : maxF,
                PipelineSettings.COS_THETA.read(c), PipelineSettings.RHO.read(c), PipelineSettings.CONCURRENCY.read(c));
    }
}
