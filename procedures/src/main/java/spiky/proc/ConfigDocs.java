package spiky.proc;

/**
 * The documentation of each procedure's config keys, as its settings table renders it
 * ({@link spiky.config.SettingsTable#render}). A procedure's {@code @Description} must be a
 * compile-time constant, so the rendered text is kept here as literals; ConfigDocsTest fails when
 * a literal differs from what its table renders, and prints the literal to put here.
 */
final class ConfigDocs {
    private ConfigDocs() {}

    static final String HEAD = "Config keys: ";

    // Generated from the settings tables: see ConfigDocsTest. Do not edit by hand.
    static final String PIPELINE = "minCount (default 2, in [1, ∞)): keep pairs co-occurring in at least this many contexts; topK (default 2000, "
            + "in [1, ∞)): the rank filter: how many partners of an item are ranked in (see rankRule); rankRule (default "
            + "'sql', one of 'sql', 'mutual'): 'sql' ranks each item's partners on one side of it as the reference SQL does, "
            + "'mutual' ranks all partners and keeps a pair in both top-K lists; rank (default 128, in [1, 4096]): f, the "
            + "number of singular triplets the SVD keeps; oversampling (default 10, in [0, 1024]): extra random directions: "
            + "the sketch has rank + oversampling columns; powerIterations (default 7, in [0, 100]): power iterations of "
            + "'randomized', or for 'block-krylov' the size of its Krylov basis; seed (default 42, any integer): seeds the "
            + "random starting block: a seed always gives the same result; method (default 'block-krylov', one of "
            + "'randomized', 'block-krylov'): 'block-krylov' (block Lanczos: more accurate and faster) or 'randomized' (Halko "
            + "et al., as scikit-learn, the paper's procedure); sigmaPower (default 1.0, in [-4, 4]): p in E = U·Σ^p; spkDims "
            + "(default [16, 32, 64, 128], a list of integers, each in [1, rank]): the f' of the Spk table, each on the first "
            + "f' columns of E (the default list stops at the rank); cosTheta (default 0.9, in (-1, 1)): a peak covers the "
            + "uncovered items whose cosine with it is above this; rho (default 0.5, in (0, 1]): the cover stops once more "
            + "than rho·n items are covered; concurrency (default min(4, cores), in [1, 256]): threads; writePpmi (default "
            + "true): write (:Item)-[:PPMI {weight, count, run}]->(:Item), unless the dataset already keeps this matrix (its "
            + "current set or a finished run's, same settings and fingerprint): then the run's ppmiRun names that set and "
            + "ppmiRelationships is 0. A set stays as long as a run names it, so a finished run's reports (spiky.degrees, "
            + "spiky.dcbm.fit, baselines) never change, and a run without a set reports PPMI degrees of 0; "
            + "maxPpmiRelationships (default 2000000, in [0, ∞)): above this many pairs only each item's ppmiGraphTopK "
            + "strongest pairs are written as relationships, and the whole matrix goes to a file beside the store "
            + "(<home>/spiky-ppmi/) from which the reports read it; ppmiGraphTopK (default 10, in [0, 100000]): above "
            + "maxPpmiRelationships pairs: a pair is written when it is among the ppmiGraphTopK largest weights of either of "
            + "its items (ties: the partner first in item order), 0 writes no relationship (the file still holds the matrix). "
            + "The reports (degrees, communities, truth, fitted DCBM) read the whole matrix from the file, the GDS baselines "
            + "and Cypher see the top-k graph; until (default none, a moment: epoch seconds, an ISO-8601 date or date-time, "
            + "or a Cypher date): only interactions with a timestamp up to this moment count: the dataset as it was then";
    static final String PPMI = "minCount (default 2, in [1, ∞)): keep pairs co-occurring in at least this many contexts; topK (default 2000, "
            + "in [1, ∞)): the rank filter: how many partners of an item are ranked in (see rankRule); rankRule (default "
            + "'sql', one of 'sql', 'mutual'): 'sql' ranks each item's partners on one side of it as the reference SQL does, "
            + "'mutual' ranks all partners and keeps a pair in both top-K lists; concurrency (default min(4, cores), in [1, "
            + "256]): threads";
    static final String PPMI_WRITE = "minCount (default 2, in [1, ∞)): keep pairs co-occurring in at least this many contexts; topK (default 2000, "
            + "in [1, ∞)): the rank filter: how many partners of an item are ranked in (see rankRule); rankRule (default "
            + "'sql', one of 'sql', 'mutual'): 'sql' ranks each item's partners on one side of it as the reference SQL does, "
            + "'mutual' ranks all partners and keeps a pair in both top-K lists; concurrency (default min(4, cores), in [1, "
            + "256]): threads; maxPpmiRelationships (default 2000000, in [0, ∞)): above this many pairs only each item's "
            + "ppmiGraphTopK strongest pairs are written as relationships, and the whole matrix goes to a file beside the "
            + "store (<home>/spiky-ppmi/) from which the reports read it";
    static final String SVD = "rank (default 128, in [1, 4096]): f, the number of singular triplets the SVD keeps; oversampling (default 10, "
            + "in [0, 1024]): extra random directions: the sketch has rank + oversampling columns; powerIterations (default "
            + "7, in [0, 100]): power iterations of 'randomized', or for 'block-krylov' the size of its Krylov basis; seed "
            + "(default 42, any integer): seeds the random starting block: a seed always gives the same result; method "
            + "(default 'block-krylov', one of 'randomized', 'block-krylov'): 'block-krylov' (block Lanczos: more accurate "
            + "and faster) or 'randomized' (Halko et al., as scikit-learn, the paper's procedure); sigmaPower (default 1.0, "
            + "in [-4, 4]): p in E = U·Σ^p; concurrency (default min(4, cores), in [1, 256]): threads";
    static final String SPIKES = "spkDims (default [16, 32, 64, 128], a list of integers, each in [1, rank]): the f' of the Spk table, each on "
            + "the first f' columns of E (the default list stops at the rank); cosTheta (default 0.9, in (-1, 1)): a peak "
            + "covers the uncovered items whose cosine with it is above this; rho (default 0.5, in (0, 1]): the cover stops "
            + "once more than rho·n items are covered; concurrency (default min(4, cores), in [1, 256]): threads";
    static final String SWEEP = "step (default 1, in [1, rank]): measure every step-th f' (step, 2·step, ..., and maxF); maxF (default the "
            + "run's rank, in [1, rank]): the largest f'; cosTheta (default 0.9, in (-1, 1)): a peak covers the uncovered "
            + "items whose cosine with it is above this; rho (default 0.5, in (0, 1]): the cover stops once more than rho·n "
            + "items are covered; concurrency (default min(4, cores), in [1, 256]): threads";
    static final String SIMILAR = "run (default the item's dataset's latestRun): a finished run of the item's dataset; k (default 10, in [1, "
            + "10000]): how many items; metric (default 'cosine', one of 'cosine', 'dot'): 'dot' is the dot product, which "
            + "favours items with long vectors; f (default the run's rank, in [1, ∞)): compare the first f coordinates only; "
            + "concurrency (default min(4, cores), in [1, 256]): threads";
    static final String FORECAST = "runs (default every finished snapshot run of the dataset, by until, a non-empty list of run ids): the snapshot "
            + "runs to learn from, at least 3; k (default 50, in [1, 10000]): length of each similar-items list; metric "
            + "(default 'cosine', one of 'cosine', 'dot'): the similarity of the lists; sample (default 2000, in [1, "
            + "10000000]): about this many items per earlier snapshot pair, the same items in each (seeded hash of the id), "
            + "the last pair uses all; model (default 'regression', one of 'regression', 'isotonic', 'bins', 'mean', 'auto'): "
            + "'regression' (ridge on norm quantile, its square, log interactions, covered, gap, lag), 'isotonic' (in norm "
            + "quantile), 'bins' (mean per norm-quantile bin), 'mean', or 'auto' (lowest backtest mae); lag (default 'auto', "
            + "one of 'auto', 'yes', 'no'): 'auto' keeps the item's previous Jaccard as a feature when it lowers the "
            + "regression's backtest mae; bins (default 10, in [1, 1000]): equal-width bins of norm quantile for the 'bins' "
            + "model; ridge (default 1.0, in [0, 1000000000]): the regression's L2 penalty on standardised features; gapDays "
            + "(default the last gap between snapshots, in [0.000001, 1000000]): the gap to forecast for, in days; seed "
            + "(default 42, any integer): seed of the item sample; concurrency (default min(4, cores), in [1, 256]): threads";
    static final String DCBM = "communities (default 8, in [1, 10000]): planted communities; items (default 2000, in [1, 10000000]): items to "
            + "create, at least communities; contexts (default 5000, in [1, 10000000]): contexts to create (contexts × "
            + "maxLength must not exceed 50000000); mix (default 0.1, in [0, 1]): expected share of slots outside the home "
            + "community; exponent (default 1.5, in [0.1, 100]): tail index alpha of theta, P(theta > x) = "
            + "(x/thetaMin)^-alpha; thetaMin (default 1.0, in [0.000001, 1000000]): smallest theta (a scale only: "
            + "interactions do not depend on it); minLength (default 10, in [1, 100000]): fewest slots of a context; "
            + "maxLength (default 50, in [1, 100000]): most slots of a context, at least minLength; seed (default 42, any "
            + "integer): the same config always gives the same dataset; replace (default false): replace an existing dataset "
            + "of that name instead of failing";
    static final String DCBM_FIT = "f (default the smallest f' of the run's Spk table, in [1, ∞)): which spike properties (spike<f'>); weight "
            + "(default 'count', one of 'count', 'ppmi'): what an edge weighs: its co-occurrence count or its PPMI value; "
            + "blocks (default 20, in [1, 200]): how many of the largest spikes to list";
    static final String DEGREES = "f (default none, in [1, ∞)): an f' of the run's Spk table: adds each item's spike and intraDegree at f'";
    static final String SNAPSHOTS = "cuts (default none, a non-empty list of moments (epoch seconds, ISO-8601 dates or date-times, Cypher dates)): "
            + "the moments, one run each (or every with from); every (default none): an ISO-8601 period such as 'P1Y': a run "
            + "every period from from up to to; from (default none, a moment: epoch seconds, an ISO-8601 date or date-time, "
            + "or a Cypher date): the first moment, with every; to (default the dataset's latest timestamp, a moment: epoch "
            + "seconds, an ISO-8601 date or date-time, or a Cypher date): the last moment, with every";
    static final String STABILITY = "partitions (default 5, in [1, 100]): equal-size quantiles of the reference run's norms; sample (default 1000, "
            + "in [1, 1000000]): items drawn per partition, seeded; k (default 500, in [1, 100000]): length of each "
            + "similar-items list, among the candidates of the item's partition; metric (default 'both', one of 'cosine', "
            + "'dot', 'both'): the similarity of the lists, or both; seed (default 42, any integer): seed of the "
            + "per-partition samples; concurrency (default min(4, cores), in [1, 256]): threads";
}
