package spiky.algo.pipeline;

import java.util.Map;
import spiky.algo.ppmi.PpmiConfig;
import spiky.config.ConfigReader;
import spiky.config.SettingsTable;

/**
 * The settings of the PPMI step procedures (spiky.ppmi.stream / stats / write): the PPMI settings
 * of {@link PipelineConfig}, the same {@link PipelineSettings}.
 *
 * @param maxPpmiRelationships write mode only: above this many pairs nothing is written
 */
public record PpmiStepConfig(PpmiConfig ppmi, int concurrency, long maxPpmiRelationships) {
    /** The keys of the stream and stats modes. */
    public static final SettingsTable<PpmiStepConfig> SETTINGS = SettingsTable.<PpmiStepConfig>empty()
            .with(PipelineSettings.PPMI, PpmiStepConfig::ppmi)
            .with(PipelineSettings.CONCURRENCY, PpmiStepConfig::concurrency);
    /** The keys of the write mode: the size cap only matters there. */
    public static final SettingsTable<PpmiStepConfig> WRITE_SETTINGS = SETTINGS
            .with(PipelineSettings.MAX_PPMI_RELATIONSHIPS, PpmiStepConfig::maxPpmiRelationships);

    public static PpmiStepConfig forCompute(Map<String, ?> map) {
        ConfigReader c = SETTINGS.reader(map);
        return new PpmiStepConfig(PipelineSettings.readPpmi(c), PipelineSettings.CONCURRENCY.read(c),
                PipelineConfig.DEFAULT_MAX_PPMI_RELATIONSHIPS);
    }

    public static PpmiStepConfig forWrite(Map<String, ?> map) {
        ConfigReader c = WRITE_SETTINGS.reader(map);
        return new PpmiStepConfig(PipelineSettings.readPpmi(c), PipelineSettings.CONCURRENCY.read(c),
                PipelineSettings.MAX_PPMI_RELATIONSHIPS.read(c));
    }
}
