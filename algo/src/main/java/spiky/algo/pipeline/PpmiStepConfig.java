package spiky.algo.pipeline;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import spiky.algo.ppmi.PpmiConfig;
import spiky.config.ConfigReader;

/**
 * The settings of the PPMI step procedures (spiky.ppmi.stream / stats / write): the PPMI subset of
 * {@link PipelineConfig}, read by the same code so that keys, ranges and defaults agree.
 *
 * @param maxPpmiRelationships write mode only: above this many pairs nothing is written
 */
public record PpmiStepConfig(PpmiConfig ppmi, int concurrency, long maxPpmiRelationships) {
    /** Keys of the stream and stats modes. */
    public static final List<String> KEYS = PipelineConfig.subset("minCount", "topK", "rankRule", "concurrency");
    /** Keys of the write mode: the size cap only matters there. */
    public static final List<String> WRITE_KEYS = Stream.concat(KEYS.stream(),
            PipelineConfig.subset("maxPpmiRelationships").stream()).toList();

    public static PpmiStepConfig forCompute(Map<String, ?> map) {
        ConfigReader c = new ConfigReader(map, KEYS);
        return new PpmiStepConfig(PipelineConfig.readPpmi(c), PipelineConfig.readConcurrency(c),
                PipelineConfig.DEFAULT_MAX_PPMI_RELATIONSHIPS);
    }

    public static PpmiStepConfig forWrite(Map<String, ?> map) {
        ConfigReader c = new ConfigReader(map, WRITE_KEYS);
        return new PpmiStepConfig(PipelineConfig.readPpmi(c), PipelineConfig.readConcurrency(c),
                PipelineConfig.readMaxPpmiRelationships(c));
    }
}
