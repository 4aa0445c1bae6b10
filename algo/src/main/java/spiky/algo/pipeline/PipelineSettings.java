package spiky.algo.pipeline;

import java.util.List;
import spiky.algo.ppmi.PpmiConfig;
import spiky.algo.ppmi.RankRule;
import spiky.algo.spikes.SpikeConfig;
import spiky.algo.svd.SvdConfig;
import spiky.algo.svd.SvdMethod;
import spiky.config.ConfigReader;
import spiky.config.Setting;
import spiky.config.SettingType;
import spiky.config.SettingsTable;

/**
 * Every setting of the pipeline and its step procedures, each defined once: spiky.pipeline, the
 * PPMI, SVD, spike and sweep steps and the other procedures that share a key (concurrency) read it
 * from here, so a key has one name, type, range, default and description everywhere. The defaults
 * reproduce the paper's reference.
 */
public final class PipelineSettings {
    private PipelineSettings() {}

    /**
     * Threads by default: min(4, cores). Defined here, not in PipelineConfig, so that this class
     * needs nothing of PipelineConfig to initialise (PipelineConfig's table needs this class: a
     * cycle would leave one of them half-built, depending on which a JVM touches first).
     */
    static final int DEFAULT_CONCURRENCY = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));

    public static final Setting<Integer> MIN_COUNT = Setting.of("minCount", SettingType.Ints.atLeast(1),
            PpmiConfig.DEFAULTS.minCount(), "keep pairs co-occurring in at least this many contexts");
    public static final Setting<Integer> TOP_K = Setting.of("topK", SettingType.Ints.atLeast(1),
            PpmiConfig.DEFAULTS.topK(), "the rank filter: how many partners of an item are ranked in (see rankRule)");
    public static final Setting<RankRule> RANK_RULE = Setting.of("rankRule",
            new SettingType.Choice<>(List.of(RankRule.values()), RankRule::configName), PpmiConfig.DEFAULTS.rankRule(),
            "'sql' ranks each item's partners on one side of it as the reference SQL does, "
                    + "'mutual' ranks all partners and keeps a pair in both top-K lists");

    public static final Setting<Integer> RANK = Setting.of("rank", SettingType.Ints.in(1, 4096),
            SvdConfig.DEFAULTS.rank(), "f, the number of singular triplets the SVD keeps");
    public static final Setting<Integer> OVERSAMPLING = Setting.of("oversampling", SettingType.Ints.in(0, 1024),
            SvdConfig.DEFAULTS.oversampling(), "extra random directions: the sketch has rank + oversampling columns");
    public static final Setting<Integer> POWER_ITERATIONS = Setting.of("powerIterations", SettingType.Ints.in(0, 100),
            SvdConfig.DEFAULTS.powerIterations(), "power iterations of 'randomized', or for 'block-krylov' the size of its Krylov basis");
    public static final Setting<Long> SEED = Setting.of("seed", SettingType.Longs.any(), SvdConfig.DEFAULTS.seed(),
            "seeds the random starting block: a seed always gives the same result");
    public static final Setting<SvdMethod> METHOD = Setting.of("method",
            new SettingType.Choice<>(List.of(SvdMethod.values()), SvdMethod::configName), SvdConfig.DEFAULTS.method(),
            "'block-krylov' (block Lanczos: more accurate and faster) or 'randomized' (Halko et al., as scikit-learn, "
                    + "the paper's procedure)");
    public static final Setting<Double> SIGMA_POWER = Setting.of("sigmaPower", SettingType.Doubles.closed(-4, 4), 1.0,
            "p in E = U·Σ^p");

    public static final Setting<List<Integer>> SPK_DIMS = Setting.of("spkDims", SettingType.IntList.upToRank(1),
            SpikeConfig.DEFAULTS.dims(), "the f' of the Spk table, each on the first f' columns of E (the default list stops at the rank)");
    public static final Setting<Double> COS_THETA = Setting.of("cosTheta", new SettingType.Doubles(-1, true, 1, true),
            SpikeConfig.DEFAULTS.cosTheta(), "a peak covers the uncovered items whose cosine with it is above this");
    public static final Setting<Double> RHO = Setting.of("rho", new SettingType.Doubles(0, true, 1, false),
            SpikeConfig.DEFAULTS.rho(), "the cover stops once more than rho·n items are covered");

    public static final Setting<Integer> CONCURRENCY = Setting.described("concurrency", SettingType.Ints.in(1, 256),
            DEFAULT_CONCURRENCY, "min(4, cores)", "threads");

    public static final Setting<Boolean> WRITE_PPMI = Setting.of("writePpmi", new SettingType.Bools(), true,
            "write (:Item)-[:PPMI {weight, count, run}]->(:Item), unless the dataset already keeps this matrix (its current "
                    + "set or a finished run's, same settings and fingerprint): then the run's ppmiRun names that set and "
                    + "ppmiRelationships is 0. A set stays as long as a run names it, so a finished run's reports "
                    + "(spiky.degrees, spiky.dcbm.fit, baselines) never change, and a run without a set reports PPMI degrees of 0");
    public static final Setting<Long> MAX_PPMI_RELATIONSHIPS = Setting.of("maxPpmiRelationships",
            new SettingType.Longs(0, Long.MAX_VALUE), PipelineConfig.DEFAULT_MAX_PPMI_RELATIONSHIPS,
            "above this many pairs only each item's ppmiGraphTopK strongest pairs are written as relationships, and the whole "
                    + "matrix goes to a file beside the store (<home>/spiky-ppmi/) from which the reports read it");
    public static final Setting<Integer> PPMI_GRAPH_TOP_K = Setting.of("ppmiGraphTopK", SettingType.Ints.in(0, 100_000), 10,
            "above maxPpmiRelationships pairs: a pair is written when it is among the ppmiGraphTopK largest weights of either "
                    + "of its items (ties: the partner first in item order), 0 writes no relationship (the file still holds the "
                    + "matrix). The reports (degrees, communities, truth, fitted DCBM) read the whole matrix from the file, the "
                    + "GDS baselines and Cypher see the top-k graph");
    public static final Setting<Long> UNTIL = Setting.described("until", new SettingType.Moment(), null, "none",
            "only interactions with a timestamp up to this moment count: the dataset as it was then");

    public static final Setting<Integer> STEP = Setting.of("step", SettingType.Ints.upToRank(1), 1,
            "measure every step-th f' (step, 2·step, ..., and maxF)");
    public static final Setting<Integer> MAX_F = Setting.described("maxF", SettingType.Ints.upToRank(1), null, "the run's rank",
            "the largest f'");

    /** The PPMI settings, recorded from a {@link PpmiConfig}. */
    public static final SettingsTable<PpmiConfig> PPMI = SettingsTable.<PpmiConfig>empty()
            .with(MIN_COUNT, PpmiConfig::minCount)
            .with(TOP_K, PpmiConfig::topK)
            .with(RANK_RULE, PpmiConfig::rankRule);

    /** The SVD settings, recorded from an {@link SvdConfig}. */
    public static final SettingsTable<SvdConfig> SVD = SettingsTable.<SvdConfig>empty()
            .with(RANK, SvdConfig::rank)
            .with(OVERSAMPLING, SvdConfig::oversampling)
            .with(POWER_ITERATIONS, SvdConfig::powerIterations)
            .with(SEED, SvdConfig::seed)
            .with(METHOD, SvdConfig::method);

    /** The Spk settings, recorded from a {@link SpikeConfig}. */
    public static final SettingsTable<SpikeConfig> SPIKES = SettingsTable.<SpikeConfig>empty()
            .with(SPK_DIMS, SpikeConfig::dims)
            .with(COS_THETA, SpikeConfig::cosTheta)
            .with(RHO, SpikeConfig::rho);

    static PpmiConfig readPpmi(ConfigReader c) {
        return new PpmiConfig(MIN_COUNT.read(c), TOP_K.read(c), RANK_RULE.read(c));
    }

    static SvdConfig readSvd(ConfigReader c) {
        return new SvdConfig(RANK.read(c), OVERSAMPLING.read(c), POWER_ITERATIONS.read(c), SEED.read(c), METHOD.read(c));
    }

    /** spkDims, cosTheta and rho for embeddings of {@code rank} columns: each f' in [1, rank]. */
    static SpikeConfig readSpikes(ConfigReader c, int rank) {
        List<Integer> dims = SPK_DIMS.read(c, rank);
        if (!c.has(SPK_DIMS.name()) && rank < SpikeConfig.DEFAULTS.dims().get(SpikeConfig.DEFAULTS.dims().size() - 1)) {
            // The default list stops at the rank: rank 64 gives Spk at 16, 32, 64.
            List<Integer> kept = dims.stream().filter(f -> f <= rank).toList();
            dims = kept.isEmpty() ? List.of(rank) : kept;
        }
        return new SpikeConfig(dims, COS_THETA.read(c), RHO.read(c));
    }
}
