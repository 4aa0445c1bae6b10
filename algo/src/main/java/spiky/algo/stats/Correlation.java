package spiky.algo.stats;

import java.util.Arrays;

/** Pearson's and Spearman's correlation of paired samples. */
public final class Correlation {
    private Correlation() {}

    /** Pearson's r; NaN when fewer than two pairs or when either sample is constant. */
    public static double pearson(double[] x, double[] y) {
        check(x, y);
        int n = x.length;
        if (n < 2) {
            return Double.NaN;
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) {
            return Double.NaN;
        }
        return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
    }

    /** Spearman's ρ: Pearson's r of the ranks, tied values sharing their average rank. */
    public static double spearman(double[] x, double[] y) {
        check(x, y);
        return pearson(ranks(x), ranks(y));
    }

    /** Ranks 1..n, ties averaged. */
    static double[] ranks(double[] v) {
        int n = v.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(v[a], v[b]));
        double[] r = new double[n];
        for (int start = 0; start < n; ) {
            int end = start + 1;
            while (end < n && Double.compare(v[order[end]], v[order[start]]) == 0) {
                end++;
            }
            double rank = (start + 1 + end) / 2.0; // average of ranks start+1 .. end
            for (int k = start; k < end; k++) {
                r[order[k]] = rank;
            }
            start = end;
        }
        return r;
    }

    private static void check(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new IllegalArgumentException("the samples differ in length: " + x.length + " and " + y.length);
        }
    }
}
