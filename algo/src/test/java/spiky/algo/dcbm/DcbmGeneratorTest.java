package spiky.algo.dcbm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.junit.jupiter.api.Test;
import spiky.Progress;
import spiky.data.Interactions;

class DcbmGeneratorTest {

    private static DcbmGenerator.Result generate(Map<String, ?> config) {
        return new DcbmGenerator(DcbmConfig.from(config), Progress.NONE).generate();
    }

    @Test
    void sameSeedGivesTheSameDataset() {
        Map<String, Object> config = Map.of("items", 500, "contexts", 1000, "seed", 1);
        DcbmGenerator.Result a = generate(config);
        DcbmGenerator.Result b = generate(config);
        Interactions x = a.interactions();
        Interactions y = b.interactions();
        assertArrayEquals(x.itemKeys(), y.itemKeys());
        assertArrayEquals(x.contextKeys(), y.contextKeys());
        assertArrayEquals(x.itemOf(), y.itemOf());
        assertArrayEquals(x.contextOf(), y.contextOf());
        assertArrayEquals(x.timestamps(), y.timestamps());
        assertArrayEquals(x.itemTruth().community(), y.itemTruth().community());
        assertArrayEquals(x.itemTruth().theta(), y.itemTruth().theta());
        assertArrayEquals(a.contextHome(), b.contextHome());
        assertEquals(a.slots(), b.slots());
    }

    @Test
    void differentSeedsGiveDifferentDatasets() {
        Interactions x = generate(Map.of("items", 500, "contexts", 1000, "seed", 1)).interactions();
        Interactions y = generate(Map.of("items", 500, "contexts", 1000, "seed", 2)).interactions();
        assertFalse(Arrays.equals(x.itemOf(), y.itemOf()));
        assertFalse(Arrays.equals(x.itemTruth().theta(), y.itemTruth().theta()));
    }

    @Test
    void itemsAreDealtEvenlyIntoCommunities() {
        Interactions data = generate(Map.of()).interactions();
        assertEquals(DcbmConfig.DEFAULT_ITEMS, data.itemCount(), "every item is picked at the default settings");
        int[] sizes = new int[DcbmConfig.DEFAULT_COMMUNITIES];
        for (int c : data.itemTruth().community()) {
            sizes[c]++;
        }
        int[] expected = new int[sizes.length];
        Arrays.fill(expected, DcbmConfig.DEFAULT_ITEMS / DcbmConfig.DEFAULT_COMMUNITIES);
        assertArrayEquals(expected, sizes);

        Interactions uneven = generate(Map.of("items", 10, "communities", 3, "contexts", 200)).interactions();
        int[] unevenSizes = new int[3];
        for (int c : uneven.itemTruth().community()) {
            unevenSizes[c]++;
        }
        assertArrayEquals(new int[] {4, 3, 3}, unevenSizes);
    }

    @Test
    void truthFollowsTheItemIds() {
        Interactions data = generate(Map.of("items", 300, "contexts", 500, "communities", 7)).interactions();
        assertTrue(data.integerItemIds());
        assertTrue(data.integerContextIds());
        for (int b = 0; b < data.itemCount(); b++) {
            int id = Integer.parseInt(data.itemKeys()[b]);
            assertEquals((id - 1) % 7, data.itemTruth().community()[b]);
            assertTrue(data.itemTruth().theta()[b] >= DcbmConfig.DEFAULT_THETA_MIN);
        }
    }

    @Test
    void withoutMixingEveryContextStaysInItsHomeCommunity() {
        DcbmGenerator.Result result = generate(Map.of("mix", 0, "contexts", 2000));
        Interactions data = result.interactions();
        int[] community = data.itemTruth().community();
        for (int k = 0; k < data.size(); k++) {
            assertEquals(result.contextHome()[data.contextOf()[k]], community[data.itemOf()[k]]);
        }
        assertEquals(0, result.offHomeSlots());
    }

    @Test
    void theShareOfOffHomeSlotsIsMix() {
        for (double mix : new double[] {0.1, 0.3}) {
            DcbmGenerator.Result result = generate(Map.of("mix", mix));
            assertEquals(mix, result.offHomeSlots() / (double) result.slots(), 0.02, "slots, mix " + mix);
            Interactions data = result.interactions();
            long offHome = 0;
            for (int k = 0; k < data.size(); k++) {
                if (data.itemTruth().community()[data.itemOf()[k]] != result.contextHome()[data.contextOf()[k]]) {
                    offHome++;
                }
            }
            // Home slots concentrate on fewer items, so more of them collapse as duplicates: among
            // distinct interactions the off-home share is a little above mix.
            double share = offHome / (double) data.size();
            assertTrue(share >= mix - 0.01 && share <= mix + 0.05, "distinct interactions, mix " + mix + ": " + share);
        }
    }

    @Test
    void degreesFollowThetaWithinACommunity() {
        Interactions data = generate(Map.of()).interactions();
        int[] degree = new int[data.itemCount()];
        for (int i : data.itemOf()) {
            degree[i]++;
        }
        int[] community = data.itemTruth().community();
        double[] theta = data.itemTruth().theta();
        for (int c = 0; c < DcbmConfig.DEFAULT_COMMUNITIES; c++) {
            int members = 0;
            double[] t = new double[data.itemCount()];
            double[] d = new double[data.itemCount()];
            for (int i = 0; i < data.itemCount(); i++) {
                if (community[i] == c) {
                    t[members] = theta[i];
                    d[members] = degree[i];
                    members++;
                }
            }
            double rho = new SpearmansCorrelation().correlation(Arrays.copyOf(t, members), Arrays.copyOf(d, members));
            assertTrue(rho > 0.5, "community " + c + ": Spearman " + rho);
        }
    }

    @Test
    void lengthsAndTimestampsFollowTheContexts() {
        DcbmGenerator.Result result = generate(Map.of("contexts", 300, "minLength", 5, "maxLength", 8));
        Interactions data = result.interactions();
        assertEquals(300, data.contextCount());
        Map<Integer, Integer> length = new HashMap<>();
        for (int k = 0; k < data.size(); k++) {
            int c = data.contextOf()[k];
            assertEquals(String.valueOf(c + 1), data.contextKeys()[c]);
            assertEquals(DcbmGenerator.FIRST_TIMESTAMP + c * DcbmGenerator.CONTEXT_INTERVAL, data.timestamps()[k]);
            length.merge(c, 1, Integer::sum);
        }
        // Duplicates collapse, so a context may hold fewer than minLength interactions, never more than maxLength.
        length.values().forEach(l -> assertTrue(l >= 1 && l <= 8, "length " + l));
        assertTrue(result.slots() >= 300L * 5 && result.slots() <= 300L * 8);
        assertEquals(result.slots(), data.rowsRead());
        assertEquals(data.rowsRead() - data.size(), data.duplicates());
    }

    @Test
    void reportsProgress() {
        long[] last = {-1, -1};
        new DcbmGenerator(DcbmConfig.from(Map.of("contexts", 10_000)), (stage, done, total) -> {
            last[0] = done;
            last[1] = total;
        }).generate();
        assertTrue(last[0] > 0);
        assertEquals(last[1], last[0], "the last report is the end");
    }
}
