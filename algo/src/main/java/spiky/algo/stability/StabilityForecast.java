package spiky.algo.stability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.algo.Termination;
import spiky.algo.stats.Correlation;

/**
 * A per-item forecast of how stable an item's similar-items list will stay (the paper's Section 4
 * question, turned into a prediction). From a dataset's snapshot runs s₀ < s₁ < … < s_m, for every
 * consecutive pair (s, s+1) and item of s, the target is the Jaccard (IoU) of the item's top-k
 * list in s with its top-k list in s+1, each among all the items of either run (an item new in
 * s+1 may enter a list; an item absent from s+1 has an empty list there: Jaccard 0). Features,
 * taken at s: the item's norm quantile in s (0 = lowest norm, 1 = highest), its interactions up
 * to s, whether the spike cover reached it, the gap to s+1 in days and the item's Jaccard over
 * the previous pair (the lag; missing for the first pair and for items new in s).
 *
 * <p>Backtest: every model is fitted on the pairs before the last and evaluated on the last pair
 * (mean absolute error, the error of the training mean for every item, and Spearman's rank
 * correlation of forecast and outcome). Then the chosen model is fitted on every pair and applied
 * to the latest snapshot's items (the gap being the last one, or the one asked for): the
 * expected Jaccard of each item's list between the latest snapshot and the next, clipped to
 * [0, 1].
 */
public final class StabilityForecast {
    public static final int MIN_SNAPSHOTS = 3;
    static final String[] REGRESSION_FEATURES = {"normQuantile", "normQuantile²", "log1p(interactions)", "covered", "gapDays", "lag",
            "lagMissing"};

    private StabilityForecast() {}

    /**
     * What the backtest measured for the chosen model, with every model's figures beside it.
     *
     * @param mae         mean absolute error of the chosen model on the last pair
     * @param baselineMae the same for every item forecast at the training mean
     * @param spearman    rank correlation of the forecast with the outcome (NaN when the forecast is constant)
     */
    public record Backtest(String model, boolean lag, List<String> features, double mae, double baselineMae, double spearman,
            int trainPairs, int trainRows, int testRows, double testMeanJaccard, Map<String, Double> maeByModel,
            Map<String, Double> spearmanByModel) {}

    /**
     * @param forecast per row of the latest snapshot, the expected Jaccard at the next step, in [0, 1]
     * @param features the chosen model's features, as fitted on every pair
     */
    public record Result(String runId, double[] forecast, Backtest backtest, String model, boolean lag, List<String> features,
            int snapshots, int pairs, int fitRows, double gapDays) {}

    /** One item of one snapshot pair: its features at the earlier snapshot and, when measured, the outcome. */
    record Row(double quantile, double logInteractions, double covered, double gapDays, double lag, double jaccard) {}

    /** The error for a dataset with fewer than {@link #MIN_SNAPSHOTS} snapshot runs. */
    public static InvalidInputException tooFewSnapshots(String dataset, int found) {
        return InvalidInputException.parameter("dataset", "the forecast needs at least " + MIN_SNAPSHOTS + " snapshot runs of dataset '"
                + dataset + "' (fitted on the earlier pairs, tested on the last), found " + found
                + ": make them with spiky.snapshots(dataset, {every: 'P1Y', from: ...})");
    }

