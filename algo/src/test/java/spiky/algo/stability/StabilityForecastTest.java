package spiky.algo.stability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.algo.Termination;

/**
 * The forecast on generated snapshots whose truth is known: item i has a fixed direction (its
 * cluster's centre plus its own offset) times a norm r_i, and each snapshot adds fresh Gaussian
 * noise of the same size to every item, so a high-norm item's direction, hence its neighbour
 * list, moves less than a low-norm item's: stability rises with the norm quantile.
 */
class StabilityForecastTest {
    private static final int DIMS = 8;

    /** n items over {@code snapshots} yearly snapshots; item i exists from snapshot born[i] on. */
    static SnapshotSeries generated(int n, int snapshots, double noise, long seed, boolean growing) {
        Random random = new Random(seed);
        int clusters = 6;
        double[][] centre = new double[clusters][DIMS];
        for (double[] c : centre) {
            for (int j = 0; j < DIMS; j++) {
                c[j] = random.nextGaussian();
            }
        }
        double[][] direction = new double[n][DIMS];
        double[] norm = new double[n];
        int[] born = new int[n];
        for (int i = 0; i < n; i++) {
            double[] c = centre[i % clusters];
            double s = 0;
            for (int j = 0; j < DIMS; j++) {
                direction[i][j] = c[j] + 0.6 * random.nextGaussian();
                s += direction[i][j] * direction[i][j];
            }
            for (int j = 0; j < DIMS; j++) {
                direction[i][j] /= Math.sqrt(s);
            }
            norm[i] = Math.exp(1.2 * random.nextGaussian());
            born[i] = growing ? random.nextInt(snapshots) / 2 : 0;
        }
        List<SnapshotSeries.Snapshot> out = new ArrayList<>();
        for (int t = 0; t < snapshots; t++) {
            List<Integer> present = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (born[i] <= t) {
                    present.add(i);
                }
            }
            int m = present.size();
            Object[] ids = new Object[m];
            double[] vectors = new double[m * DIMS];
            double[] norms = new double[m];
            long[] interactions = new long[m];
            boolean[] covered = new boolean[m];
            for (int a = 0; a < m; a++) {
                int i = present.get(a);
                ids[a] = (long) i;
                double s = 0;
                for (int j = 0; j < DIMS; j++) {
                    double v = norm[i] * direction[i][j] + noise * random.nextGaussian();
                    vectors[a * DIMS + j] = v;
                    s += v * v;
                }
                norms[a] = Math.sqrt(s);
                interactions[a] = 1 + (long) (10 * norm[i] * (t + 1));
                covered[a] = norm[i] > 1;
            }
            out.add(new SnapshotSeries.Snapshot("gen-" + (t + 1), 1_262_304_000L + t * 31_536_000L, ids, vectors, DIMS, norms, interactions,
                    covered));
        }
        return new SnapshotSeries("gen", out);
    }

    private static StabilityForecast.Result run(SnapshotSeries series, Map<String, Object> config) {
        return StabilityForecast.forecast(series, ForecastConfig.from(config), Progress.NONE, Termination.NONE);
    }

    @Test
    void modelsThatSeeTheNormBeatTheMeanWhenStabilityRisesWithTheNorm() {
        SnapshotSeries series = generated(600, 5, 0.5, 3, false);
        StabilityForecast.Result r = run(series, Map.of("k", 20, "concurrency", 2));
        StabilityForecast.Backtest b = r.backtest();
        assertEquals("regression", b.model());
        assertEquals(3, b.trainPairs());
        assertEquals(600, b.testRows(), "the last pair measures every item");
        assertTrue(b.trainRows() > 3 * 600 * 0.5, "about 2000 of 600 items per earlier pair: all of them " + b.trainRows());
        for (String model : List.of("bins", "isotonic", "regression")) {
            assertTrue(b.maeByModel().get(model) < 0.8 * b.baselineMae(), model + ": " + b.maeByModel() + " against " + b.baselineMae());
            assertTrue(b.spearmanByModel().get(model) > 0.5, model + ": " + b.spearmanByModel());
        }
        assertEquals(b.baselineMae(), b.maeByModel().get("mean"), 1e-12, "the mean model is the baseline");
        assertTrue(Double.isNaN(b.spearmanByModel().get("mean")), "a constant forecast has no rank correlation");
        assertEquals(600, r.forecast().length);
        // The truth: higher norm, steadier list. The forecast follows the norm of the latest snapshot.
        SnapshotSeries.Snapshot latest = series.snapshots().get(4);
        double[] q = StabilityForecast.quantiles(latest.norms());
        double low = 0;
        double high = 0;
        int lows = 0;
        int highs = 0;
        for (int a = 0; a < latest.size(); a++) {
            assertTrue(r.forecast()[a] >= 0 && r.forecast()[a] <= 1, "in [0, 1]: " + r.forecast()[a]);
            if (q[a] < 0.2) {
                low += r.forecast()[a];
                lows++;
            } else if (q[a] > 0.8) {
                high += r.forecast()[a];
                highs++;
            }
        }
        assertTrue(high / highs > 3 * (low / lows) && high / highs > low / lows + 0.1, "top quintile " + high / highs + ", bottom " + low / lows);
    }

    @Test
    void withoutAnyLinkBetweenNormAndStabilityNoModelBeatsTheBaselineByMuch() {
        // Noise proportional to the norm: every item's direction moves alike.
        SnapshotSeries base = generated(400, 4, 0, 5, false);
        Random random = new Random(9);
        List<SnapshotSeries.Snapshot> noisy = new ArrayList<>();
        for (SnapshotSeries.Snapshot s : base.snapshots()) {
            double[] v = s.vectors().clone();
            for (int a = 0; a < s.size(); a++) {
                for (int j = 0; j < DIMS; j++) {
                    v[a * DIMS + j] += 0.5 * s.norms()[a] * random.nextGaussian();
                }
            }
            noisy.add(new SnapshotSeries.Snapshot(s.runId(), s.until(), s.itemIds(), v, DIMS, s.norms(), s.interactions(), s.covered()));
        }
        StabilityForecast.Backtest b = run(new SnapshotSeries("gen", noisy), Map.of("k", 20)).backtest();
        assertTrue(b.mae() > 0.9 * b.baselineMae(), b.mae() + " against " + b.baselineMae());
        assertTrue(Math.abs(b.spearman()) < 0.25, "spearman " + b.spearman());
    }

    @Test
    void theSampleKeepsTheSameItemsInEveryPairAndTheLastPairWhole() {
        SnapshotSeries series = generated(1000, 4, 0.5, 4, false);
        StabilityForecast.Backtest b = run(series, Map.of("k", 10, "sample", 200, "lag", "yes")).backtest();
        assertTrue(b.trainRows() > 2 * 140 && b.trainRows() < 2 * 260, "about 200 per earlier pair: " + b.trainRows());
        assertEquals(1000, b.testRows());
        assertTrue(b.lag());
        assertTrue(b.features().contains("lag"), b.features().toString());
        for (long id = 0; id < 50; id++) {
            assertEquals(StabilityForecast.unit(id, 42), StabilityForecast.unit(id, 42));
        }
    }

    @Test
    void newItemsHaveNoLagAndEveryItemOfTheLatestSnapshotGetsAForecast() {
        SnapshotSeries series = generated(500, 6, 0.5, 6, true);
        StabilityForecast.Result r = run(series, Map.of("k", 15, "model", "auto"));
        assertEquals(series.snapshots().get(5).size(), r.forecast().length);
        assertEquals(5, r.pairs());
        assertTrue(List.of("mean", "bins", "isotonic", "regression").contains(r.model()));
        double best = r.backtest().maeByModel().values().stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        assertEquals(best, r.backtest().mae(), 1e-12, "auto picks the lowest backtest error");
        for (double f : r.forecast()) {
            assertTrue(f >= 0 && f <= 1 && !Double.isNaN(f), "forecast " + f);
        }
        assertEquals(365.0, r.gapDays(), 1e-9, "the last gap, in days");
        assertEquals(30.0, run(series, Map.of("k", 15, "gapDays", 30)).gapDays(), 1e-9);
    }

    private static SnapshotSeries at(SnapshotSeries series, long... untils) {
        List<SnapshotSeries.Snapshot> out = new ArrayList<>();
        for (int t = 0; t < untils.length; t++) {
            SnapshotSeries.Snapshot s = series.snapshots().get(t);
            out.add(new SnapshotSeries.Snapshot(s.runId(), untils[t], s.itemIds(), s.vectors(), s.dims(), s.norms(), s.interactions(),
                    s.covered()));
        }
        return new SnapshotSeries("gen", out);
    }

    @Test
    void theGapIsAFeatureOnlyWhenSnapshotsAreUnevenlySpaced() {
        SnapshotSeries series = generated(300, 5, 0.5, 8, false);
        long day = 86_400;
        long y2010 = 1_262_304_000L;
        // 1 January 2010 … 2014: gaps of 365, 365, 366 (2012 is a leap year) and 365 days.
        SnapshotSeries yearly = at(series, y2010, y2010 + 365 * day, y2010 + 730 * day, y2010 + 1096 * day, y2010 + 1461 * day);
        StabilityForecast.Result r = run(yearly, Map.of("k", 10, "lag", "no"));
        assertTrue(!r.features().contains("gapDays"), "a leap day is no information: " + r.features());
        assertEquals(365.0, r.gapDays(), 1e-9);
        SnapshotSeries uneven = at(series, y2010, y2010 + 30 * day, y2010 + 400 * day, y2010 + 490 * day, y2010 + 900 * day);
        StabilityForecast.Result u = run(uneven, Map.of("k", 10, "lag", "no"));
        assertTrue(u.features().contains("gapDays"), u.features().toString());
        assertTrue(u.backtest().features().contains("gapDays"), u.backtest().features().toString());
    }

    @Test
    void forecastsAreClippedToTheRangeOfAJaccard() {
        // Training outcomes rise steeply with the quantile: a straight line would go past 1 and below 0.
        List<StabilityForecast.Row> rows = new ArrayList<>();
        for (int i = 0; i <= 100; i++) {
            double q = i / 100.0;
            rows.add(new StabilityForecast.Row(q, 0, 0, 365, Double.NaN, Math.min(1, Math.max(0, 3 * q - 1))));
        }
        StabilityForecast.Model model = StabilityForecast.fit("regression", false, rows, ForecastConfig.from(Map.of("ridge", 0)));
        assertTrue(model.apply(rows.get(100)) > 1 || model.apply(rows.get(0)) < 0,
                "unclipped the regression leaves [0, 1]: " + model.apply(rows.get(0)) + ", " + model.apply(rows.get(100)));
        double[] f = StabilityForecast.predict(model, rows);
        for (double x : f) {
            assertTrue(x >= 0 && x <= 1, "clipped: " + x);
        }
        assertEquals(0.0, StabilityForecast.clip(-0.3));
        assertEquals(1.0, StabilityForecast.clip(1.7));
        assertEquals(0.4, StabilityForecast.clip(0.4));
    }

    @Test
    void isotonicFitsAMonotoneStepInEitherDirection() {
        List<StabilityForecast.Row> up = new ArrayList<>();
        List<StabilityForecast.Row> down = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            double q = i / 99.0;
            up.add(new StabilityForecast.Row(q, 0, 0, 365, Double.NaN, q < 0.5 ? 0.2 : 0.7));
            down.add(new StabilityForecast.Row(q, 0, 0, 365, Double.NaN, q < 0.5 ? 0.7 : 0.2));
        }
        ForecastConfig c = ForecastConfig.defaults();
        StabilityForecast.Model u = StabilityForecast.fit("isotonic", false, up, c);
        StabilityForecast.Model d = StabilityForecast.fit("isotonic", false, down, c);
        assertEquals(0.2, u.apply(up.get(10)), 1e-12);
        assertEquals(0.7, u.apply(up.get(90)), 1e-12);
        assertEquals(0.7, d.apply(down.get(10)), 1e-12);
        assertEquals(0.2, d.apply(down.get(90)), 1e-12);
    }

    @Test
    void tooFewSnapshotsIsAnErrorThatSaysHowManyAndWhatToDo() {
        SnapshotSeries two = generated(100, 2, 0.5, 1, false);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> run(two, Map.of()));
        assertTrue(e.getMessage().contains("at least 3 snapshot runs") && e.getMessage().contains("found 2")
                && e.getMessage().contains("spiky.snapshots"), e.getMessage());
    }

    @Test
    void aSampleThatDrawsNoItemIsAnErrorNamingSample() {
        SnapshotSeries series = generated(50, 3, 0.5, 2, false);
        long seed = 0;
        while (true) {
            long s = seed;
            if (java.util.stream.LongStream.range(0, 50).allMatch(id -> StabilityForecast.unit(id, s) >= 1.0 / 50)) {
                break;
            }
            seed++;
        }
        long none = seed;
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> run(series, Map.of("sample", 1, "seed", none, "k", 5)));
        assertTrue(e.getMessage().contains("sample") && e.getMessage().contains("raise"), e.getMessage());
    }

    @Test
    void configKeysAreCheckedWithTheNearestKeySuggested() {
        InvalidInputException typo = assertThrows(InvalidInputException.class, () -> ForecastConfig.from(Map.of("modle", "mean")));
        assertTrue(typo.getMessage().contains("Did you mean [model]"), typo.getMessage());
        InvalidInputException model = assertThrows(InvalidInputException.class, () -> ForecastConfig.from(Map.of("model", "forest")));
        assertTrue(model.getMessage().contains("model") && model.getMessage().contains("isotonic"), model.getMessage());
        assertThrows(InvalidInputException.class, () -> ForecastConfig.from(Map.of("k", 0)));
        assertThrows(InvalidInputException.class, () -> ForecastConfig.from(Map.of("gapDays", -1)));
        assertThrows(InvalidInputException.class, () -> ForecastConfig.from(Map.of("runs", List.of())));
        assertThrows(InvalidInputException.class, () -> ForecastConfig.from(Map.of("metric", "euclid")));
        ForecastConfig d = ForecastConfig.defaults();
        assertEquals(50, d.k());
        assertEquals("regression", d.model());
        assertTrue(Double.isNaN(d.gapDays()));
    }

    @Test
    void snapshotsMustComeInOrderOfTheirMoment() {
        SnapshotSeries series = generated(50, 3, 0.5, 1, false);
        List<SnapshotSeries.Snapshot> reversed = new ArrayList<>(series.snapshots());
        java.util.Collections.reverse(reversed);
        assertThrows(InvalidInputException.class, () -> new SnapshotSeries("gen", reversed));
    }
}
