package spiky.algo.generate;

import java.util.List;
import java.util.Map;
import spiky.InvalidInputException;
import spiky.config.ConfigReader;
import spiky.config.Setting;
import spiky.config.SettingType;
import spiky.config.SettingsTable;

/**
 * Parameters of {@link PlaylistGenerator}: playlists shaped like Spotify's Million Playlist Dataset
 * (1,000,000 playlists of 5–250 tracks, mean ≈ 66, about 2.26 M distinct tracks, created over
 * several years), drawn from a degree-corrected block model so that the planted truth is known.
 *
 * @param playlists   playlists (contexts) to draw; playlist j (0-based, id {@code j + 1}) is the j-th in time
 * @param tracks      the pool of tracks (items), track i with id {@code i + 1}; a track no playlist picks is
 *                    not in the output, so the output holds fewer distinct tracks
 * @param communities K, the planted communities (genres, scenes)
 * @param communitySkew s: community c has the weight (c + 1)^(−s), its share of tracks and of playlists' homes
 * @param mix         probability that a slot of a playlist leaves its home community for another (chosen ∝ weight)
 * @param exponent    α, the tail index of a track's popularity θ (Pareto, P(θ > x) = x^(−α), x ≥ 1)
 * @param minLength   the fewest slots of a playlist
 * @param maxLength   the most slots of a playlist
 * @param meanLength  the mean slot count before the [minLength, maxLength] clamp; lengths are log-normal
 *                    (spread σ = {@link #LENGTH_SPREAD}), which gives MPD's long right tail
 * @param catalogue   share of the pool released before the first playlist; the rest is released
 *                    at an even pace over the years, in id order, and is only picked once released
 * @param firstTime   epoch seconds of the first playlist
 * @param years       span of the playlists' timestamps, in years (365 days)
 * @param seed        seeds everything: a configuration always generates the same playlists
 */
