package spiky.algo.spikes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import spiky.Progress;
import spiky.algo.Termination;
import spiky.algo.linalg.DenseBlock;

class SpikeCoverTest {
    // ---------------------------------------------------------------- data

    static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    static double[] unitVector(SplittableRandom r, int f) {
        double[] d = new double[f];
        double s = 0;
        for (int j = 0; j < f; j++) {
            d[j] = gaussian(r);
            s += d[j] * d[j];
        }
        for (int j = 0; j < f; j++) {
            d[j] /= Math.sqrt(s);
        }
        return d;
    }

    /**
     * Points θ·(d_k + noise·g/√f) along K random unit directions d_k, θ Pareto (degree-like), g
     * standard Gaussian per coordinate (so noise is relative to |d_k| = 1); column j is then scaled
     * by decay^j, like Σ in E = UΣ.
     */
    static DenseBlock planted(int n, int f, int k, double noise, double decay, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] dirs = new double[k][];
        for (int c = 0; c < k; c++) {
            dirs[c] = unitVector(r, f);
        }
        DenseBlock e = new DenseBlock(n, f);
        for (int i = 0; i < n; i++) {
            double[] d = dirs[r.nextInt(k)];
            double theta = Math.pow(1 - r.nextDouble(), -1 / 1.5);
            double w = 1;
            double sd = noise / Math.sqrt(f);
            for (int j = 0; j < f; j++) {
                e.set(i, j, w * theta * (d[j] + sd * gaussian(r)));
                w *= decay;
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

    static SpikeLevel level(DenseBlock e, int f, double cosTheta, double rho, int concurrency) {
        return SpikeCover.level(e, f, cosTheta, rho, concurrency, Progress.NONE, Termination.NONE);
    }

    // ---------------------------------------------------------------- reference

    /** The definition, written plainly: O(peaks · n · f), double precision. */
    static SpikeLevel bruteForce(DenseBlock e, int f, double cosTheta, double rho) {
        int n = e.rows();
        double[] norm = new double[n];
        double[][] u = new double[n][f];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < f; j++) {
                s += e.get(i, j) * e.get(i, j);
            }
            norm[i] = Math.sqrt(s);
            for (int j = 0; j < f && norm[i] > 0; j++) {
                u[i][j] = e.get(i, j) / norm[i];
            }
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
            spikeOf[p] = p;
            covered++;
            for (int i = 0; i < n; i++) {
                if (spikeOf[i] >= 0 || norm[i] == 0 || norm[p] == 0) {
                    continue;
                }
                double cos = 0;
                for (int j = 0; j < f; j++) {
                    cos += u[p][j] * u[i][j];
                }
                if (cos > cosTheta) {
                    spikeOf[i] = p;
                    covered++;
                }
            }
            curve.add(covered);
        }
        return new SpikeLevel(f, n, peaks.size(), n == 0 ? 0 : (double) peaks.size() / n, spikeOf,
                peaks.stream().mapToInt(Integer::intValue).toArray(), curve.stream().mapToInt(Integer::intValue).toArray());
    }

    static void assertSame(SpikeLevel expected, SpikeLevel actual, String what) {
        assertEquals(expected.f(), actual.f(), what);
        assertEquals(expected.n(), actual.n(), what);
        assertArrayEquals(expected.peakItems(), actual.peakItems(), what + ": peaks");
        assertArrayEquals(expected.coveredAfter(), actual.coveredAfter(), what + ": coverage curve");
        assertArrayEquals(expected.spikeOf(), actual.spikeOf(), what + ": spikeOf");
        assertEquals(expected.peaks(), actual.peaks(), what);
        assertEquals(expected.spk(), actual.spk(), 0.0, what);
    }

