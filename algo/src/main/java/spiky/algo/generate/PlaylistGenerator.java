package spiky.algo.generate;

import java.util.SplittableRandom;
import spiky.Progress;

/**
 * Streams playlists shaped like Spotify's Million Playlist Dataset, drawn from an assortative
 * degree-corrected block model whose truth is known. Memory is a few arrays over the track pool
 * (about 32 bytes a track) and one playlist at a time, whatever the number of playlists.
 *
 * <ol>
 *   <li>Community c (0-based) has the weight (c + 1)^(−communitySkew): genres differ in size, in tracks
 *       and in playlists alike (skew 0 gives equal communities, as the DCBM generator's).
 *   <li>Track i (0-based, id {@code i + 1}) draws a popularity θ = u^(−1/α), u uniform in (0, 1] (Pareto
 *       with scale 1), and a community ∝ weight (track i &lt; K is in community i, so none is empty).
 *   <li>Tracks are released in id order: the first {@code catalogue} share before the first playlist,
 *       the rest at an even pace until the last; a playlist only picks released tracks, so the
 *       catalogue grows over time as a real one does.
 *   <li>Playlist j (the j-th in time, id {@code j + 1}) gets the timestamp {@code firstTime + j · span / playlists},
 *       a length L = clamp(round(exp(μ + σZ)), minLength, maxLength) with Z standard normal,
 *       σ = {@link PlaylistConfig#LENGTH_SPREAD} and μ = ln(meanLength) − σ²/2, and a home community ∝ weight.
 *   <li>Each of its L slots stays home with probability 1 − mix, else moves to another community
 *       ∝ weight, then picks a released track of that community with probability ∝ θ.
 *       A playlist is a set: a slot that picks a track already in it adds nothing.
 * </ol>
 * All randomness comes from one {@link SplittableRandom} seeded with the configuration's seed,
 * consumed in a fixed order.
 */
public final class PlaylistGenerator {
    private static final int PROGRESS_EVERY = 10_000;
    private static final long SECONDS_PER_YEAR = 365L * 86_400L;

    /** Receives each playlist once, in time order. */
    @FunctionalInterface
    public interface PlaylistSink {
        /**
         * @param playlist  0-based playlist index (its id is {@code playlist + 1})
         * @param timestamp epoch seconds
         * @param tracks    0-based track indices, distinct, in the order drawn; only the first {@code count} are valid
         */
        void accept(int playlist, long timestamp, int[] tracks, int count);
    }

    /**
     * What was drawn, with the truth of the pool.
     *
     * @param slots        slots drawn (before repeats in a playlist collapsed)
     * @param interactions distinct (track, playlist) pairs emitted
     * @param trackCounts  per pool track, the playlists that hold it (0 for a track never picked)
     * @param theta        per pool track, its popularity θ
     * @param community    per pool track, its planted community
     */
    public record Result(long slots, long interactions, int[] trackCounts, double[] theta, int[] community) {
        public int distinctTracks() {
            int n = 0;
            for (int c : trackCounts) {
                if (c > 0) {
                    n++;
                }
            }
            return n;
        }
    }

    private final PlaylistConfig config;
    private final Progress progress;

    public PlaylistGenerator(PlaylistConfig config, Progress progress) {
        this.config = config;
        this.progress = progress;
    }

