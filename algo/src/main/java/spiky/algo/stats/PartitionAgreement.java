package spiky.algo.stats;

import java.util.HashMap;
import java.util.Map;

/**
 * How well two partitions of the same items agree: the adjusted Rand index (Hubert and Arabie
 * 1985) and the normalised mutual information with the arithmetic-mean normalisation (the
 * default of scikit-learn's normalized_mutual_info_score). Labels are dense ints 0..k-1 (see
 * {@link Labels}); both are computed from the contingency table of the two labelings.
 */
public final class PartitionAgreement {
    private PartitionAgreement() {}

    /**
     * ARI in [-1, 1]: 1 for identical partitions (up to renaming), about 0 for independent ones.
     * Two partitions that are both a single group, or both all singletons, agree perfectly: 1.
     */
    public static double adjustedRandIndex(int[] a, int[] b) {
        Table t = Table.of(a, b);
        double index = 0;
        for (long c : t.cells.values()) {
            index += pairs(c);
        }
        double sumA = 0;
        for (long c : t.rowSums) {
            sumA += pairs(c);
        }
        double sumB = 0;
        for (long c : t.columnSums) {
            sumB += pairs(c);
        }
        double all = pairs(a.length);
        double expected = all == 0 ? 0 : sumA * sumB / all;
        double max = 0.5 * (sumA + sumB);
        // max == expected only when both partitions are one group or both all singletons.
        return max == expected ? 1.0 : (index - expected) / (max - expected);
    }

    /**
     * NMI in [0, 1]: I(A; B) / ((H(A) + H(B)) / 2), natural logarithms. 1 when both partitions
     * are a single group (nothing to tell apart), 0 when only one of them is.
     */
    public static double normalizedMutualInformation(int[] a, int[] b) {
        Table t = Table.of(a, b);
        double n = a.length;
        double ha = entropy(t.rowSums, n);
        double hb = entropy(t.columnSums, n);
        if (ha == 0 && hb == 0) {
            return 1.0;
        }
        double mi = 0;
        for (Map.Entry<Long, Long> e : t.cells.entrySet()) {
            int i = (int) (e.getKey() >>> 32);
            int j = (int) (long) e.getKey();
            double nij = e.getValue();
            mi += nij / n * Math.log(n * nij / ((double) t.rowSums[i] * t.columnSums[j]));
        }
        // Rounding can leave a hair outside [0, 1].
        return Math.max(0, Math.min(1, mi / (0.5 * (ha + hb))));
    }

    private static double pairs(long c) {
        return c * (c - 1) / 2.0;
    }

    private static double entropy(long[] counts, double n) {
        double h = 0;
        for (long c : counts) {
            if (c > 0) {
                h -= c / n * Math.log(c / n);
            }
        }
        return h;
    }

    /** The contingency table: sparse cells keyed by (row << 32 | column), and the margins. */
    private record Table(Map<Long, Long> cells, long[] rowSums, long[] columnSums) {
        static Table of(int[] a, int[] b) {
            if (a.length != b.length) {
                throw new IllegalArgumentException("the labelings differ in length: " + a.length + " and " + b.length);
            }
            Map<Long, Long> cells = new HashMap<>();
            long[] rows = new long[max(a) + 1];
            long[] columns = new long[max(b) + 1];
            for (int i = 0; i < a.length; i++) {
                cells.merge(((long) a[i] << 32) | (b[i] & 0xffffffffL), 1L, Long::sum);
                rows[a[i]]++;
                columns[b[i]]++;
            }
            return new Table(cells, rows, columns);
        }

        private static int max(int[] labels) {
            int m = -1;
            for (int l : labels) {
                if (l < 0) {
                    throw new IllegalArgumentException("labels must be 0 or more, got " + l);
                }
                m = Math.max(m, l);
            }
            return m;
        }
    }
}