    public static Result forecast(SnapshotSeries series, ForecastConfig config, Progress progress, Termination termination) {
        List<SnapshotSeries.Snapshot> snaps = series.snapshots();
        if (snaps.size() < MIN_SNAPSHOTS) {
            throw tooFewSnapshots(series.dataset(), snaps.size());
        }
        int m = snaps.size() - 1;
        List<Map<Object, Integer>> rowOf = new ArrayList<>();
        List<double[]> quantiles = new ArrayList<>();
        for (SnapshotSeries.Snapshot s : snaps) {
            Map<Object, Integer> index = new HashMap<>(s.size() * 2);
            for (int a = 0; a < s.size(); a++) {
                index.put(s.itemIds()[a], a);
            }
            rowOf.add(index);
            quantiles.add(quantiles(s.norms()));
        }
        // jaccard.get(p)[a]: the outcome of row a of snapshot p over pair (p, p+1); NaN when not measured.
        List<double[]> jaccard = new ArrayList<>();
        for (int p = 0; p < m; p++) {
            progress.report("forecast: neighbour lists of snapshot pairs", p, m);
            jaccard.add(pairJaccard(snaps.get(p), snaps.get(p + 1), rowOf.get(p + 1), p == m - 1 ? Integer.MAX_VALUE : config.sample(),
                    config, termination));
        }
        progress.report("forecast: neighbour lists of snapshot pairs", m, m);
        List<List<Row>> pairs = new ArrayList<>();
        for (int p = 0; p < m; p++) {
            SnapshotSeries.Snapshot s = snaps.get(p);
            double gap = (snaps.get(p + 1).until() - s.until()) / 86_400.0;
            List<Row> rows = new ArrayList<>();
            double[] j = jaccard.get(p);
            for (int a = 0; a < s.size(); a++) {
                if (!Double.isNaN(j[a])) {
                    rows.add(row(snaps, rowOf, quantiles, jaccard, p, a, gap, j[a]));
                }
            }
            pairs.add(rows);
        }
        List<Row> train = new ArrayList<>();
        pairs.subList(0, m - 1).forEach(train::addAll);
        List<Row> test = pairs.get(m - 1);
        if (train.isEmpty() || test.isEmpty()) {
            throw InvalidInputException.parameter("sample", "no item of the " + (train.isEmpty() ? "earlier snapshot pairs was sampled"
                    : "last snapshot pair is embedded") + " (sample " + config.sample() + "): raise sample");
        }
        double trainMean = train.stream().mapToDouble(Row::jaccard).average().orElse(Double.NaN);
        double[] actual = test.stream().mapToDouble(Row::jaccard).toArray();
        Map<String, Double> mae = new LinkedHashMap<>();
        Map<String, Double> spearman = new LinkedHashMap<>();
        boolean lag = switch (config.lag()) {
            case "yes" -> true;
            case "no" -> false;
            default -> {
                double with = mae(predict(fit("regression", true, train, config), test), actual);
                double without = mae(predict(fit("regression", false, train, config), test), actual);
                yield with < without;
            }
        };
        for (String name : List.of("mean", "bins", "isotonic", "regression")) {
            double[] f = predict(fit(name, lag, train, config), test);
            mae.put(name, mae(f, actual));
            spearman.put(name, Correlation.spearman(f, actual));
        }
        String chosen = config.model();
        if (chosen.equals("auto")) {
            chosen = mae.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow().getKey();
        }
        Model testModel = fit(chosen, lag, train, config);
        double baseline = mae(constant(trainMean, actual.length), actual);
        Backtest backtest = new Backtest(chosen, lag, testModel.features(), mae.get(chosen), baseline, spearman.get(chosen), m - 1,
                train.size(), test.size(), Arrays.stream(actual).average().orElse(Double.NaN), mae, spearman);

        List<Row> all = new ArrayList<>();
        pairs.forEach(all::addAll);
        Model model = fit(chosen, lag, all, config);
        SnapshotSeries.Snapshot latest = snaps.get(m);
        double gap = Double.isNaN(config.gapDays()) ? (latest.until() - snaps.get(m - 1).until()) / 86_400.0 : config.gapDays();
        List<Row> now = new ArrayList<>(latest.size());
        for (int a = 0; a < latest.size(); a++) {
            now.add(row(snaps, rowOf, quantiles, jaccard, m, a, gap, Double.NaN));
        }
        double[] forecast = predict(model, now);
        return new Result(latest.runId(), forecast, backtest, chosen, lag, model.features(), snaps.size(), m, all.size(), gap);
    }

    private static Row row(List<SnapshotSeries.Snapshot> snaps, List<Map<Object, Integer>> rowOf, List<double[]> quantiles,
            List<double[]> jaccard, int p, int a, double gapDays, double outcome) {
        SnapshotSeries.Snapshot s = snaps.get(p);
        double lag = Double.NaN;
        if (p > 0) {
            Integer before = rowOf.get(p - 1).get(s.itemIds()[a]);
            if (before != null) {
                lag = jaccard.get(p - 1)[before];
            }
        }
        return new Row(quantiles.get(p)[a], Math.log1p(s.interactions()[a]), s.covered()[a] ? 1 : 0, gapDays, lag, outcome);
    }