    public Result generate(PlaylistSink sink) {
        SplittableRandom random = new SplittableRandom(config.seed());
        int pool = config.tracks();
        int k = config.communities();
        double[] weights = new double[k];
        for (int c = 0; c < k; c++) {
            weights[c] = Math.pow(c + 1, -config.communitySkew());
        }
        Cumulative byWeight = new Cumulative(weights);
        double[] theta = new double[pool];
        int[] community = new int[pool];
        for (int i = 0; i < pool; i++) {
            // 1 − nextDouble() lies in (0, 1], so θ is finite and at least 1.
            theta[i] = Math.pow(1.0 - random.nextDouble(), -1.0 / config.exponent());
            // The first K tracks, all released before the first playlist, give every community a track to pick.
            community[i] = i < k ? i : byWeight.draw(random);
        }
        Samplers samplers = new Samplers(theta, community, k);
        int[] trackCounts = new int[pool];
        int[] lastPlaylist = new int[pool];
        java.util.Arrays.fill(lastPlaylist, -1);

        int playlists = config.playlists();
        long released = (long) Math.floor(pool * config.catalogue());
        long span = config.years() * SECONDS_PER_YEAR;
        double sigma = PlaylistConfig.LENGTH_SPREAD;
        double mu = Math.log(config.meanLength()) - sigma * sigma / 2;
        int[] tracks = new int[config.maxLength()];
        long slots = 0;
        long interactions = 0;
        String stage = "generating playlists";
        for (int j = 0; j < playlists; j++) {
            // Tracks [0, eligible) are out by playlist j; the last playlist sees the whole pool.
            int eligible = (int) (released + (pool - released) * (j + 1L) / playlists);
            long timestamp = config.firstTime() + span * j / playlists;
            int length = (int) Math.max(config.minLength(),
                    Math.min(config.maxLength(), Math.round(Math.exp(mu + sigma * random.nextGaussian()))));
            int home = byWeight.draw(random);
            int count = 0;
            for (int s = 0; s < length; s++) {
                int c = home;
                if (k > 1 && random.nextDouble() < config.mix()) {
                    // Another community, in proportion to its weight: draw again until it is not home.
                    do {
                        c = byWeight.draw(random);
                    } while (c == home);
                }
                int track = samplers.draw(c, eligible, random);
                if (lastPlaylist[track] != j) {
                    lastPlaylist[track] = j;
                    trackCounts[track]++;
                    tracks[count++] = track;
                }
            }
            slots += length;
            interactions += count;
            sink.accept(j, timestamp, tracks, count);
            if ((j + 1) % PROGRESS_EVERY == 0) {
                progress.report(stage, j + 1, playlists);
            }
        }
        progress.report(stage, playlists, playlists);
        return new Result(slots, interactions, trackCounts, theta, community);
    }

    /** Draws an index with probability ∝ its weight, by binary search in the cumulative weights. */
    private static final class Cumulative {
        private final double[] sums;

        Cumulative(double[] weights) {
            sums = new double[weights.length];
            double sum = 0;
            for (int i = 0; i < weights.length; i++) {
                sum += weights[i];
                sums[i] = sum;
            }
        }

        int draw(SplittableRandom random) {
            return firstAbove(sums, 0, sums.length - 1, random.nextDouble() * sums[sums.length - 1]);
        }
    }

    /** The first position in [lo, hi] whose value exceeds x; values ascend and values[hi] > x. */
    private static int firstAbove(double[] values, int lo, int hi, double x) {
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (values[mid] > x) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    /**
     * Per community, its members in id (= release) order and their cumulative θ, all communities in
     * one pair of arrays (CSR): the members released by a playlist's time are a prefix, found by one
     * binary search, and a draw is a second one in that prefix's cumulative θ.
     */
    private static final class Samplers {
        private final int[] members;
        private final double[] cumulative;
        private final int[] offset;

        Samplers(double[] theta, int[] community, int k) {
            int pool = theta.length;
            offset = new int[k + 1];
            for (int c : community) {
                offset[c + 1]++;
            }
            for (int c = 0; c < k; c++) {
                offset[c + 1] += offset[c];
            }
            members = new int[pool];
            cumulative = new double[pool];
            int[] next = java.util.Arrays.copyOf(offset, k);
            for (int i = 0; i < pool; i++) {
                members[next[community[i]]++] = i;
            }
            for (int c = 0; c < k; c++) {
                double sum = 0;
                for (int m = offset[c]; m < offset[c + 1]; m++) {
                    sum += theta[members[m]];
                    cumulative[m] = sum;
                }
            }
        }

        /** A track of community c among tracks [0, eligible), with probability ∝ θ. */
        int draw(int c, int eligible, SplittableRandom random) {
            int lo = offset[c];
            // Members below eligible: the first member at or above it ends the prefix (at least one is below: see generate).
            int end = lo;
            int hi = offset[c + 1];
            while (end < hi) {
                int mid = (end + hi) >>> 1;
                if (members[mid] < eligible) {
                    end = mid + 1;
                } else {
                    hi = mid;
                }
            }
            int last = end - 1;
            return members[firstAbove(cumulative, lo, last, random.nextDouble() * cumulative[last])];
        }
    }
}
