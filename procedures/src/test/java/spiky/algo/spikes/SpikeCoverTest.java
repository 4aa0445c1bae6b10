package spiky.algo.spikes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.algo.Termination;
import spiky.algo.linalg.DenseBlock;

class SpikeCoverTest {
    /** Points along K random directions, with degree-like magnitudes, plus noise. */
    static DenseBlock planted(int n, int f, int k, double noise, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] dirs = new double[k][f];
        for (double[] d : dirs) {
            for (int j = 0; j < f; j++) {
                d[j] = gaussian(r);
            }
        }
        DenseBlock e = new DenseBlock(n, f);
        for (int i = 0; i < n; i++) {
            double[] d = dirs[r.nextInt(k)];
            double theta = Math.pow(1 - r.nextDouble(), -1 / 1.5);
            for (int j = 0; j < f; j++) {
                e.set(i, j, theta * (d[j] + noise * gaussian(r)));
            }
        }
        return e;
    }

    static DenseBlock gaussianBlock(int n, int f, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        DenseBlock e = new DenseBlock(n, f);
        for (int i = 0; i < n * f; i++) {
            e.data()[i] = gaussian(r);
        }
        return e;
    }

    static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** The definition, written plainly. */
    static SpikeLevel bruteForce(DenseBlock e, int f, double cosTheta, double rho) {
        int n = e.rows();
        double[] norm = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < f; j++) {
                norm[i] += e.get(i, j) * e.get(i, j);
            }
            norm[i] = Math.sqrt(norm[i]);
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        order.sort((a, b) -> norm[a] != norm[b] ? Double.compare(norm[b], norm[a]) : Integer.compare(a, b));
        int[] spikeOf = new int[n];
        Arrays.fill(spikeOf, -1);
        List<Integer> peaks = new ArrayList<>();
        List<Integer> curve = new ArrayList<>();
        int covered = 0;
        for (int p : order) {
            if (covered > rho * n) {
                break;
            }
            if (spikeOf[p] >= 0) {
                continue;
            }
            peaks.add(p);
            for (int i = 0; i < n; i++) {
                if (spikeOf[i] >= 0) {
                    continue;
                }
                double dot = 0;
                for (int j = 0; j < f; j++) {
                    dot += e.get(p, j) * e.get(i, j);
                }
                double cos = norm[p] > 0 && norm[i] > 0 ? dot / (norm[p] * norm[i]) : 0;
                if (cos > cosTheta || i == p) {
                    spikeOf[i] = p;
                    covered++;
                }
            }
            curve.add(covered);
        }
        return new SpikeLevel(f, n, peaks.size(), (double) peaks.size() / n, spikeOf,
                peaks.stream().mapToInt(Integer::intValue).toArray(), curve.stream().mapToInt(Integer::intValue).toArray());
    }

    @Test
    void matchesTheDefinitionOnPlantedAndNoisyData() {
        for (long seed = 1; seed <= 4; seed++) {
            DenseBlock e = planted(1500, 12, 6, 0.6, seed);
            for (int f : new int[] {4, 12}) {
                SpikeLevel expected = bruteForce(e, f, 0.9, 0.5);
                SpikeLevel actual = SpikeCover.level(e, f, 0.9, 0.5, 2, Progress.NONE, Termination.NONE);
                assertArrayEquals(expected.peakItems(), actual.peakItems(), "seed " + seed + " f " + f);
                assertArrayEquals(expected.spikeOf(), actual.spikeOf());
                assertArrayEquals(expected.coveredAfter(), actual.coveredAfter());
                assertTrue(actual.covered() > 0.5 * 1500 && actual.coveredAfter()[actual.peaks() - 2] <= 0.5 * 1500,
                        "stops as soon as more than rho n are covered");
            }
        }
    }

    @Test
    void twoLinesGiveTwoPeaks() {
        // Six points on the x axis, four on the y axis (n = 10): the x line alone covers 6 > 5.
        double[] xs = {5, 4, 3, 2, 1, 0.5};
        double[] ys = {4.5, 3.5, 2.5, 1.5};
        DenseBlock e = new DenseBlock(10, 2);
        for (int i = 0; i < 6; i++) {
            e.set(i, 0, xs[i]);
            e.set(i, 1, 0.01 * i);
        }
        for (int i = 0; i < 4; i++) {
            e.set(6 + i, 1, ys[i]);
        }
        SpikeLevel level = SpikeCover.level(e, 2, 0.9, 0.5, 1, Progress.NONE, Termination.NONE);
        assertEquals(1, level.peaks());
        assertEquals(0.1, level.spk(), 1e-12);
        assertEquals(0, level.peakItems()[0]);
        assertTrue(level.isPeak(0));
        assertEquals(-1, level.spikeOf()[6]);
        SpikeLevel all = SpikeCover.level(e, 2, 0.9, 1.0, 1, Progress.NONE, Termination.NONE);
        assertEquals(2, all.peaks());
        assertArrayEquals(new int[] {0, 6}, all.peakItems());
    }

    @Test
    void gaussianEmbeddingsAreNotSpikyAndPlantedOnesAre() {
        SpikeLevel gaussian = SpikeCover.level(gaussianBlock(20_000, 16, 3), 16, 0.9, 0.5, 2, Progress.NONE, Termination.NONE);
        assertTrue(gaussian.spk() > 0.4, "Gaussian Spk = " + gaussian.spk());
        SpikeLevel spiky = SpikeCover.level(planted(20_000, 16, 8, 0.05, 3), 16, 0.9, 0.5, 2, Progress.NONE, Termination.NONE);
        assertTrue(spiky.spk() < 0.01, "planted Spk = " + spiky.spk());
    }

    @Test
    void threadsDoNotChangeTheResultAndZeroRowsAreHandled() {
        DenseBlock e = planted(30_000, 8, 5, 0.8, 9);
        for (int i = 0; i < 100; i++) {
            for (int j = 0; j < 8; j++) {
                e.set(i * 7, j, 0);
            }
        }
        SpikeLevel one = SpikeCover.level(e, 8, 0.9, 1.0, 1, Progress.NONE, Termination.NONE);
        SpikeLevel two = SpikeCover.level(e, 8, 0.9, 1.0, 2, Progress.NONE, Termination.NONE);
        assertArrayEquals(one.spikeOf(), two.spikeOf());
        assertEquals(30_000, one.covered(), "with rho = 1 every item ends covered, zero rows as their own peaks");
        assertEquals(0, one.spikeOf()[7] - 7, "a zero row covers only itself");
    }

    @Test
    void badSettingsNameTheParameter() {
        DenseBlock e = gaussianBlock(10, 4, 1);
        assertTrue(assertThrows(InvalidInputException.class, () -> SpikeCover.level(e, 5, 0.9, 0.5, 1, Progress.NONE, Termination.NONE))
                .getMessage().contains("spkDims"));
        assertTrue(assertThrows(InvalidInputException.class, () -> SpikeCover.level(e, 4, 1.0, 0.5, 1, Progress.NONE, Termination.NONE))
                .getMessage().contains("cosTheta"));
        assertTrue(assertThrows(InvalidInputException.class, () -> SpikeCover.level(e, 4, 0.9, 0, 1, Progress.NONE, Termination.NONE))
                .getMessage().contains("rho"));
    }
}