    /**
     * The Jaccard of each (sampled) item's top-k list in s with its list in t, among every item of
     * either run; NaN for the items not sampled.
     */
    static double[] pairJaccard(SnapshotSeries.Snapshot s, SnapshotSeries.Snapshot t, Map<Object, Integer> rowInT, int sample,
            ForecastConfig config, Termination termination) {
        int n = s.size();
        // The union of both runs' items: s's rows first, then the items new in t.
        List<Integer> newRows = new ArrayList<>();
        Map<Object, Integer> inS = new HashMap<>(n * 2);
        for (int a = 0; a < n; a++) {
            inS.put(s.itemIds()[a], a);
        }
        for (int b = 0; b < t.size(); b++) {
            if (!inS.containsKey(t.itemIds()[b])) {
                newRows.add(b);
            }
        }
        int union = n + newRows.size();
        int[] rowS = new int[union];
        int[] rowT = new int[union];
        Arrays.fill(rowS, -1);
        for (int a = 0; a < n; a++) {
            rowS[a] = a;
            Integer b = rowInT.get(s.itemIds()[a]);
            rowT[a] = b == null ? -1 : b;
        }
        for (int i = 0; i < newRows.size(); i++) {
            rowT[n + i] = newRows.get(i);
        }
        int[] candidates = IntStream.range(0, union).toArray();
        int[] sampled = sample >= n ? IntStream.range(0, n).toArray()
                : IntStream.range(0, n).filter(a -> unit(s.itemIds()[a], config.seed()) < (double) sample / n).toArray();
        StabilityConfig sc = new StabilityConfig(1, sampled.length, config.k(), config.dot(), config.seed(), config.concurrency());
        int[][] before = NeighbourStability.lists(new NeighbourStability.Embedding(s.vectors(), s.dims(), rowS), candidates, sampled, sc,
                termination);
        int[][] after = NeighbourStability.lists(new NeighbourStability.Embedding(t.vectors(), t.dims(), rowT), candidates, sampled, sc,
                termination);
        double[] out = new double[n];
        Arrays.fill(out, Double.NaN);
        for (int i = 0; i < sampled.length; i++) {
            out[sampled[i]] = NeighbourStability.jaccard(before[i], after[i]);
        }
        return out;
    }

    /** A number in [0, 1) fixed by the item id and the seed, so the same items are sampled in every pair. */
    static double unit(Object id, long seed) {
        long h = id.hashCode() * 0x9E3779B97F4A7C15L ^ seed;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return (h >>> 11) * 0x1.0p-53;
    }

