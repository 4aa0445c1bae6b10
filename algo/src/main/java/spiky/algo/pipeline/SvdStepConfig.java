package spiky.algo.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import spiky.algo.svd.SvdConfig;
import spiky.config.ConfigReader;

/**
 * The settings of spiky.svd.write / spiky.svd.stream: the SVD and embedding subset of
 * {@link PipelineConfig}, read by the same code.
 *
 * @param sigmaPower p in E = U·Σ^p
 */
public record SvdStepConfig(SvdConfig svd, double sigmaPower, int concurrency) {
    public static final List<String> KEYS = PipelineConfig.subset("rank", "oversampling", "powerIterations", "seed", "method",
            "sigmaPower", "concurrency");

    public static SvdStepConfig from(Map<String, ?> map) {
        ConfigReader c = new ConfigReader(map, KEYS);
        return new SvdStepConfig(PipelineConfig.readSvd(c), PipelineConfig.readSigmaPower(c), PipelineConfig.readConcurrency(c));
    }

    /** Every parameter by its config name, for the run's record (the same names as PipelineConfig.toMap). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rank", (long) svd.rank());
        m.put("oversampling", (long) svd.oversampling());
        m.put("powerIterations", (long) svd.powerIterations());
        m.put("seed", svd.seed());
        m.put("method", svd.method().configName());
        m.put("sigmaPower", sigmaPower);
        m.put("concurrency", (long) concurrency);
        return m;
    }
}
