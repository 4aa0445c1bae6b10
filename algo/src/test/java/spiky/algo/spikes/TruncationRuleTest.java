package spiky.algo.spikes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TruncationRuleTest {
    /** Levels f' = 1..peaks.length with the given peak counts (n = 1000). */
    private static List<SpkSweep.Level> levels(int... peaks) {
        List<SpkSweep.Level> out = new ArrayList<>();
        for (int f = 1; f <= peaks.length; f++) {
            out.add(new SpkSweep.Level(f, 1000, peaks[f - 1], peaks[f - 1] / 1000.0, 600));
        }
        return out;
    }

    private static double[] spectrum(int k, int length) {
        double[] s = new double[length];
        for (int i = 0; i < length; i++) {
            s[i] = i < k ? 100 - i : 10 - 0.01 * i;
        }
        return s;
    }

    @Test
    void aClearGapBeforeTheNoiseIsTheRecommendation() {
        // σ_6 / σ_7 = 95 / 9.94; peaks ≤ 2f until f' = 9, where 19 > 18.
        TruncationRule.Recommendation r = TruncationRule.recommend(spectrum(6, 12), levels(2, 3, 4, 5, 6, 6, 7, 8, 19, 30, 40, 50), 0.5, 12);
        assertEquals(6, r.f());
        assertEquals("spectral-gap", r.rule());
        assertEquals(6, r.gapF());
        assertEquals(95 / 9.94, r.gapRatio(), 1e-9);
        assertEquals(9, r.noiseF());
    }

    @Test
    void aGapAtOrAfterTheNoiseGivesTheLastLevelBeforeIt() {
        TruncationRule.Recommendation r = TruncationRule.recommend(spectrum(10, 12), levels(2, 3, 4, 5, 6, 6, 7, 8, 19, 30, 40, 50), 0.5, 12);
        assertEquals(8, r.f());
        assertEquals("before-noise", r.rule());
        assertEquals(10, r.gapF());
    }

    @Test
    void noClearGapGivesTheLastLevelBeforeTheNoise() {
        double[] flat = {10, 9, 8, 7, 6, 5, 4.5, 4, 3.5, 3, 2.8, 2.6};
        TruncationRule.Recommendation r = TruncationRule.recommend(flat, levels(1, 2, 3, 4, 11, 20, 30, 40, 50, 60, 70, 80), 0.5, 12);
        assertEquals(4, r.f());
        assertEquals("before-noise", r.rule());
        assertEquals(5, r.noiseF());
    }

    @Test
    void noGapAndNoNoiseGivesTheLargestDimension() {
        double[] flat = {10, 9, 8, 7, 6, 5, 4.5, 4, 3.5, 3, 2.8, 2.6};
        TruncationRule.Recommendation r = TruncationRule.recommend(flat, levels(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12), 0.5, 12);
        assertEquals(12, r.f());
        assertEquals("no-noise", r.rule());
        assertNull(r.noiseF());
    }

    @Test
    void theFirstSingularValueAloneIsNotAGap() {
        double[] s = {1000, 10, 9.9, 9.8, 9.7, 9.6};
        TruncationRule.Recommendation r = TruncationRule.recommend(s, levels(1, 2, 3, 4, 5, 6), 0.5, 6);
        assertEquals("no-noise", r.rule());
        assertEquals(6, r.f());
    }

    @Test
    void theGapIsSoughtOnlyUpToMaxF() {
        // The gap at k = 6 lies beyond maxF = 5: the largest ratio below it is not clear.
        TruncationRule.Recommendation r = TruncationRule.recommend(spectrum(6, 12), levels(2, 3, 4, 5, 6), 0.5, 5);
        assertEquals("no-noise", r.rule());
        assertEquals(5, r.f());
    }

    @Test
    void noiseAtTheFirstLevelIsThatLevel() {
        List<SpkSweep.Level> coarse = List.of(new SpkSweep.Level(4, 1000, 50, 0.05, 600), new SpkSweep.Level(8, 1000, 90, 0.09, 600));
        TruncationRule.Recommendation r = TruncationRule.recommend(new double[] {5, 4, 3, 2.5, 2, 1.8, 1.7, 1.6, 1.5}, coarse, 0.5, 8);
        assertEquals(4, r.f());
        assertEquals("first-level", r.rule());
    }
}
