package spiky.proc;

/**
 * The documentation of the config keys, one fragment per subset, so that spiky.pipeline and the
 * step procedures describe a key in the same words (the keys themselves are shared through
 * PipelineConfig).
 */
final class ConfigDocs {
    private ConfigDocs() {}

    static final String HEAD = "Config keys (defaults reproduce the paper's reference): ";
    static final String PPMI = "minCount (2): keep pairs co-occurring in at least this many contexts; "
            + "topK (2000): rank filter; rankRule ('sql'): 'sql' ranks each item's partners on one side of it as the reference SQL does, "
            + "'mutual' ranks all partners and keeps a pair in both top-K lists; ";
    static final String SVD = "rank (128): f, the SVD rank; oversampling (10); powerIterations (7); seed (42); "
            + "method ('randomized'): 'randomized' (Halko et al., as scikit-learn) or 'block-krylov'; ";
    static final String SIGMA_POWER = "sigmaPower (1.0): p in E = U·Σ^p; ";
    static final String SPIKES = "spkDims ([16, 32, 64, 128]): the f' of the Spk table; cosTheta (0.9); rho (0.5); ";
    static final String CONCURRENCY = "concurrency (min(4, cores))";
    static final String MAX_PPMI = "maxPpmiRelationships (2000000)";
}
