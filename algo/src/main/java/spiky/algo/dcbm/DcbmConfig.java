package spiky.algo.dcbm;

import java.util.List;
import java.util.Map;
import spiky.InvalidInputException;
import spiky.config.ConfigReader;
import spiky.config.Setting;
import spiky.config.SettingType;
import spiky.config.SettingsTable;

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

    public static final Setting<Integer> COMMUNITIES = Setting.of("communities", SettingType.Ints.in(1, MAX_COMMUNITIES),
            DEFAULT_COMMUNITIES, "planted communities");
    public static final Setting<Integer> ITEMS = Setting.of("items", SettingType.Ints.in(1, MAX_ITEMS), DEFAULT_ITEMS,
            "items to create, at least communities");
    public static final Setting<Integer> CONTEXTS = Setting.of("contexts", SettingType.Ints.in(1, MAX_CONTEXTS), DEFAULT_CONTEXTS,
            "contexts to create (contexts × maxLength must not exceed " + MAX_SLOTS + ")");
    public static final Setting<Double> MIX = Setting.of("mix", SettingType.Doubles.closed(0, 1), DEFAULT_MIX,
            "expected share of slots outside the home community");
    public static final Setting<Double> EXPONENT = Setting.of("exponent", SettingType.Doubles.closed(MIN_EXPONENT, MAX_EXPONENT),
            DEFAULT_EXPONENT, "tail index alpha of theta, P(theta > x) = (x/thetaMin)^-alpha");
    public static final Setting<Double> THETA_MIN = Setting.of("thetaMin", SettingType.Doubles.closed(MIN_THETA, MAX_THETA),
            DEFAULT_THETA_MIN, "smallest theta (a scale only: interactions do not depend on it)");
    public static final Setting<Integer> MIN_LENGTH = Setting.of("minLength", SettingType.Ints.in(1, MAX_LENGTH), DEFAULT_MIN_LENGTH,
            "fewest slots of a context");
    public static final Setting<Integer> MAX_LENGTH_SETTING = Setting.of("maxLength", SettingType.Ints.in(1, MAX_LENGTH),
            DEFAULT_MAX_LENGTH, "most slots of a context, at least minLength");
    public static final Setting<Long> SEED = Setting.of("seed", SettingType.Longs.any(), DEFAULT_SEED,
            "the same config always gives the same dataset");

    /** The generator's keys, in the order the Dataset node records them (as dcbm.{key}). */
    public static final SettingsTable<DcbmConfig> SETTINGS = SettingsTable.<DcbmConfig>empty()
            .with(COMMUNITIES, DcbmConfig::communities)
            .with(ITEMS, DcbmConfig::items)
            .with(CONTEXTS, DcbmConfig::contexts)
            .with(MIX, DcbmConfig::mix)
            .with(EXPONENT, DcbmConfig::exponent)
            .with(THETA_MIN, DcbmConfig::thetaMin)
            .with(MIN_LENGTH, DcbmConfig::minLength)
            .with(MAX_LENGTH_SETTING, DcbmConfig::maxLength)
            .with(SEED, DcbmConfig::seed);

    public static final List<String> KEYS = SETTINGS.keys();

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
        return read(SETTINGS.reader(map));
    }

    /** Reads the DCBM keys from a reader that may also accept other keys (e.g. the procedure's 'replace'). */
    public static DcbmConfig read(ConfigReader c) {
        return new DcbmConfig(COMMUNITIES.read(c), ITEMS.read(c), CONTEXTS.read(c), MIX.read(c), EXPONENT.read(c), THETA_MIN.read(c),
                MIN_LENGTH.read(c), MAX_LENGTH_SETTING.read(c), SEED.read(c));
    }

    /** The parameters under their configuration keys, in {@link #KEYS} order; {@link #from} reads it back. */
    public Map<String, Object> toMap() {
        return SETTINGS.toMap(this);
    }
}
