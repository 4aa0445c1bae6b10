package spiky.algo.dcbm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import spiky.InvalidInputException;
import spiky.config.ConfigReader;

/**
 * Parameters of the assortative degree-corrected block model that {@link DcbmGenerator} samples.
 *
 * @param communities K, the number of planted communities; items are dealt round-robin into them
 * @param items       items to create; an item that no slot picks has no interaction and is not in the output
 * @param contexts    contexts (playlists, users) to create; each gets at least minLength slots
 * @param mix         probability that a slot leaves its context's home community for one of the
 *                    K − 1 others (chosen uniformly), so the expected share of off-home slots is exactly mix;
 *                    with K = 1 there is nowhere to go and mix has no effect
 * @param exponent    α, the tail index of θ: P(θ > x) = (x / thetaMin)^(−α) for x ≥ thetaMin (density ∝ θ^(−α−1));
 *                    smaller α gives heavier-tailed, spikier popularity (α ≤ 1 has no finite mean)
 * @param thetaMin    the scale (smallest value) of θ; within a community items are picked ∝ θ, so it
 *                    changes only the recorded θ values, never the interactions
 * @param minLength   the fewest slots of a context
 * @param maxLength   the most slots of a context; each context's slot count is uniform in
 *                    [minLength, maxLength]. Slots that pick an item twice collapse into one interaction
 * @param seed        seeds everything: a configuration always generates the same dataset
 */
public record DcbmConfig(
        int communities,
        int items,
        int contexts,
        double mix,
        double exponent,
        double thetaMin,
        int minLength,
        int maxLength,
        long seed) {

    // Compile-time constants, so that the procedure's @Description can quote them.
    public static final int DEFAULT_COMMUNITIES = 8;
    public static final int DEFAULT_ITEMS = 2000;
    public static final int DEFAULT_CONTEXTS = 5000;
    public static final double DEFAULT_MIX = 0.1;
    public static final double DEFAULT_EXPONENT = 1.5;
    public static final double DEFAULT_THETA_MIN = 1.0;
    public static final int DEFAULT_MIN_LENGTH = 10;
    public static final int DEFAULT_MAX_LENGTH = 50;
    public static final long DEFAULT_SEED = 42;

    public static final int MAX_COMMUNITIES = 10_000;
    public static final int MAX_ITEMS = 10_000_000;
    public static final int MAX_CONTEXTS = 10_000_000;
    public static final int MAX_LENGTH = 100_000;
    public static final double MIN_EXPONENT = 0.1;
    public static final double MAX_EXPONENT = 100;
    public static final double MIN_THETA = 1e-6;
    public static final double MAX_THETA = 1e6;
    /** Bounds contexts × maxLength: every slot is held in memory before the dataset is written. */
    public static final long MAX_SLOTS = 50_000_000L;

    public static final List<String> KEYS = List.of(
            "communities", "items", "contexts", "mix", "exponent", "thetaMin", "minLength", "maxLength", "seed");

    public static final DcbmConfig DEFAULTS = new DcbmConfig(DEFAULT_COMMUNITIES, DEFAULT_ITEMS, DEFAULT_CONTEXTS,
            DEFAULT_MIX, DEFAULT_EXPONENT, DEFAULT_THETA_MIN, DEFAULT_MIN_LENGTH, DEFAULT_MAX_LENGTH, DEFAULT_SEED);

    /** Checks what single-key ranges cannot: how the keys relate. */
    public DcbmConfig {
        if (items < communities) {
            throw InvalidInputException.parameter("items",
                    items + " is fewer than communities (" + communities + "): every community needs at least one item");
        }
        if (minLength > maxLength) {
            throw InvalidInputException.parameter("minLength",
                    minLength + " is greater than maxLength (" + maxLength + ")");
        }
        if ((long) contexts * maxLength > MAX_SLOTS) {
            throw InvalidInputException.parameter("contexts",
                    "contexts × maxLength = " + contexts + " × " + maxLength + " exceeds " + MAX_SLOTS
                            + " slots: lower contexts or maxLength");
        }
    }

    /** Reads a configuration map whose keys are exactly {@link #KEYS} (absent keys take their defaults). */
    public static DcbmConfig from(Map<String, ?> map) {
        return read(new ConfigReader(map, KEYS));
    }

    /** Reads the DCBM keys from a reader that may also accept other keys (e.g. the procedure's 'replace'). */
    public static DcbmConfig read(ConfigReader c) {
        return new DcbmConfig(
                c.intIn("communities", DEFAULT_COMMUNITIES, 1, MAX_COMMUNITIES),
                c.intIn("items", DEFAULT_ITEMS, 1, MAX_ITEMS),
                c.intIn("contexts", DEFAULT_CONTEXTS, 1, MAX_CONTEXTS),
                c.doubleIn("mix", DEFAULT_MIX, 0, 1),
                c.doubleIn("exponent", DEFAULT_EXPONENT, MIN_EXPONENT, MAX_EXPONENT),
                c.doubleIn("thetaMin", DEFAULT_THETA_MIN, MIN_THETA, MAX_THETA),
                c.intIn("minLength", DEFAULT_MIN_LENGTH, 1, MAX_LENGTH),
                c.intIn("maxLength", DEFAULT_MAX_LENGTH, 1, MAX_LENGTH),
                c.longIn("seed", DEFAULT_SEED, Long.MIN_VALUE, Long.MAX_VALUE));
    }

    /** The parameters under their configuration keys, in {@link #KEYS} order; {@link #from} reads it back. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("communities", (long) communities);
        m.put("items", (long) items);
        m.put("contexts", (long) contexts);
        m.put("mix", mix);
        m.put("exponent", exponent);
        m.put("thetaMin", thetaMin);
        m.put("minLength", (long) minLength);
        m.put("maxLength", (long) maxLength);
        m.put("seed", seed);
        return m;
    }
}
