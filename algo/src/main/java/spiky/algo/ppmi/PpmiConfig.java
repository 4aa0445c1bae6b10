package spiky.algo.ppmi;

import spiky.InvalidInputException;

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

    public PpmiConfig {
        if (minCount < 1) {
            throw InvalidInputException.parameter("minCount", minCount + " is not in the range [1, " + Integer.MAX_VALUE + "]");
        }
        if (topK < 1) {
            throw InvalidInputException.parameter("topK", topK + " is not in the range [1, " + Integer.MAX_VALUE + "]");
        }
        if (rankRule == null) {
            throw InvalidInputException.parameter("rankRule", "null is not one of [sql, mutual]");
        }
    }

    /** How many partners an item keeps in one ranked list: topK − 1 per side for SQL, topK for mutual. */
    int perListLimit() {
        return rankRule == RankRule.SQL ? topK - 1 : topK;
    }
}