public record PlaylistConfig(
        int playlists,
        int tracks,
        int communities,
        double communitySkew,
        double mix,
        double exponent,
        int minLength,
        int maxLength,
        double meanLength,
        double catalogue,
        long firstTime,
        int years,
        long seed) {

    public static final int DEFAULT_PLAYLISTS = 1_000_000;
    /**
     * The defaults below were tuned (measured, see the README) so that the output has MPD's shape:
     * 65.6 M distinct (track, playlist) pairs, 2.24 M distinct tracks, the most popular in 52,616 playlists.
     */
    public static final int DEFAULT_TRACKS = 2_330_000;
    public static final int DEFAULT_COMMUNITIES = 1000;
    public static final double DEFAULT_COMMUNITY_SKEW = 0.8;
    public static final double DEFAULT_MIX = 0.2;
    public static final double DEFAULT_EXPONENT = 1.4;
    public static final int DEFAULT_MIN_LENGTH = 5;
    public static final int DEFAULT_MAX_LENGTH = 250;
    /** Slots, before the clamp and before repeats collapse (about 11 % at the defaults): 66 distinct tracks a playlist. */
    public static final double DEFAULT_MEAN_LENGTH = 77;
    public static final double DEFAULT_CATALOGUE = 0.4;
    /** 2011-01-01T00:00:00Z, MPD's playlists were edited between 2010 and 2017. */
    public static final long DEFAULT_FIRST_TIME = 1_293_840_000L;
    public static final int DEFAULT_YEARS = 6;
    public static final long DEFAULT_SEED = 42;

    /** σ of the log-normal playlist length. */
    public static final double LENGTH_SPREAD = 0.8;
    public static final int MAX_PLAYLISTS = 100_000_000;
    public static final int MAX_TRACKS = 200_000_000;
    public static final int MAX_LENGTH = 100_000;

    public static final Setting<Integer> PLAYLISTS = Setting.of("playlists", SettingType.Ints.in(1, MAX_PLAYLISTS),
            DEFAULT_PLAYLISTS, "playlists to draw, one after the other in time");
    public static final Setting<Integer> TRACKS = Setting.of("tracks", SettingType.Ints.in(1, MAX_TRACKS), DEFAULT_TRACKS,
            "the pool of tracks (a track no playlist picks is not in the output)");
    public static final Setting<Integer> COMMUNITIES = Setting.of("communities", SettingType.Ints.in(1, 1_000_000),
            DEFAULT_COMMUNITIES, "planted communities");
    public static final Setting<Double> COMMUNITY_SKEW = Setting.of("communitySkew", SettingType.Doubles.closed(0, 10),
            DEFAULT_COMMUNITY_SKEW, "community c weighs (c + 1)^-s in tracks and in playlists' homes (0: equal sizes)");
    public static final Setting<Double> MIX = Setting.of("mix", SettingType.Doubles.closed(0, 1), DEFAULT_MIX,
            "share of slots outside the playlist's home community");
    public static final Setting<Double> EXPONENT = Setting.of("exponent", SettingType.Doubles.closed(0.1, 100), DEFAULT_EXPONENT,
            "tail index alpha of a track's popularity theta, P(theta > x) = x^-alpha");
    public static final Setting<Integer> MIN_LENGTH = Setting.of("minLength", SettingType.Ints.in(1, MAX_LENGTH), DEFAULT_MIN_LENGTH,
            "fewest slots of a playlist");
    public static final Setting<Integer> MAX_LENGTH_SETTING = Setting.of("maxLength", SettingType.Ints.in(1, MAX_LENGTH),
            DEFAULT_MAX_LENGTH, "most slots of a playlist, at least minLength");
    public static final Setting<Double> MEAN_LENGTH = Setting.of("meanLength", SettingType.Doubles.closed(1, MAX_LENGTH),
            DEFAULT_MEAN_LENGTH, "mean of the log-normal slot count before the clamp, in [minLength, maxLength]");
    public static final Setting<Double> CATALOGUE = Setting.of("catalogue", SettingType.Doubles.closed(0, 1), DEFAULT_CATALOGUE,
            "share of the pool released before the first playlist (the rest over the years, in id order)");
    public static final Setting<Long> FIRST_TIME = Setting.of("firstTime", new SettingType.Longs(0, 4_102_444_800L),
            DEFAULT_FIRST_TIME, "epoch seconds of the first playlist");
    public static final Setting<Integer> YEARS = Setting.of("years", SettingType.Ints.in(1, 100), DEFAULT_YEARS,
            "span of the playlists' timestamps in years");
    public static final Setting<Long> SEED = Setting.of("seed", SettingType.Longs.any(), DEFAULT_SEED,
            "the same config always draws the same playlists");

    public static final SettingsTable<PlaylistConfig> SETTINGS = SettingsTable.<PlaylistConfig>empty()
            .with(PLAYLISTS, PlaylistConfig::playlists)
            .with(TRACKS, PlaylistConfig::tracks)
            .with(COMMUNITIES, PlaylistConfig::communities)
            .with(COMMUNITY_SKEW, PlaylistConfig::communitySkew)
            .with(MIX, PlaylistConfig::mix)
            .with(EXPONENT, PlaylistConfig::exponent)
            .with(MIN_LENGTH, PlaylistConfig::minLength)
            .with(MAX_LENGTH_SETTING, PlaylistConfig::maxLength)
            .with(MEAN_LENGTH, PlaylistConfig::meanLength)
            .with(CATALOGUE, PlaylistConfig::catalogue)
            .with(FIRST_TIME, PlaylistConfig::firstTime)
            .with(YEARS, PlaylistConfig::years)
            .with(SEED, PlaylistConfig::seed);

    public static final List<String> KEYS = SETTINGS.keys();

    public static final PlaylistConfig DEFAULTS = from(Map.of());

    /** Checks what single-key ranges cannot: how the keys relate. */
    public PlaylistConfig {
        if (minLength > maxLength) {
            throw InvalidInputException.parameter("minLength", minLength + " is greater than maxLength (" + maxLength + ")");
        }
        if (meanLength < minLength || meanLength > maxLength) {
            throw InvalidInputException.parameter("meanLength",
                    meanLength + " is outside [minLength, maxLength] = [" + minLength + ", " + maxLength + "]");
        }
        if ((long) Math.floor(tracks * catalogue) < communities) {
            throw InvalidInputException.parameter("catalogue", "tracks × catalogue = " + tracks + " × " + catalogue
                    + " is fewer than communities (" + communities + "): every community needs a track to pick at the first playlist");
        }
    }

    /** Reads a configuration map whose keys are exactly {@link #KEYS} (absent keys take their defaults). */
    public static PlaylistConfig from(Map<String, ?> map) {
        ConfigReader c = SETTINGS.reader(map);
        return new PlaylistConfig(PLAYLISTS.read(c), TRACKS.read(c), COMMUNITIES.read(c), COMMUNITY_SKEW.read(c), MIX.read(c),
                EXPONENT.read(c), MIN_LENGTH.read(c), MAX_LENGTH_SETTING.read(c), MEAN_LENGTH.read(c), CATALOGUE.read(c),
                FIRST_TIME.read(c), YEARS.read(c), SEED.read(c));
    }

    /** The parameters under their configuration keys, in {@link #KEYS} order; {@link #from} reads it back. */
    public Map<String, Object> toMap() {
        return SETTINGS.toMap(this);
    }
}