    /** Each row's norm quantile: its rank by norm (ties by row) over n − 1; 0.5 for a single row. */
    static double[] quantiles(double[] norms) {
        int n = norms.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> norms[a] != norms[b] ? Double.compare(norms[a], norms[b]) : Integer.compare(a, b));
        double[] q = new double[n];
        for (int r = 0; r < n; r++) {
            q[order[r]] = n == 1 ? 0.5 : (double) r / (n - 1);
        }
        return q;
    }

    // ---------------------------------------------------------------- models

    /** A fitted model: a function of a row's features, and the names of the features it uses. */
    interface Model {
        double apply(Row row);

        List<String> features();
    }

    static Model fit(String name, boolean lag, List<Row> rows, ForecastConfig config) {
        if (rows.isEmpty()) {
            throw new IllegalStateException("no training rows");
        }
        double mean = rows.stream().mapToDouble(Row::jaccard).average().orElseThrow();
        return switch (name) {
            case "mean" -> new Model() {
                public double apply(Row r) {
                    return mean;
                }

                public List<String> features() {
                    return List.of();
                }
            };
            case "bins" -> bins(rows, config.bins(), mean);
            case "isotonic" -> isotonic(rows);
            case "regression" -> regression(rows, lag, config.ridge());
            // ForecastConfig accepts only the names above
            default -> throw new IllegalArgumentException("no forecast model named '" + name + "'");
        };
    }

    /** Forecasts clipped to [0, 1], the range of a Jaccard. */
    static double[] predict(Model model, List<Row> rows) {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = clip(model.apply(rows.get(i)));
        }
        return out;
    }

    static double clip(double x) {
        return Double.isNaN(x) ? x : Math.max(0, Math.min(1, x));
    }

    private static Model bins(List<Row> rows, int bins, double mean) {
        double[] sum = new double[bins];
        int[] count = new int[bins];
        for (Row r : rows) {
            int b = bin(r.quantile(), bins);
            sum[b] += r.jaccard();
            count[b]++;
        }
        double[] value = new double[bins];
        for (int b = 0; b < bins; b++) {
            value[b] = count[b] == 0 ? mean : sum[b] / count[b];
        }
        return new Model() {
            public double apply(Row r) {
                return value[bin(r.quantile(), bins)];
            }

            public List<String> features() {
                return List.of("normQuantile");
            }
        };
    }

    private static int bin(double q, int bins) {
        return Math.min(bins - 1, Math.max(0, (int) (q * bins)));
    }

    /** Isotonic regression in norm quantile (pool-adjacent-violators), increasing or decreasing, whichever fits better. */
    private static Model isotonic(List<Row> rows) {
        Row[] sorted = rows.toArray(new Row[0]);
        Arrays.sort(sorted, (a, b) -> Double.compare(a.quantile(), b.quantile()));
        double[][] up = pav(sorted, 1);
        double[][] down = pav(sorted, -1);
        double[][] best = sse(up, sorted) <= sse(down, sorted) ? up : down;
        double[] upper = best[0];
        double[] value = best[1];
        return new Model() {
            public double apply(Row r) {
                int i = Arrays.binarySearch(upper, r.quantile());
                if (i < 0) {
                    i = Math.min(-i - 1, upper.length - 1);
                }
                return value[i];
            }

            public List<String> features() {
                return List.of("normQuantile");
            }
        };
    }

    /** Blocks of PAV over rows sorted by quantile: {upper quantile of each block, its fitted value}. */
    private static double[][] pav(Row[] sorted, int sign) {
        int n = sorted.length;
        double[] sum = new double[n];
        double[] weight = new double[n];
        double[] upper = new double[n];
        int blocks = 0;
        for (Row r : sorted) {
            sum[blocks] = sign * r.jaccard();
            weight[blocks] = 1;
            upper[blocks] = r.quantile();
            blocks++;
            while (blocks > 1 && sum[blocks - 2] / weight[blocks - 2] > sum[blocks - 1] / weight[blocks - 1]) {
                sum[blocks - 2] += sum[blocks - 1];
                weight[blocks - 2] += weight[blocks - 1];
                upper[blocks - 2] = upper[blocks - 1];
                blocks--;
            }
        }
        // Rows of equal quantile belong to one block (a function of the quantile).
        List<double[]> merged = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            double v = sign * sum[b] / weight[b];
            if (!merged.isEmpty() && merged.get(merged.size() - 1)[0] == upper[b]) {
                double[] last = merged.get(merged.size() - 1);
                last[1] = (last[1] * last[2] + v * weight[b]) / (last[2] + weight[b]);
                last[2] += weight[b];
            } else {
                merged.add(new double[] {upper[b], v, weight[b]});
            }
        }
        double[][] out = new double[2][merged.size()];
        for (int b = 0; b < merged.size(); b++) {
            out[0][b] = merged.get(b)[0];
            out[1][b] = merged.get(b)[1];
        }
        return out;
    }

    private static double sse(double[][] blocks, Row[] sorted) {
        double s = 0;
        int b = 0;
        for (Row r : sorted) {
            while (blocks[0][b] < r.quantile()) {
                b++;
            }
            double d = blocks[1][b] - r.jaccard();
            s += d * d;
        }
        return s;
    }

    static double[] regressionFeatures(Row r, boolean lag) {
        double q = r.quantile();
        boolean missing = Double.isNaN(r.lag());
        return lag ? new double[] {q, q * q, r.logInteractions(), r.covered(), r.gapDays(), missing ? 0 : r.lag(), missing ? 1 : 0}
                : new double[] {q, q * q, r.logInteractions(), r.covered(), r.gapDays()};
    }

    /**
     * Ridge regression on standardised features (the intercept not penalised); a feature (nearly)
     * constant in the training rows (the gap of yearly snapshots, the lag when only the first pair
     * is there) is left out: kept only when its standard deviation passes 1 % of its mean.
     */
    private static Model regression(List<Row> rows, boolean lag, double ridge) {
        int p = lag ? 7 : 5;
        int n = rows.size();
        double[] mean = new double[p];
        double[] sd = new double[p];
        double yMean = 0;
        for (Row r : rows) {
            double[] x = regressionFeatures(r, lag);
            for (int j = 0; j < p; j++) {
                mean[j] += x[j];
            }
            yMean += r.jaccard();
        }
        yMean /= n;
        for (int j = 0; j < p; j++) {
            mean[j] /= n;
        }
        for (Row r : rows) {
            double[] x = regressionFeatures(r, lag);
            for (int j = 0; j < p; j++) {
                sd[j] += (x[j] - mean[j]) * (x[j] - mean[j]);
            }
        }
        List<Integer> kept = new ArrayList<>();
        for (int j = 0; j < p; j++) {
            sd[j] = Math.sqrt(sd[j] / n);
            // Nearly constant features are left out: standardised, the 365 or 366 days of yearly
            // snapshots would become a feature that only says which pair a row belongs to.
            if (sd[j] > 1e-12 && sd[j] > 0.01 * Math.abs(mean[j])) {
                kept.add(j);
            }
        }
        int q = kept.size();
        double[][] a = new double[q][q];
        double[] b = new double[q];
        for (Row r : rows) {
            double[] x = regressionFeatures(r, lag);
            double[] z = new double[q];
            for (int u = 0; u < q; u++) {
                int j = kept.get(u);
                z[u] = (x[j] - mean[j]) / sd[j];
            }
            double y = r.jaccard() - yMean;
            for (int u = 0; u < q; u++) {
                b[u] += z[u] * y;
                for (int v = 0; v < q; v++) {
                    a[u][v] += z[u] * z[v];
                }
            }
        }
        for (int u = 0; u < q; u++) {
            a[u][u] += ridge;
        }
        double[] beta = solve(a, b);
        double intercept = yMean;
        List<String> names = new ArrayList<>();
        for (int u = 0; u < q; u++) {
            names.add(REGRESSION_FEATURES[kept.get(u)]);
        }
        List<String> features = List.copyOf(names);
        return new Model() {
            public double apply(Row r) {
                double[] x = regressionFeatures(r, lag);
                double y = intercept;
                for (int u = 0; u < q; u++) {
                    int j = kept.get(u);
                    y += beta[u] * (x[j] - mean[j]) / sd[j];
                }
                return y;
            }

            public List<String> features() {
                return features;
            }
        };
    }

    /** Gaussian elimination with partial pivoting on a small symmetric positive (semi)definite system. */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = Arrays.copyOf(a[i], n + 1);
            m[i][n] = b[i];
        }
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[pivot][c])) {
                    pivot = r;
                }
            }
            double[] t = m[c];
            m[c] = m[pivot];
            m[pivot] = t;
            if (Math.abs(m[c][c]) < 1e-12) {
                continue; // a direction without information: its coefficient stays 0
            }
            for (int r = c + 1; r < n; r++) {
                double f = m[r][c] / m[c][c];
                for (int k = c; k <= n; k++) {
                    m[r][k] -= f * m[c][k];
                }
            }
        }
        double[] x = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            if (Math.abs(m[r][r]) < 1e-12) {
                continue;
            }
            double s = m[r][n];
            for (int k = r + 1; k < n; k++) {
                s -= m[r][k] * x[k];
            }
            x[r] = s / m[r][r];
        }
        return x;
    }

    static double mae(double[] forecast, double[] actual) {
        double s = 0;
        for (int i = 0; i < actual.length; i++) {
            s += Math.abs(forecast[i] - actual[i]);
        }
        return actual.length == 0 ? Double.NaN : s / actual.length;
    }

    private static double[] constant(double v, int n) {
        double[] out = new double[n];
        Arrays.fill(out, clip(v));
        return out;
    }
}
