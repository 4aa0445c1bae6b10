package spiky.algo.ppmi;

import java.util.Arrays;
import java.util.Locale;
import spiky.InvalidInputException;

/**
 * How the top-K filter of the PPMI matrix ranks a pair's partners. Both order an item's partners
 * by co-occurrence count descending, ties broken by the partner's key ascending; they differ in
 * which partners an item ranks and in where the cut falls.
 *
 * <ul>
 *   <li>{@link #SQL} reproduces the paper's reference query ({@code ppmi.sql}) exactly. Each
 *   unordered pair is seen once as (t1, t2) with key(t1) &lt; key(t2). {@code row_number()} over
 *   the partition by t1 gives r1, over the partition by t2 gives r2, and the pair is kept when
 *   r1 &lt; topK AND r2 &lt; topK. So an item ranks its partners with a larger key (its t1 role) and
 *   those with a smaller key (its t2 role) as two separate lists, and keeps at most topK − 1 of
 *   each: up to 2·(topK − 1) partners, and which partners survive depends on the key order.</li>
 *   <li>{@link #MUTUAL} is the symmetric rule the paper describes in words: each item ranks ALL
 *   its partners in one list, and a pair is kept when each item is within the other's top topK
 *   (rank ≤ topK). An item keeps at most topK partners, whatever the key order.</li>
 * </ul>
 * On data where no item has more than topK − 1 partners on either side (MovieLens 100K at
 * topK = 2000) both keep every pair.
 */
public enum RankRule {
    SQL("sql"),
    MUTUAL("mutual");

    private final String configName;

    RankRule(String configName) {
        this.configName = configName;
    }

    /** The name used in configuration maps, the CLI and the run's record. */
    public String configName() {
        return configName;
    }

    /** Reads a configuration value: {@code sql} or {@code mutual} (case-insensitive). */
    public static RankRule parse(String value) {
        if (value != null) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            for (RankRule rule : values()) {
                if (rule.configName.equals(v)) {
                    return rule;
                }
            }
        }
        String shown = value == null ? "null" : "'" + value + "'";
        throw InvalidInputException.parameter("rankRule", shown + " is not one of "
                + Arrays.stream(values()).map(RankRule::configName).toList());
    }

    @Override
    public String toString() {
        return configName;
    }
}
