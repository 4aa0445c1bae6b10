package spiky.algo.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.junit.jupiter.api.Test;
import spiky.InvalidInputException;
import spiky.Progress;

class PlaylistGeneratorTest {
    private record Playlist(int index, long timestamp, int[] tracks) {}

    private static List<Playlist> draw(Map<String, ?> settings, PlaylistGenerator.Result[] result) {
        List<Playlist> out = new ArrayList<>();
        PlaylistGenerator.Result r = new PlaylistGenerator(PlaylistConfig.from(settings), Progress.NONE)
                .generate((j, t, tracks, count) -> out.add(new Playlist(j, t, java.util.Arrays.copyOf(tracks, count))));
        if (result != null) {
            result[0] = r;
        }
        return out;
    }

    private static long fingerprint(List<Playlist> playlists) {
        long h = 1;
        for (Playlist p : playlists) {
            h = 31 * h + p.timestamp();
            for (int t : p.tracks()) {
                h = 31 * h + t;
            }
        }
        return h;
    }

    private static final Map<String, Object> SMALL = Map.of("playlists", 5000, "tracks", 20_000, "communities", 20);

    @Test
    void theSameSeedDrawsTheSamePlaylistsAndAnotherSeedOthers() {
        long a = fingerprint(draw(SMALL, null));
        assertEquals(a, fingerprint(draw(SMALL, null)));
        Map<String, Object> other = new java.util.HashMap<>(SMALL);
        other.put("seed", 7);
        assertNotEquals(a, fingerprint(draw(other, null)));
    }

    @Test
    void playlistsComeInTimeOrderWithDistinctTracksAndTheirCountsAddUp() {
        PlaylistGenerator.Result[] result = new PlaylistGenerator.Result[1];
        List<Playlist> playlists = draw(SMALL, result);
        assertEquals(5000, playlists.size());
        long interactions = 0;
        long previous = Long.MIN_VALUE;
        long span = PlaylistConfig.DEFAULT_YEARS * 365L * 86_400L;
        int[] counts = new int[20_000];
        for (int j = 0; j < playlists.size(); j++) {
            Playlist p = playlists.get(j);
            assertEquals(j, p.index());
            assertTrue(p.timestamp() >= previous, "timestamps never go back");
            assertTrue(p.timestamp() >= PlaylistConfig.DEFAULT_FIRST_TIME && p.timestamp() < PlaylistConfig.DEFAULT_FIRST_TIME + span);
            previous = p.timestamp();
            Set<Integer> seen = new HashSet<>();
            for (int t : p.tracks()) {
                assertTrue(seen.add(t), "playlist " + j + " holds track " + t + " twice");
                counts[t]++;
            }
            assertTrue(p.tracks().length >= 1 && p.tracks().length <= PlaylistConfig.DEFAULT_MAX_LENGTH);
            interactions += p.tracks().length;
        }
        assertEquals(interactions, result[0].interactions());
        assertTrue(result[0].slots() >= interactions);
        assertEquals(java.util.Arrays.toString(counts), java.util.Arrays.toString(result[0].trackCounts()));
    }

    @Test
    void slotCountsFollowTheConfiguredMeanAndBounds() {
        PlaylistGenerator.Result[] result = new PlaylistGenerator.Result[1];
        // A pool so large that repeats are rare: the interactions count the slots.
        draw(Map.of("playlists", 20_000, "tracks", 2_000_000, "communities", 10, "meanLength", 66), result);
        double mean = result[0].slots() / 20_000.0;
        // The log-normal's mean is 66 before the clamp to [5, 250]; the clamp at 250 cuts its tail (measured ≈ 63).
        assertTrue(mean > 60 && mean < 67, "mean slots per playlist " + mean);
    }

