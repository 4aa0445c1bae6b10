package spiky.algo.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import spiky.algo.spikes.SpikeConfig;
import spiky.config.ConfigReader;

/**
 * The settings of spiky.spikes.write / stream / stats: the Spk subset of {@link PipelineConfig},
 * read by the same code. The run's rank bounds spkDims and trims the default list, as the
 * pipeline's rank does.
 */
public record SpikeStepConfig(SpikeConfig spikes, int concurrency) {
    public static final List<String> KEYS = PipelineConfig.subset("spkDims", "cosTheta", "rho", "concurrency");

    /** Checks the keys only (before the run, hence its rank, is known). */
    public static void checkKeys(Map<String, ?> map) {
        new ConfigReader(map, KEYS);
    }

    /** @param rank the number of columns of the run's embeddings */
    public static SpikeStepConfig from(Map<String, ?> map, int rank) {
        ConfigReader c = new ConfigReader(map, KEYS);
        return new SpikeStepConfig(PipelineConfig.readSpikes(c, rank), PipelineConfig.readConcurrency(c));
    }

    /** The Spk parameters by config name, for the run's record. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("spkDims", spikes.dims().stream().map(Integer::longValue).toList());
        m.put("cosTheta", spikes.cosTheta());
        m.put("rho", spikes.rho());
        return m;
    }
}
