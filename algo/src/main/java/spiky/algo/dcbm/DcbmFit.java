package spiky.algo.dcbm;

import java.util.Arrays;
import spiky.algo.stats.Correlation;

/**
 * The degree-corrected block model fitted by maximum likelihood to a fixed partition of a weighted
 * undirected graph (Karrer &amp; Newman 2011): θ_i = k_i / κ_r and B_rs = m_rs · 2m / (κ_r κ_s),
 * where k_i is the weighted degree of i, κ_r the sum of k over group r, m_rs the weight between r
 * and s (counted twice when r = s) and 2m the sum of all k. B_rr ≫ 1 ≫ B_rs means assortative
 * blocks; Σ_s B_rs κ_s = 2m for every r. Used to ask whether the spikes are the blocks of the
 * co-occurrence graph and whether the norm orders θ inside each, as the paper's theorem says.
 */
public final class DcbmFit {
    private DcbmFit() {}

    /**
     * The graph: {@code items} vertices, each in group {@code group[i]} (0 .. groups − 1), with
     * {@code norm[i]} to compare with θ, and the edges (from[e], to[e], weight[e]), each once.
     */
    public record Input(int groups, int[] group, double[] norm, int[] from, int[] to, double[] weight) {
        public Input {
            int n = group.length;
            if (norm.length != n) {
                throw new IllegalArgumentException(norm.length + " norms for " + n + " items");
            }
            if (from.length != to.length || from.length != weight.length) {
                throw new IllegalArgumentException("edge arrays differ in length");
            }
            for (int g : group) {
                if (g < 0 || g >= groups) {
                    throw new IllegalArgumentException("group " + g + " outside [0, " + groups + ")");
                }
            }
        }

        public int items() {
            return group.length;
        }
    }

    /**
     * One group: its size, κ, and the correlations of norm and θ inside it (NaN when undefined:
     * fewer than two items, a constant side, or κ = 0 so that θ is undefined).
     */
    public record Block(int group, int size, double kappa, double spearmanNormTheta, double pearsonNormTheta) {}

    /**
     * The fit.
     *
     * @param blocks      every group, indexed by group
     * @param largest     the groups shown in {@code blockMatrix}: the largest by size (ties: lower index first)
     * @param blockMatrix B between the {@code largest} groups, in that order (NaN where a κ is 0)
     * @param theta       θ of every item (NaN when its group has κ = 0)
     */
    public record Result(long edges, double twoM, double within, double[] theta, Block[] blocks, int[] largest,
            double[][] blockMatrix, double spearmanNormTheta, double meanSpearmanNormTheta) {
        /** Share of 2m inside groups; NaN without edges. */
        public double withinShare() {
            return twoM > 0 ? within / twoM : Double.NaN;
        }
    }

    /** Fits the model; {@code shown} caps how many of the largest groups the block matrix covers. */
    public static Result fit(Input in, int shown) {
        int n = in.items();
        int groups = in.groups();
        double[] k = new double[n];
        double within = 0;
        for (int e = 0; e < in.from().length; e++) {
            double w = in.weight()[e];
            int a = in.from()[e];
            int b = in.to()[e];
            k[a] += w;
            k[b] += w;
            if (in.group()[a] == in.group()[b]) {
                within += 2 * w;
            }
        }
        double[] kappa = new double[groups];
        int[] size = new int[groups];
        for (int i = 0; i < n; i++) {
            kappa[in.group()[i]] += k[i];
            size[in.group()[i]]++;
        }
        double twoM = 0;
        for (double x : kappa) {
            twoM += x;
        }
        double[] theta = new double[n];
        for (int i = 0; i < n; i++) {
            double kr = kappa[in.group()[i]];
            theta[i] = kr > 0 ? k[i] / kr : Double.NaN;
        }

        Block[] blocks = perGroup(in, theta, kappa, size);
        int[] largest = largest(size, Math.min(shown, groups));
        return new Result(in.from().length, twoM, within, theta, blocks, largest,
                blockMatrix(in, largest, kappa, twoM), pooledSpearman(in.norm(), theta), meanSpearman(blocks));
    }

    private static Block[] perGroup(Input in, double[] theta, double[] kappa, int[] size) {
        int groups = in.groups();
        // Items of each group, contiguous: counting sort by group.
        int[] start = new int[groups + 1];
        for (int g = 0; g < groups; g++) {
            start[g + 1] = start[g] + size[g];
        }
        int[] fill = Arrays.copyOf(start, groups);
        int[] order = new int[in.items()];
        for (int i = 0; i < in.items(); i++) {
            order[fill[in.group()[i]]++] = i;
        }
        Block[] blocks = new Block[groups];
        for (int g = 0; g < groups; g++) {
            double[] norms = new double[size[g]];
            double[] thetas = new double[size[g]];
            for (int t = 0; t < size[g]; t++) {
                norms[t] = in.norm()[order[start[g] + t]];
                thetas[t] = theta[order[start[g] + t]];
            }
            boolean defined = kappa[g] > 0;
            blocks[g] = new Block(g, size[g], kappa[g], defined ? Correlation.spearman(norms, thetas) : Double.NaN,
                    defined ? Correlation.pearson(norms, thetas) : Double.NaN);
        }
        return blocks;
    }

    /** The {@code count} largest groups, by size descending then index. */
    static int[] largest(int[] size, int count) {
        long[] keys = new long[size.length];
        for (int g = 0; g < size.length; g++) {
            keys[g] = ((long) (Integer.MAX_VALUE - size[g]) << 32) | g;
        }
        Arrays.sort(keys);
        int[] top = new int[count];
        for (int t = 0; t < count; t++) {
            top[t] = (int) keys[t];
        }
        return top;
    }

    private static double[][] blockMatrix(Input in, int[] largest, double[] kappa, double twoM) {
        int shown = largest.length;
        int[] position = new int[in.groups()];
        Arrays.fill(position, -1);
        for (int t = 0; t < shown; t++) {
            position[largest[t]] = t;
        }
        double[][] m = new double[shown][shown];
        for (int e = 0; e < in.from().length; e++) {
            int r = position[in.group()[in.from()[e]]];
            int s = position[in.group()[in.to()[e]]];
            if (r >= 0 && s >= 0) {
                m[r][s] += in.weight()[e];
                m[s][r] += in.weight()[e];
            }
        }
        for (int r = 0; r < shown; r++) {
            for (int s = 0; s < shown; s++) {
                double kr = kappa[largest[r]];
                double ks = kappa[largest[s]];
                m[r][s] = kr > 0 && ks > 0 ? m[r][s] * twoM / (kr * ks) : Double.NaN;
            }
        }
        return m;
    }

    /** Spearman(norm, θ) over every item whose θ is defined. */
    private static double pooledSpearman(double[] norm, double[] theta) {
        int kept = 0;
        double[] x = new double[norm.length];
        double[] y = new double[norm.length];
        for (int i = 0; i < norm.length; i++) {
            if (!Double.isNaN(theta[i])) {
                x[kept] = norm[i];
                y[kept] = theta[i];
                kept++;
            }
        }
        return Correlation.spearman(Arrays.copyOf(x, kept), Arrays.copyOf(y, kept));
    }

    /** The mean of the per-group Spearman over groups of at least three items where it is defined. */
    private static double meanSpearman(Block[] blocks) {
        double sum = 0;
        int count = 0;
        for (Block b : blocks) {
            if (b.size() >= 3 && !Double.isNaN(b.spearmanNormTheta())) {
                sum += b.spearmanNormTheta();
                count++;
            }
        }
        return count == 0 ? Double.NaN : sum / count;
    }
}
