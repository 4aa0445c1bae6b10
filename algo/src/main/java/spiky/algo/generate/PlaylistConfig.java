package spiky.algo.generate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import spiky.InvalidInputException;
import spiky.config.ConfigReader;

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

    public static final List<String> KEYS = List.of("playlists", "tracks", "communities", "communitySkew", "mix", "exponent",
            "minLength", "maxLength", "meanLength", "catalogue", "firstTime", "years", "seed");

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
        ConfigReader c = new ConfigReader(map, KEYS);
        return new PlaylistConfig(
                c.intIn("playlists", DEFAULT_PLAYLISTS, 1, MAX_PLAYLISTS),
                c.intIn("tracks", DEFAULT_TRACKS, 1, MAX_TRACKS),
                c.intIn("communities", DEFAULT_COMMUNITIES, 1, 1_000_000),
                c.doubleIn("communitySkew", DEFAULT_COMMUNITY_SKEW, 0, 10),
                c.doubleIn("mix", DEFAULT_MIX, 0, 1),
                c.doubleIn("exponent", DEFAULT_EXPONENT, 0.1, 100),
                c.intIn("minLength", DEFAULT_MIN_LENGTH, 1, MAX_LENGTH),
                c.intIn("maxLength", DEFAULT_MAX_LENGTH, 1, MAX_LENGTH),
                c.doubleIn("meanLength", DEFAULT_MEAN_LENGTH, 1, MAX_LENGTH),
                c.doubleIn("catalogue", DEFAULT_CATALOGUE, 0, 1),
                c.longIn("firstTime", DEFAULT_FIRST_TIME, 0, 4_102_444_800L),
                c.intIn("years", DEFAULT_YEARS, 1, 100),
                c.longIn("seed", DEFAULT_SEED, Long.MIN_VALUE, Long.MAX_VALUE));
    }

    /** The parameters under their configuration keys, in {@link #KEYS} order; {@link #from} reads it back. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("playlists", (long) playlists);
        m.put("tracks", (long) tracks);
        m.put("communities", (long) communities);
        m.put("communitySkew", communitySkew);
        m.put("mix", mix);
        m.put("exponent", exponent);
        m.put("minLength", (long) minLength);
        m.put("maxLength", (long) maxLength);
        m.put("meanLength", meanLength);
        m.put("catalogue", catalogue);
        m.put("firstTime", firstTime);
        m.put("years", (long) years);
        m.put("seed", seed);
        return m;
    }
}
