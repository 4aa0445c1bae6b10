package spiky.algo.stability;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import spiky.algo.Parallel;
import spiky.algo.Termination;

/**
 * How stable items' similar-items lists stay from one embedding to another, by norm: the
 * reference analysis of the paper (Section 4). The reference run's items are split into equal-size
 * quantiles of their norm; a seeded sample of each quantile is drawn; in every run, each sampled
 * item's top-k list is computed among the candidates of its quantile (the quantile's items present
 * in that run), and compared with its list in the reference run by Jaccard similarity (IoU). An
 * item absent from a run has an empty list there (Jaccard 0), and is counted as missing.
 */
public final class NeighbourStability {
    private NeighbourStability() {}

    /** One embedding: row-major vectors (rows × dims) and, per reference item, its row or -1. */
    public record Embedding(double[] vectors, int dims, int[] rowOfItem) {}

    /** Mean Jaccard of one run and one partition, with a normal-approximation 95 % interval. */
    public record Cell(int run, int partition, double normMin, double normMax, int candidates, int sampled, int missing,
            double meanJaccard, double ciLow, double ciHigh, double meanJaccardPresent) {}

    /**
     * @param referenceNorms norm per reference item (the items are the reference run's rows)
     * @param reference      the reference embedding (rowOfItem is the identity for its own items)
     * @param runs           the runs to compare, in the order of the result's run index
     */
    public static List<Cell> measure(double[] referenceNorms, Embedding reference, List<Embedding> runs, StabilityConfig config,
            Termination termination) {
        int[][] partitions = partitions(referenceNorms, config.partitions());
        List<Cell> cells = new ArrayList<>();
        for (int p = 0; p < partitions.length; p++) {
            int[] members = partitions[p];
            int[] sample = sample(members, config.sample(), config.seed() + p);
            int[][] referenceLists = lists(reference, members, sample, config, termination);
            double normMin = referenceNorms[members[0]];
            double normMax = referenceNorms[members[members.length - 1]];
            for (int r = 0; r < runs.size(); r++) {
                Embedding run = runs.get(r);
                int[][] runLists = lists(run, members, sample, config, termination);
                double[] jaccard = new double[sample.length];
                int missing = 0;
                double presentSum = 0;
                for (int s = 0; s < sample.length; s++) {
                    jaccard[s] = jaccard(referenceLists[s], runLists[s]);
                    if (run.rowOfItem()[sample[s]] < 0) {
                        missing++;
                    } else {
                        presentSum += jaccard[s];
                    }
                }
                // Without the absent items: how lists change for items both runs know.
                double present = missing == sample.length ? Double.NaN : presentSum / (sample.length - missing);
                double mean = Arrays.stream(jaccard).average().orElse(Double.NaN);
                double half = sample.length > 1 ? 1.96 * standardDeviation(jaccard, mean) / Math.sqrt(sample.length) : 0;
                cells.add(new Cell(r, p, normMin, normMax, members.length, sample.length, missing, mean, mean - half, mean + half, present));
            }
        }
        return cells;
    }

    /** Item indices split into equal-size quantiles of norm, lowest first; each sorted by norm. */
    static int[][] partitions(double[] norms, int count) {
        int[] order = byValueThenIndex(norms);
        int parts = Math.min(count, norms.length);
        int[][] result = new int[parts][];
        for (int p = 0; p < parts; p++) {
            int from = (int) ((long) p * norms.length / parts);
            int to = (int) ((long) (p + 1) * norms.length / parts);
            result[p] = new int[to - from];
            for (int i = from; i < to; i++) {
                result[p][i - from] = order[i];
            }
        }
        return result;
    }

