package spiky.algo.pipeline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import spiky.InvalidInputException;
import spiky.algo.ppmi.PpmiConfig;
import spiky.algo.ppmi.RankRule;
import spiky.algo.spikes.SpikeConfig;
import spiky.algo.svd.SvdConfig;
import spiky.algo.svd.SvdMethod;
import spiky.config.ConfigReader;

/**
 * Every setting of a pipeline run, read from a user's map. The defaults reproduce the paper's
 * reference: PPMI with count ≥ 2 and the SQL top-2000 rank rule, randomized SVD at rank 128 with
 * 10 oversamples and 7 power iterations, E = U·Σ, Spk at 16, 32, 64, 128 with cos > 0.9 and ρ = 0.5.
 *
 * @param sigmaPower           p in E = U·Σ^p
 * @param writePpmi            write the PPMI matrix as (:Item)-[:PPMI]->(:Item) relationships
 * @param maxPpmiRelationships above this many pairs the relationships are not written (the run says so)
 * @param until                when not null, only interactions with a timestamp ≤ this (epoch seconds)
 *                             count: the dataset as it was at that moment (a snapshot)
 */
public record PipelineConfig(PpmiConfig ppmi, SvdConfig svd, double sigmaPower, SpikeConfig spikes, int concurrency,
        boolean writePpmi, long maxPpmiRelationships, Long until) {

    public static final long DEFAULT_MAX_PPMI_RELATIONSHIPS = 2_000_000L;
    public static final int DEFAULT_CONCURRENCY = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    public static final List<String> KEYS = List.of("minCount", "topK", "rankRule", "rank", "oversampling",
            "powerIterations", "seed", "method", "sigmaPower", "spkDims", "cosTheta", "rho", "concurrency",
            "writePpmi", "maxPpmiRelationships", "until");

    public static final PipelineConfig DEFAULTS = from(Map.of());

    public static PipelineConfig from(Map<String, ?> map) {
        ConfigReader c = new ConfigReader(map, KEYS);
        PpmiConfig ppmi = readPpmi(c);
        SvdConfig svd = readSvd(c);
        SpikeConfig spikes = readSpikes(c, svd.rank());
        return new PipelineConfig(ppmi, svd, readSigmaPower(c), spikes, readConcurrency(c), c.bool("writePpmi", true),
                readMaxPpmiRelationships(c), c.epochSeconds("until"));
    }

    /**
     * The keys of a step procedure: a subset of {@link #KEYS}, so that a key means the same thing
     * (and has the same range and default) in spiky.pipeline and in the step procedures.
     */
    static List<String> subset(String... keys) {
        for (String k : keys) {
            if (!KEYS.contains(k)) {
                throw new IllegalArgumentException(k + " is not a pipeline key");
            }
        }
        return List.of(keys);
    }

    // The readers below are shared by PipelineConfig and the step configs (PpmiStepConfig, ...).

    static PpmiConfig readPpmi(ConfigReader c) {
        return new PpmiConfig(
                c.intIn("minCount", PpmiConfig.DEFAULTS.minCount(), 1, Integer.MAX_VALUE),
                c.intIn("topK", PpmiConfig.DEFAULTS.topK(), 1, Integer.MAX_VALUE),
                RankRule.parse(c.string("rankRule", PpmiConfig.DEFAULTS.rankRule().configName())));
    }

    static SvdConfig readSvd(ConfigReader c) {
        return new SvdConfig(
                c.intIn("rank", SvdConfig.DEFAULTS.rank(), 1, 4096),
                c.intIn("oversampling", SvdConfig.DEFAULTS.oversampling(), 0, 1024),
                c.intIn("powerIterations", SvdConfig.DEFAULTS.powerIterations(), 0, 100),
                c.longIn("seed", SvdConfig.DEFAULTS.seed(), Long.MIN_VALUE, Long.MAX_VALUE),
                SvdMethod.parse(c.string("method", SvdConfig.DEFAULTS.method().configName())));
    }

    /** spkDims, cosTheta and rho for embeddings of {@code rank} columns: each f' in [1, rank]. */
    static SpikeConfig readSpikes(ConfigReader c, int rank) {
        SpikeConfig spikes = new SpikeConfig(
                c.intList("spkDims", SpikeConfig.DEFAULTS.dims(), 1, rank),
                readCosTheta(c),
                readRho(c));
        if (!c.has("spkDims") && rank < 128) {
            // The default list stops at the rank: rank 64 gives Spk at 16, 32, 64.
            List<Integer> dims = SpikeConfig.DEFAULTS.dims().stream().filter(f -> f <= rank).toList();
            spikes = new SpikeConfig(dims.isEmpty() ? List.of(rank) : dims, spikes.cosTheta(), spikes.rho());
        }
        return spikes;
    }

    static double readCosTheta(ConfigReader c) {
        return c.doubleIn("cosTheta", SpikeConfig.DEFAULTS.cosTheta(), -0.999999, 0.999999);
    }

    static double readRho(ConfigReader c) {
        return c.doubleIn("rho", SpikeConfig.DEFAULTS.rho(), 1e-9, 1.0);
    }

    static double readSigmaPower(ConfigReader c) {
        return c.doubleIn("sigmaPower", 1.0, -4.0, 4.0);
    }

    static int readConcurrency(ConfigReader c) {
        return c.intIn("concurrency", DEFAULT_CONCURRENCY, 1, 256);
    }

    static long readMaxPpmiRelationships(ConfigReader c) {
        return c.longIn("maxPpmiRelationships", DEFAULT_MAX_PPMI_RELATIONSHIPS, 0, Long.MAX_VALUE);
    }

    /** Checks the settings against the data: the SVD needs rank + oversampling ≤ kept items. */
    public void checkAgainst(int keptItems) {
        checkSvdFits(svd, keptItems);
    }

    /** The SVD needs rank + oversampling ≤ the items that keep a PPMI pair. */
    public static void checkSvdFits(SvdConfig svd, int keptItems) {
        if (svd.rank() + svd.oversampling() > keptItems) {
            throw InvalidInputException.parameter("rank", "rank " + svd.rank() + " + oversampling " + svd.oversampling()
                    + " exceeds the " + keptItems + " items that keep a PPMI pair: lower rank (or oversampling)");
        }
    }

    /** The same settings on the interactions up to {@code cut} (epoch seconds), written or not. */
    public PipelineConfig snapshot(long cut, boolean write) {
        return new PipelineConfig(ppmi, svd, sigmaPower, spikes, concurrency, write, maxPpmiRelationships, cut);
    }

    /** Every parameter by its config name, for the run's record (until only when set). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("minCount", (long) ppmi.minCount());
        m.put("topK", (long) ppmi.topK());
        m.put("rankRule", ppmi.rankRule().configName());
        m.put("rank", (long) svd.rank());
        m.put("oversampling", (long) svd.oversampling());
        m.put("powerIterations", (long) svd.powerIterations());
        m.put("seed", svd.seed());
        m.put("method", svd.method().configName());
        m.put("sigmaPower", sigmaPower);
        m.put("spkDims", spikes.dims().stream().map(Integer::longValue).toList());
        m.put("cosTheta", spikes.cosTheta());
        m.put("rho", spikes.rho());
        m.put("concurrency", (long) concurrency);
        m.put("writePpmi", writePpmi);
        m.put("maxPpmiRelationships", maxPpmiRelationships);
        if (until != null) {
            m.put("until", until);
        }
        return m;
    }
}