    /** Invariants every result must satisfy. */
    static void assertConsistent(SpikeLevel level, double rho) {
        int n = level.n();
        assertEquals(level.peaks(), level.peakItems().length);
        assertEquals(level.peaks(), level.coveredAfter().length);
        int peaksFlagged = 0;
        int covered = 0;
        for (int i = 0; i < n; i++) {
            int p = level.spikeOf()[i];
            if (p >= 0) {
                covered++;
                assertTrue(level.isPeak(p), "item " + i + " is covered by " + p + ", which is no peak");
            }
            if (level.isPeak(i)) {
                peaksFlagged++;
            }
        }
        assertEquals(level.peaks(), peaksFlagged);
        assertEquals(covered, level.covered());
        for (int k = 1; k < level.peaks(); k++) {
            assertTrue(level.coveredAfter()[k] > level.coveredAfter()[k - 1]);
            assertTrue(level.coveredAfter()[k - 1] <= rho * n, "the cover went on after passing rho n");
        }
        assertTrue(Double.isFinite(level.spk()));
    }

    // ---------------------------------------------------------------- tests

    @Test
    void matchesTheDefinitionOnPlantedData() {
        int run = 0;
        for (long seed = 1; seed <= 5; seed++) {
            double noise = new double[] {0.05, 0.2, 0.35, 0.5, 0.8}[(int) seed - 1];
            DenseBlock e = planted(1500, 12, 6, noise, seed % 2 == 0 ? 0.85 : 1.0, seed);
            for (int f : new int[] {3, 12}) {
                for (double cosTheta : new double[] {0.9, 0.5, -0.3}) {
                    for (double rho : new double[] {0.5, 0.9, 1.0}) {
                        String what = "seed " + seed + " f " + f + " cosTheta " + cosTheta + " rho " + rho;
                        SpikeLevel expected = bruteForce(e, f, cosTheta, rho);
                        SpikeLevel actual = level(e, f, cosTheta, rho, (run++ % 2) + 1);
                        assertSame(expected, actual, what);
                        assertConsistent(actual, rho);
                    }
                }
            }
        }
    }

    @Test
    void matchesTheDefinitionWithManyChunksBatchesAndThreads() {
        // f = 72: chunks of 32, 48, 64, 72 dims; thousands of peaks, so many batches, panel rebuilds and
        // parallel passes; column decay like singular values.
        for (long seed = 11; seed <= 13; seed++) {
            DenseBlock e = planted(5000, 80, 40, 0.25 + 0.1 * (seed - 11), 0.97, seed);
            for (int f : new int[] {72, 80}) {
                SpikeLevel expected = bruteForce(e, f, 0.9, 0.9);
                assertSame(expected, level(e, f, 0.9, 0.9, 2), "seed " + seed + " f " + f);
            }
        }
        DenseBlock g = gaussianBlock(4000, 40, 5);
        assertSame(bruteForce(g, 40, 0.3, 0.7), level(g, 40, 0.3, 0.7, 2), "Gaussian, cosTheta 0.3");
    }

    @Test
    void matchesTheDefinitionOnManySmallClusters() {
        // Hundreds of peaks, so the panel is regrouped by direction and blocks are skipped by their cone:
        // a wrong skip shows as a difference from the definition.
        for (long seed = 21; seed <= 23; seed++) {
            double noise = 0.2 + 0.15 * (seed - 21);
            DenseBlock e = planted(6000, 24, 150, noise, 0.97, seed);
            for (double cosTheta : new double[] {0.9, 0.75}) {
                String what = "seed " + seed + " cosTheta " + cosTheta;
                SpikeLevel expected = bruteForce(e, 24, cosTheta, 0.95);
                assertTrue(expected.peaks() > 128, what + ": peaks " + expected.peaks());
                assertSame(expected, level(e, 24, cosTheta, 0.95, 2), what);
                assertSame(expected, level(e, 24, cosTheta, 0.95, 1), what + ", 1 thread");
            }
        }
    }