    @Test
    void withoutMixEveryPlaylistStaysInOneCommunity() {
        PlaylistGenerator.Result[] result = new PlaylistGenerator.Result[1];
        List<Playlist> drawn = draw(Map.of("playlists", 2000, "tracks", 20_000, "communities", 20, "mix", 0), result);
        int[] community = result[0].community();
        for (Playlist p : drawn) {
            int home = community[p.tracks()[0]];
            for (int t : p.tracks()) {
                assertEquals(home, community[t], "playlist " + p.index());
            }
        }
    }

    @Test
    void aPlaylistOnlyPicksTracksReleasedByItsTime() {
        int pool = 20_000;
        int playlists = 4000;
        List<Playlist> drawn = draw(Map.of("playlists", playlists, "tracks", pool, "communities", 20, "catalogue", 0.25), null);
        int newestFirstQuarter = 0;
        for (Playlist p : drawn) {
            long eligible = pool / 4 + (pool - pool / 4) * (p.index() + 1L) / playlists;
            for (int t : p.tracks()) {
                assertTrue(t < eligible, "playlist " + p.index() + " picked track " + t + " released after it");
                if (p.index() < playlists / 4) {
                    newestFirstQuarter = Math.max(newestFirstQuarter, t);
                }
            }
        }
        assertTrue(newestFirstQuarter < pool / 2, "the first quarter of playlists never sees the second half of the pool");
        int newestLast = drawn.get(playlists - 1).tracks().length;
        assertTrue(newestLast > 0);
    }

    @Test
    void communitiesDifferInSizeBySkewAndNoneIsEmpty() {
        PlaylistGenerator.Result[] result = new PlaylistGenerator.Result[1];
        draw(Map.of("playlists", 10, "tracks", 100_000, "communities", 50, "communitySkew", 1.0), result);
        int[] sizes = new int[50];
        for (int c : result[0].community()) {
            sizes[c]++;
        }
        // Weights (c + 1)^−1: community 0 holds about 1 / H(50) = 22 % of the pool, community 49 about 0.45 %.
        assertTrue(sizes[0] > 20_000 && sizes[0] < 24_000, "community 0 holds " + sizes[0]);
        assertTrue(sizes[49] > 300 && sizes[49] < 600, "community 49 holds " + sizes[49]);
        draw(Map.of("playlists", 10, "tracks", 100_000, "communities", 50, "communitySkew", 0.0), result);
        java.util.Arrays.fill(sizes, 0);
        for (int c : result[0].community()) {
            sizes[c]++;
        }
        for (int size : sizes) {
            assertTrue(size > 1700 && size < 2300, "equal weights, size " + size);
        }
    }

    @Test
    void popularTracksArePickedMoreOften() {
        PlaylistGenerator.Result[] result = new PlaylistGenerator.Result[1];
        draw(Map.of("playlists", 20_000, "tracks", 5000, "communities", 10, "catalogue", 1.0), result);
        int[] counts = result[0].trackCounts();
        double[] c = new double[counts.length];
        for (int i = 0; i < counts.length; i++) {
            c[i] = counts[i];
        }
        double rho = new SpearmansCorrelation().correlation(c, result[0].theta());
        // Not near 1: most tracks have θ near 1 and a handful of picks, so Poisson noise ranks them (measured 0.70).
        assertTrue(rho > 0.6, "Spearman(picks, θ) = " + rho);
    }

    @Test
    void settingsThatCannotWorkAreRefusedNamingTheKey() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> PlaylistConfig.from(Map.of("playlist", 5)));
        assertTrue(e.getMessage().contains("playlists"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> PlaylistConfig.from(Map.of("minLength", 300)));
        assertTrue(e.getMessage().contains("minLength"), e.getMessage());
        e = assertThrows(InvalidInputException.class,
                () -> PlaylistConfig.from(Map.of("tracks", 100, "communities", 50, "catalogue", 0.1)));
        assertTrue(e.getMessage().contains("catalogue"), e.getMessage());
        assertEquals(PlaylistConfig.DEFAULTS, PlaylistConfig.from(PlaylistConfig.DEFAULTS.toMap()));
    }
}
