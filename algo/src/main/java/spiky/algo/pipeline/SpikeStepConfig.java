package spiky.algo.pipeline;

import java.util.Map;
import spiky.algo.spikes.SpikeConfig;
import spiky.config.ConfigReader;
import spiky.config.SettingsTable;

/**
 * The settings of spiky.spikes.write / stream / stats: the Spk settings of {@link PipelineConfig},
 * the same {@link PipelineSettings}. The run's rank bounds spkDims and trims the default list, as
 * the pipeline's rank does.
 */
public record SpikeStepConfig(SpikeConfig spikes, int concurrency) {
    /** The keys; concurrency is not recorded: the run node keeps the concurrency of the run that embedded it. */
    public static final SettingsTable<SpikeStepConfig> SETTINGS = SettingsTable.<SpikeStepConfig>empty()
            .with(PipelineSettings.SPIKES, SpikeStepConfig::spikes)
            .withUnrecorded(PipelineSettings.CONCURRENCY, SpikeStepConfig::concurrency);

    /** Checks the keys only (before the run, hence its rank, is known). */
    public static void checkKeys(Map<String, ?> map) {
        SETTINGS.reader(map);
    }

    /** @param rank the number of columns of the run's embeddings */
    public static SpikeStepConfig from(Map<String, ?> map, int rank) {
        ConfigReader c = SETTINGS.reader(map);
        return new SpikeStepConfig(PipelineSettings.readSpikes(c, rank), PipelineSettings.CONCURRENCY.read(c));
    }

    /** The Spk parameters by config name, for the run's record. */
    public Map<String, Object> toMap() {
        return SETTINGS.toMap(this);
    }
}