    @Test
    void cosinesWithinFloatPrecisionOfTheThresholdAreDecidedInDouble() {
        // A peak of norm 1 and items of norm 0.5 at cosine 0.9 ± δ with it, in random directions of
        // 64 dimensions: float arithmetic cannot tell δ = 1e-9 apart, double can.
        SplittableRandom r = new SplittableRandom(42);
        int f = 64;
        double[] deltas = {1e-4, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10, -1e-10, -1e-9, -1e-8, -1e-7, -1e-6, -1e-4};
        int perDelta = 20;
        int n = 1 + deltas.length * perDelta;
        DenseBlock e = new DenseBlock(n, f);
        double[] p = unitVector(r, f);
        for (int j = 0; j < f; j++) {
            e.set(0, j, p[j]);
        }
        for (int d = 0; d < deltas.length; d++) {
            double c = 0.9 + deltas[d];
            for (int q = 0; q < perDelta; q++) {
                int i = 1 + d * perDelta + q;
                // w: a random unit vector orthogonal to p.
                double[] w = unitVector(r, f);
                double dot = 0;
                for (int j = 0; j < f; j++) {
                    dot += w[j] * p[j];
                }
                double s = 0;
                for (int j = 0; j < f; j++) {
                    w[j] -= dot * p[j];
                    s += w[j] * w[j];
                }
                for (int j = 0; j < f; j++) {
                    e.set(i, j, 0.5 * (c * p[j] + Math.sqrt(1 - c * c) * w[j] / Math.sqrt(s)));
                }
            }
        }
        SpikeLevel expected = bruteForce(e, f, 0.9, 1.0);
        SpikeLevel actual = level(e, f, 0.9, 1.0, 1);
        assertSame(expected, actual, "near-threshold cosines");
        for (int d = 0; d < deltas.length; d++) {
            if (Math.abs(deltas[d]) < 1e-9) {
                continue; // beyond what double rounding of the construction guarantees
            }
            for (int q = 0; q < perDelta; q++) {
                int i = 1 + d * perDelta + q;
                if (deltas[d] > 0) {
                    assertEquals(0, actual.spikeOf()[i], "cos 0.9 + " + deltas[d] + " is covered by the peak");
                } else {
                    assertNotEquals(0, actual.spikeOf()[i], "cos 0.9 " + deltas[d] + " is not covered by the peak");
                }
            }
        }
    }

    @Test
    void aCosineEqualToCosThetaDoesNotCover() {
        // Peak (5, 0), item (3, 4): norms 5 exactly, so the cosine is the double 3/5 == 0.6 exactly.
        DenseBlock e = new DenseBlock(2, 2, new double[] {5, 0, 3, 4});
        assertArrayEquals(new int[] {0, 1}, level(e, 2, 0.6, 1.0, 1).spikeOf(), "0.6 is not above 0.6");
        assertArrayEquals(new int[] {0, 0}, level(e, 2, Math.nextDown(0.6), 1.0, 1).spikeOf());
    }

    /** The definition's cosine of rows a and b of e over f columns, as {@link #bruteForce} computes it. */
    static double definitionCosine(DenseBlock e, int a, int b, int f) {
        double na = 0;
        double nb = 0;
        for (int j = 0; j < f; j++) {
            na += e.get(a, j) * e.get(a, j);
            nb += e.get(b, j) * e.get(b, j);
        }
        na = Math.sqrt(na);
        nb = Math.sqrt(nb);
        double cos = 0;
        for (int j = 0; j < f; j++) {
            cos += e.get(a, j) / na * (e.get(b, j) / nb);
        }
        return cos;
    }

    static void setRow(DenseBlock e, int i, double[] direction, double norm) {
        for (int j = 0; j < direction.length; j++) {
            e.set(i, j, norm * direction[j]);
        }
    }