    /**
     * The indices of {@code values} in ascending order of value (Double.compare's order), equal
     * values by index: each index sorted as one long, the rank of its value among the distinct
     * values above its index, so no boxed index and no comparator (a million items here).
     */
    static int[] byValueThenIndex(double[] values) {
        double[] distinct = values.clone();
        Arrays.sort(distinct);
        int d = 0;
        for (int i = 0; i < distinct.length; i++) {
            if (i == 0 || Double.compare(distinct[i], distinct[d - 1]) != 0) {
                distinct[d++] = distinct[i];
            }
        }
        long[] keys = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            long rank = Arrays.binarySearch(distinct, 0, d, values[i]);
            keys[i] = rank << 32 | i;
        }
        Arrays.sort(keys);
        int[] order = new int[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = (int) keys[i];
        }
        return order;
    }

    /** A seeded sample of {@code size} members without replacement (a partial Fisher–Yates shuffle). */
    static int[] sample(int[] members, int size, long seed) {
        int[] copy = members.clone();
        int m = Math.min(size, copy.length);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < m; i++) {
            int j = i + random.nextInt(copy.length - i);
            int t = copy[i];
            copy[i] = copy[j];
            copy[j] = t;
        }
        return Arrays.copyOf(copy, m);
    }

    /**
     * The top-k list (reference item indices, sorted) of each sampled item in one embedding, among
     * the candidates present in it; empty for an item absent from it.
     */
    static int[][] lists(Embedding e, int[] candidates, int[] sample, StabilityConfig config, Termination termination) {
        int d = e.dims();
        double[] v = e.vectors();
        int[] present = Arrays.stream(candidates).filter(c -> e.rowOfItem()[c] >= 0).toArray();
        double[] inverseNorm = new double[present.length];
        for (int c = 0; c < present.length; c++) {
            int row = e.rowOfItem()[present[c]];
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += v[row * d + j] * v[row * d + j];
            }
            inverseNorm[c] = config.dot() || s == 0 ? 1.0 : 1.0 / Math.sqrt(s);
        }
        int[][] lists = new int[sample.length][];
        Parallel.forRange(sample.length, config.concurrency(), Math.max(1, sample.length / (config.concurrency() * 8)), termination,
                (from, to) -> {
                    double[] scores = new double[present.length];
                    for (int s = from; s < to; s++) {
                        int query = e.rowOfItem()[sample[s]];
                        if (query < 0) {
                            lists[s] = new int[0];
                            continue;
                        }
                        for (int c = 0; c < present.length; c++) {
                            int row = e.rowOfItem()[present[c]];
                            double dot = 0;
                            for (int j = 0; j < d; j++) {
                                dot += v[query * d + j] * v[row * d + j];
                            }
                            // Cosine up to the query's own norm, which does not change the order.
                            scores[c] = dot * inverseNorm[c];
                        }
                        lists[s] = top(scores, present, sample[s], config.k());
                    }
                });
        return lists;
    }

    /**
     * The k best candidates other than {@code self} (ties to the lower item index), as sorted item
     * indices: a bounded heap whose root is the worst kept candidate, so no boxing and O(m log k).
     */
    static int[] top(double[] scores, int[] items, int self, int k) {
        int others = 0;
        for (int item : items) {
            if (item != self) {
                others++;
            }
        }
        int[] heap = new int[Math.min(k, others)];
        int size = 0;
        for (int c = 0; c < items.length; c++) {
            if (items[c] == self || heap.length == 0) {
                continue;
            }
            if (size < heap.length) {
                heap[size] = c;
                int i = size++;
                while (i > 0 && better(scores, items, heap[(i - 1) / 2], heap[i])) {
                    swap(heap, i, (i - 1) / 2);
                    i = (i - 1) / 2;
                }
            } else if (better(scores, items, c, heap[0])) {
                heap[0] = c;
                int i = 0;
                while (true) {
                    int worst = i;
                    int l = 2 * i + 1;
                    int r = l + 1;
                    if (l < size && better(scores, items, heap[worst], heap[l])) {
                        worst = l;
                    }
                    if (r < size && better(scores, items, heap[worst], heap[r])) {
                        worst = r;
                    }
                    if (worst == i) {
                        break;
                    }
                    swap(heap, i, worst);
                    i = worst;
                }
            }
        }
        int[] result = new int[size];
        for (int i = 0; i < size; i++) {
            result[i] = items[heap[i]];
        }
        Arrays.sort(result);
        return result;
    }

    private static boolean better(double[] scores, int[] items, int a, int b) {
        return scores[a] > scores[b] || (scores[a] == scores[b] && items[a] < items[b]);
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    /** |a ∩ b| / |a ∪ b| of two sorted sets; 1 when both are empty. */
    static double jaccard(int[] a, int[] b) {
        if (a.length == 0 && b.length == 0) {
            return 1.0;
        }
        int i = 0;
        int j = 0;
        int common = 0;
        while (i < a.length && j < b.length) {
            if (a[i] == b[j]) {
                common++;
                i++;
                j++;
            } else if (a[i] < b[j]) {
                i++;
            } else {
                j++;
            }
        }
        return (double) common / (a.length + b.length - common);
    }

    private static double standardDeviation(double[] x, double mean) {
        double s = 0;
        for (double v : x) {
            s += (v - mean) * (v - mean);
        }
        return Math.sqrt(s / (x.length - 1));
    }
}
