package spiky.algo.ppmi;

/**
 * Settings of the PPMI matrix.
 *
 * @param minCount pairs co-occurring in fewer contexts are dropped before ranking (the reference: 2)
 * @param topK     the rank cut (the reference: 2000); see {@link RankRule} for how it is applied
 * @param rankRule which partners an item ranks and where the cut falls
 */
public record PpmiConfig(int minCount, int topK, RankRule rankRule) {

    /** The paper's reference: count ≥ 2, the SQL rank rule with topK 2000. */
    public static final PpmiConfig DEFAULTS = new PpmiConfig(2, 2000, RankRule.SQL);

    /** Argument checks; the user-facing keys and their ranges are in spiky.algo.pipeline.PipelineSettings. */
    public PpmiConfig {
        if (minCount < 1) {
            throw new IllegalArgumentException("minCount must be at least 1, got " + minCount);
        }
        if (topK < 1) {
            throw new IllegalArgumentException("topK must be at least 1, got " + topK);
        }
        if (rankRule == null) {
            throw new IllegalArgumentException("rankRule is null");
        }
    }

    /** How many partners an item keeps in one ranked list: topK − 1 per side for SQL, topK for mutual. */
    int perListLimit() {
        return rankRule == RankRule.SQL ? topK - 1 : topK;
    }
}