    @Test
    void cosinesExactlyAtCosThetaFollowTheDefinitionOnEveryRoute() {
        // Item 0 is the first peak; the last item ("tie") has a cosine c with it, and cosTheta is set to
        // exactly c as the definition computes it (not covered), then to the next double below (covered).
        // The other rows steer the pair onto each route: a batch of 1 or 4 peaks checked against the rows
        // of E, or a batch of many peaks on the panel, with few or many other candidates in the block.
        SplittableRandom r = new SplittableRandom(77);
        String[] routes = {"rows, 1 peak", "rows, 4 peaks", "panel, few candidates", "panel, crowded block"};
        for (int f : new int[] {16, 64}) {
            for (int route = 0; route < routes.length; route++) {
                for (int trial = 0; trial < 12; trial++) {
                    int fillers = route == 1 ? 3 : route >= 2 ? 40 : 0;
                    int duplicates = route <= 1 ? 200 : route == 3 ? 10 : 0;
                    int n = 1 + fillers + duplicates + 1;
                    DenseBlock e = new DenseBlock(n, f);
                    double[] p = unitVector(r, f);
                    setRow(e, 0, p, 10);
                    for (int q = 0; q < fillers; q++) {
                        setRow(e, 1 + q, unitVector(r, f), 9.9 - 0.01 * q);
                    }
                    for (int q = 0; q < duplicates; q++) {
                        double[] d = p.clone();
                        for (int j = 0; j < f; j++) {
                            d[j] += 0.01 * gaussian(r) / Math.sqrt(f);
                        }
                        setRow(e, 1 + fillers + q, d, 9 - 4.0 * q / duplicates);
                    }
                    double c = 0.5 + 0.45 * r.nextDouble();
                    double[] w = unitVector(r, f);
                    double[] tie = new double[f];
                    for (int j = 0; j < f; j++) {
                        tie[j] = c * p[j] + Math.sqrt(1 - c * c) * w[j];
                    }
                    int t = n - 1;
                    setRow(e, t, tie, 0.5 + 0.5 * r.nextDouble());
                    double cos = definitionCosine(e, 0, t, f);
                    String what = "f " + f + ", " + routes[route] + ", trial " + trial + ", cos " + cos;
                    SpikeLevel at = level(e, f, cos, 1.0, 1);
                    assertNotEquals(0, at.spikeOf()[t], what + ": a cosine equal to cosTheta does not cover");
                    assertSame(bruteForce(e, f, cos, 1.0), at, what);
                    SpikeLevel below = level(e, f, Math.nextDown(cos), 1.0, 1);
                    assertEquals(0, below.spikeOf()[t], what + ": a cosine above cosTheta covers");
                    assertSame(bruteForce(e, f, Math.nextDown(cos), 1.0), below, what);
                }
            }
        }
    }

