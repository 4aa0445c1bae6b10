package spiky.algo.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import spiky.config.ConfigReader;

/**
 * The settings of spiky.spikes.sweep: Spk at every {@code step}-th f' up to {@code maxF}, with the
 * pipeline's cosTheta, rho and concurrency (same names, ranges and defaults, read by the same code).
 *
 * @param step  the sweep measures f' = step, 2·step, …, and maxF; in [1, rank], default 1
 * @param maxF  the largest f'; in [1, rank], default the run's rank
 */
public record SweepStepConfig(int step, int maxF, double cosTheta, double rho, int concurrency) {
    public static final List<String> KEYS;

    static {
        List<String> keys = new ArrayList<>(List.of("step", "maxF"));
        keys.addAll(PipelineConfig.subset("cosTheta", "rho", "concurrency"));
        KEYS = List.copyOf(keys);
    }

    /** Checks the keys only (before the run, hence its rank, is known). */
    public static void checkKeys(Map<String, ?> map) {
        new ConfigReader(map, KEYS);
    }

    /** @param rank the number of columns of the run's embeddings */
    public static SweepStepConfig from(Map<String, ?> map, int rank) {
        ConfigReader c = new ConfigReader(map, KEYS);
        int maxF = c.intIn("maxF", rank, 1, rank);
        int step = c.intIn("step", 1, 1, rank);
        return new SweepStepConfig(step, maxF,
                PipelineConfig.readCosTheta(c), PipelineConfig.readRho(c),
                PipelineConfig.readConcurrency(c));
    }
}