    @Test
    void twoLinesAndANoisePoint() {
        // Line A along x (norms 5..1, slightly tilted), line B along y (4.5, 3.5, 2.5), one point at 45°.
        DenseBlock e = new DenseBlock(9, 2, new double[] {
            5, 0.05, // 0
            4, 0.04, // 1
            3, 0.03, // 2
            2, 0.02, // 3
            1, 0.01, // 4
            0, 4.5, // 5
            0.01, 3.5, // 6
            -0.01, 2.5, // 7
            0.07, 0.07, // 8
        });
        SpikeLevel half = level(e, 2, 0.9, 0.5, 1);
        // Line A alone covers 5 > 4.5 items.
        assertArrayEquals(new int[] {0}, half.peakItems());
        assertArrayEquals(new int[] {5}, half.coveredAfter());
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, -1, -1, -1, -1}, half.spikeOf());
        assertEquals(1.0 / 9, half.spk(), 1e-15);
        assertTrue(half.isPeak(0));
        assertFalse(half.isPeak(1));

        SpikeLevel all = level(e, 2, 0.9, 1.0, 1);
        assertArrayEquals(new int[] {0, 5, 8}, all.peakItems());
        assertArrayEquals(new int[] {5, 8, 9}, all.coveredAfter());
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 5, 5, 5, 8}, all.spikeOf());
        assertEquals(3.0 / 9, all.spk(), 1e-15);

        // With f' = 1, every positive x is one direction, and x = 0 has none: item 5 is a zero row.
        SpikeLevel one = level(e, 1, 0.9, 1.0, 1);
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 5, 0, 7, 0}, one.spikeOf());
        assertArrayEquals(new int[] {0, 7, 5}, one.peakItems());
        assertArrayEquals(new int[] {7, 8, 9}, one.coveredAfter());
    }

    @Test
    void stopsExactlyWhenMoreThanRhoNAreCovered() {
        // n = 10: five items on x, five on y (smaller norms); the x peak covers exactly 5 = 0.5·n.
        DenseBlock e = new DenseBlock(10, 2);
        for (int i = 0; i < 5; i++) {
            e.set(i, 0, 10 - i);
            e.set(5 + i, 1, 5 - i);
        }
        SpikeLevel half = level(e, 2, 0.9, 0.5, 1);
        assertArrayEquals(new int[] {0, 5}, half.peakItems(), "5 covered is not more than 0.5·10");
        assertArrayEquals(new int[] {5, 10}, half.coveredAfter());
        SpikeLevel less = level(e, 2, 0.9, 0.49, 1);
        assertArrayEquals(new int[] {0}, less.peakItems(), "5 > 4.9");
        assertEquals(5, less.covered());
        assertEquals(0.1, less.spk(), 1e-15);

        // No structure at all (cosTheta close to 1): every peak covers itself; exactly floor(rho n) + 1 peaks.
        DenseBlock g = gaussianBlock(1000, 8, 3);
        for (double rho : new double[] {0.25, 0.5, 0.333, 1.0}) {
            SpikeLevel level = level(g, 8, 0.999999, rho, 1);
            int expected = Math.min(1000, (int) Math.floor(rho * 1000) + 1);
            assertEquals(expected, level.peaks(), "rho " + rho);
            assertEquals(expected, level.covered());
            for (int k = 0; k < level.peaks(); k++) {
                assertEquals(k + 1, level.coveredAfter()[k]);
            }
        }
    }

    @Test
    void gaussianEmbeddingsAreNotSpikyAndPlantedOnesAre() {
        SpikeLevel gaussian = level(gaussianBlock(20_000, 16, 3), 16, 0.9, 0.5, 2);
        assertTrue(gaussian.spk() > 0.4, "Gaussian Spk = " + gaussian.spk());
        assertTrue(gaussian.spk() <= 0.5 + 1.0 / 20_000, "Spk cannot exceed rho: " + gaussian.spk());
        assertConsistent(gaussian, 0.5);
        SpikeLevel spiky = level(planted(20_000, 16, 8, 0.05, 1.0, 3), 16, 0.9, 0.5, 2);
        assertTrue(spiky.spk() < 0.01, "planted Spk = " + spiky.spk());
        assertConsistent(spiky, 0.5);
    }

    @Test
    void threadsDoNotChangeTheResult() {
        DenseBlock e = planted(30_000, 24, 30, 0.4, 0.95, 9);
        for (int i = 0; i < 100; i++) {
            Arrays.fill(e.data(), i * 7 * 24, (i * 7 + 1) * 24, 0);
        }
        SpikeLevel one = level(e, 24, 0.9, 1.0, 1);
        SpikeLevel two = level(e, 24, 0.9, 1.0, 2);
        SpikeLevel four = level(e, 24, 0.9, 1.0, 4);
        assertSame(one, two, "1 vs 2 threads");
        assertSame(one, four, "1 vs 4 threads");
        assertConsistent(one, 1.0);
        assertEquals(30_000, one.covered(), "with rho = 1 every item ends covered");
        assertTrue(one.peaks() > 1000, "many batches: " + one.peaks());
    }

    @Test
    void zeroRowsAreLastAndCoverOnlyThemselves() {
        DenseBlock e = planted(800, 6, 4, 0.3, 1.0, 21);
        int[] zeros = {3, 100, 101, 555, 799};
        for (int z : zeros) {
            Arrays.fill(e.data(), z * 6, z * 6 + 6, 0);
        }
        for (double cosTheta : new double[] {0.9, 0.0, -0.5}) {
            SpikeLevel level = level(e, 6, cosTheta, 1.0, 2);
            assertSame(bruteForce(e, 6, cosTheta, 1.0), level, "cosTheta " + cosTheta);
            int p = level.peaks();
            assertArrayEquals(zeros, Arrays.copyOfRange(level.peakItems(), p - zeros.length, p), "zero rows are the last peaks");
            for (int k = p - zeros.length; k < p; k++) {
                assertEquals(level.coveredAfter()[k - 1] + 1, level.coveredAfter()[k], "a zero row covers only itself");
            }
            assertEquals(800, level.covered());
        }
        // All rows zero: each visited item is its own peak, in index order.
        SpikeLevel all = level(new DenseBlock(10, 3), 3, 0.9, 0.5, 1);
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, all.peakItems());
        assertArrayEquals(new int[] {1, 2, 3, 4, 5, 6}, all.coveredAfter());
        assertEquals(0.6, all.spk(), 1e-15);
        assertEquals(-1, all.spikeOf()[6]);
        // No items at all.
        SpikeLevel none = level(new DenseBlock(0, 3), 3, 0.9, 0.5, 1);
        assertEquals(0, none.peaks());
        assertEquals(0, none.spk());
        assertEquals(0, none.covered());
    }

    @Test
    void extremeMagnitudesKeepTheirDirection() {
        // The same direction at 1e200, 1, 1e-200 and 1e-310 (subnormal), plus an orthogonal row.
        double[] d = {0.6, 0.8, 0};
        double[] scales = {1, 1e200, 1e-200, 1e-310};
        DenseBlock e = new DenseBlock(5, 3);
        for (int i = 0; i < scales.length; i++) {
            for (int j = 0; j < 3; j++) {
                e.set(i, j, scales[i] * d[j]);
            }
        }
        e.set(4, 2, 1e150);
        SpikeLevel level = level(e, 3, 0.9, 1.0, 1);
        assertArrayEquals(new int[] {1, 1, 1, 1, 4}, level.spikeOf());
        assertArrayEquals(new int[] {1, 4}, level.peakItems(), "1e200·d first, then the 1e150 row");
        assertArrayEquals(new int[] {4, 5}, level.coveredAfter());

        DenseBlock bad = new DenseBlock(2, 2, new double[] {1, 0, Double.NaN, 1});
        assertThrows(IllegalArgumentException.class, () -> level(bad, 2, 0.9, 0.5, 1));
        DenseBlock inf = new DenseBlock(2, 2, new double[] {1, 0, Double.POSITIVE_INFINITY, 1});
        assertThrows(IllegalArgumentException.class, () -> level(inf, 2, 0.9, 0.5, 1));
        // Columns beyond f' are not read.
        DenseBlock beyond = new DenseBlock(2, 2, new double[] {1, Double.NaN, 2, Double.NaN});
        assertArrayEquals(new int[] {1, 1}, level(beyond, 1, 0.9, 1.0, 1).spikeOf());
    }

    @Test
    void visitingOrderIsByDescendingNormThenIndex() {
        SplittableRandom r = new SplittableRandom(5);
        for (int n : new int[] {0, 1, 2, 7, 1000, 30_000}) {
            double[] key = new double[n];
            for (int i = 0; i < n; i++) {
                int kind = r.nextInt(6);
                key[i] = kind == 0 ? 0 : kind == 1 ? Double.POSITIVE_INFINITY : kind == 2 ? r.nextInt(5) : kind == 3
                        ? Double.MIN_VALUE * r.nextInt(3) : r.nextDouble() * Math.pow(10, r.nextInt(600) - 300);
            }
            Integer[] expected = new Integer[n];
            for (int i = 0; i < n; i++) {
                expected[i] = i;
            }
            Arrays.sort(expected, (a, b) -> key[a] != key[b] ? Double.compare(key[b], key[a]) : Integer.compare(a, b));
            assertArrayEquals(Arrays.stream(expected).mapToInt(Integer::intValue).toArray(), SpikeCover.byDescendingNorm(key), "n " + n);
        }
    }

    @Test
    void computeMeasuresEveryDimension() {
        DenseBlock e = planted(3000, 20, 12, 0.3, 0.9, 8);
        SpikeConfig config = new SpikeConfig(List.of(4, 8, 20), 0.8, 0.6);
        List<SpikeLevel> levels = SpikeCover.compute(e, config, 2, Progress.NONE, Termination.NONE);
        assertEquals(3, levels.size());
        for (int k = 0; k < 3; k++) {
            int f = config.dims().get(k);
            assertSame(bruteForce(e, f, 0.8, 0.6), levels.get(k), "f " + f);
        }
        assertEquals(List.of(16, 32, 64, 128), SpikeConfig.DEFAULTS.dims());
        assertEquals(0.9, SpikeConfig.DEFAULTS.cosTheta());
        assertEquals(0.5, SpikeConfig.DEFAULTS.rho());
    }

    @Test
    void reportsProgressAndStopsWhenTerminated() {
        DenseBlock e = gaussianBlock(5000, 16, 4);
        List<long[]> reports = new ArrayList<>();
        SpikeLevel level = SpikeCover.level(e, 16, 0.9, 0.5, 2, (stage, done, total) -> {
            assertTrue(stage.contains("16"), stage);
            reports.add(new long[] {done, total});
        }, Termination.NONE);
        assertTrue(reports.size() >= 3, "reports: " + reports.size());
        long[] last = reports.get(reports.size() - 1);
        assertEquals(2501, last[1]);
        assertEquals(last[1], last[0], "ends at the stop");
        for (int k = 1; k < reports.size(); k++) {
            assertTrue(reports.get(k)[0] >= reports.get(k - 1)[0]);
        }
        assertTrue(level.peaks() > 2000);

        AtomicInteger checks = new AtomicInteger();
        RuntimeException stop = new IllegalStateException("terminated");
        Termination terminate = () -> {
            if (checks.incrementAndGet() > 20) {
                throw stop;
            }
        };
        RuntimeException thrown = assertThrows(RuntimeException.class,
                () -> SpikeCover.level(e, 16, 0.9, 0.5, 2, Progress.NONE, terminate));
        assertEquals("terminated", thrown.getMessage());
    }

    @Test
    void badSettingsNameTheParameter() {
        DenseBlock e = gaussianBlock(10, 4, 1);
        // Argument checks of the algorithm: plain IllegalArgumentException naming the argument (the
        // user-facing keys are checked by the config layer, PipelineSettings).
        for (int f : new int[] {0, 5, -1}) {
            IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> level(e, f, 0.9, 0.5, 1));
            assertTrue(x.getMessage().contains("f = " + f) && x.getMessage().contains("[1, 4]"), x.getMessage());
        }
        IllegalArgumentException viaCompute = assertThrows(IllegalArgumentException.class,
                () -> SpikeCover.compute(e, new SpikeConfig(List.of(2, 16), 0.9, 0.5), 1, Progress.NONE, Termination.NONE));
        assertTrue(viaCompute.getMessage().contains("16"), viaCompute.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SpikeConfig(List.of(0), 0.9, 0.5)).getMessage().contains("dims"));
        for (double cosTheta : new double[] {1.0, -1.0, 1.5, Double.NaN}) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> level(e, 4, cosTheta, 0.5, 1)).getMessage().contains("cosTheta"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> new SpikeConfig(List.of(4), cosTheta, 0.5)).getMessage()
                    .contains("cosTheta"));
        }
        for (double rho : new double[] {0, -0.1, 1.0000001, Double.NaN}) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> level(e, 4, 0.9, rho, 1)).getMessage().contains("rho"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> new SpikeConfig(List.of(4), 0.9, rho)).getMessage().contains("rho"));
        }
    }
}
