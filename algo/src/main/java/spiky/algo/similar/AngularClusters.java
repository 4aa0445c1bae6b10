package spiky.algo.similar;

import java.util.SplittableRandom;
import spiky.algo.Parallel;
import spiky.algo.Termination;

/**
 * Rows grouped around unit centroids, each group with its angular radius, for an exact cosine
 * search that skips whole groups. The angle between unit vectors is a metric, so for a row x of a
 * group with centroid c and radius r (the largest angle between c and a member),
 * angle(q, x) ≥ angle(q, c) − r, hence cos(q, x) ≤ cos(max(0, angle(q, c) − r)). Visiting groups by
 * that bound, a search stops at the first group whose bound is below its k-th best cosine.
 *
 * <p>How rows are grouped only decides how much is skipped, never the answer: up to √n centroids
 * (see {@link #chooseCentroids}), each row joins its nearest, and each group's radius is measured
 * over its members. Zero rows (cosine 0 with everything) form a group of their own whose bound is
 * exactly 0.
 */
final class AngularClusters {
    /** Below this many rows a scan is fast enough and the grouping not worth building. */
    static final int MIN_ROWS = 20_000;
    static final double ANGLE_MARGIN = 1e-6;

    final int f;
    final int groups;
    /** groups × f, unit rows. */
    final double[] centroids;
    /** The cosine between each group's centroid and its farthest member: cos(radius). */
    final double[] minCos;
    /**
     * Members of group g: rows members[start[g] .. start[g+1]), ascending. Group {@code groups} holds
     * the zero rows; group {@code groups + 1} the loose rows, farther than COVER_COS from every
     * centroid (with more spikes than centroids, whole spikes), which the search scans row by row
     * rather than let them widen a group to no use.
     */
    final int[] members;
    final int[] start;

    private AngularClusters(int f, int groups, double[] centroids, double[] minCos, int[] members, int[] start) {
        this.f = f;
        this.groups = groups;
        this.centroids = centroids;
        this.minCos = minCos;
        this.members = members;
        this.start = start;
    }

    static AngularClusters build(RunMatrix m, RunMatrix.Truncation t, int concurrency, Termination termination) {
        int n = m.rows();
        int d = m.cols();
        int f = t.f();
        float[] data = m.data();
        double[] inverse = t.inverseNorms();
        double[] centroids = chooseCentroids(m, t, (int) Math.max(1, Math.min(4096, Math.round(Math.sqrt(n)))));
        int groups = Math.max(1, centroids.length / f);
        int found = centroids.length / f;
        // Each row joins the best of the CANDIDATES centroids nearest in its first p coordinates (a
        // quarter of the work of all f), judged on all f. An imperfect choice only widens a group or
        // leaves the row loose; the radii are measured on what was chosen.
        int p = t.prefix() > 0 ? t.prefix() : f;
        int[] groupOf = new int[n];
        double[] cosine = new double[n];
        int zeroGroup = groups;
        int looseGroup = groups + 1;
        Parallel.forRange(n, concurrency, 1024, termination, (from, to) -> {
            int[] candidate = new int[CANDIDATES];
            double[] candidateHead = new double[CANDIDATES];
            for (int a = from; a < to; a++) {
                if (inverse[a] == 0 || found == 0) {
                    groupOf[a] = zeroGroup;
                    continue;
                }
                int o = a * d;
                int kept = 0;
                for (int g = 0; g < found; g++) {
                    int c = g * f;
                    double head = 0;
                    for (int j = 0; j < p; j++) {
                        head += centroids[c + j] * data[o + j];
                    }
                    if (kept < CANDIDATES || head > candidateHead[kept - 1]) {
                        int i = kept < CANDIDATES ? kept++ : kept - 1;
                        while (i > 0 && candidateHead[i - 1] < head) {
                            candidateHead[i] = candidateHead[i - 1];
                            candidate[i] = candidate[i - 1];
                            i--;
                        }
                        candidateHead[i] = head;
                        candidate[i] = g;
                    }
                }
                int best = candidate[0];
                double bestDot = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < kept; i++) {
                    int c = candidate[i] * f;
                    double s = 0;
                    for (int j = 0; j < f; j++) {
                        s += centroids[c + j] * data[o + j];
                    }
                    if (s > bestDot) {
                        bestDot = s;
                        best = candidate[i];
                    }
                }
                cosine[a] = bestDot * inverse[a];
                groupOf[a] = cosine[a] >= COVER_COS ? best : looseGroup;
            }
        });
        double[] minCos = new double[groups];
        java.util.Arrays.fill(minCos, 1.0);
        int[] start = new int[groups + 3];
        for (int a = 0; a < n; a++) {
            int g = groupOf[a];
            start[g + 1]++;
            if (g < groups && cosine[a] < minCos[g]) {
                minCos[g] = cosine[a];
            }
        }
        for (int g = 0; g <= groups + 1; g++) {
            start[g + 1] += start[g];
        }
        int[] members = new int[n];
        int[] fill = java.util.Arrays.copyOf(start, groups + 2);
        for (int a = 0; a < n; a++) {
            members[fill[groupOf[a]]++] = a;
        }
        return new AngularClusters(f, groups, centroids, minCos, members, start);
    }

    /** The cosine under which a sampled row starts a group of its own rather than join one. */
    static final double COVER_COS = 0.8;
    /** Centroids per row judged on all f coordinates, of those nearest on the first p. */
    static final int CANDIDATES = 4;

    /**
     * Centroids by a greedy cover of a sample: sampled rows (a fixed seed) in turn, each becoming a
     * centroid unless one already chosen is within COVER_COS of it, up to {@code max}. A random
     * draw of √n rows would leave about a third of 1,000 equal spikes without a centroid of their own,
     * and their members would widen some other group to 90°; twenty samples per centroid leave none.
     * Returns max' × f unit rows.
     */
    static double[] chooseCentroids(RunMatrix m, RunMatrix.Truncation t, int max) {
        int n = m.rows();
        int d = m.cols();
        int f = t.f();
        float[] data = m.data();
        double[] inverse = t.inverseNorms();
        SplittableRandom random = new SplittableRandom(0x5EED_0000L + n * 31L + f);
        double[] chosen = new double[max * f];
        int count = 0;
        int samples = (int) Math.min(n, 20L * max);
        for (int i = 0; i < samples && count < max; i++) {
            int a = samples == n ? i : random.nextInt(n);
            if (inverse[a] == 0) {
                continue;
            }
            int o = a * d;
            boolean covered = false;
            for (int g = 0; g < count && !covered; g++) {
                double s = 0;
                for (int j = 0; j < f; j++) {
                    s += chosen[g * f + j] * data[o + j];
                }
                covered = s * inverse[a] >= COVER_COS;
            }
            if (!covered) {
                for (int j = 0; j < f; j++) {
                    chosen[count * f + j] = data[o + j] * inverse[a];
                }
                count++;
            }
        }
        return java.util.Arrays.copyOf(chosen, count * f);
    }

    /** Bytes held, for a size estimate. */
    long bytes() {
        return 8L * centroids.length + 8L * minCos.length + 4L * members.length + 4L * start.length;
    }

    /**
     * The upper bound of cos(q, x) over group g's members, with q given as a unit vector over f.
     * Rounding: near an angle of 0, acos turns an error of 1e-15 in a cosine into 5e-8 in the
     * angle, so the gap gets a margin of 1e-6 radians on top of it.
     */
    double bound(double[] unitQuery, int g) {
        if (g == groups) {
            return 0.0;
        }
        double s = 0;
        int c = g * f;
        for (int j = 0; j < f; j++) {
            s += unitQuery[j] * centroids[c + j];
        }
        double toCentroid = Math.acos(Math.max(-1.0, Math.min(1.0, s)));
        double radius = Math.acos(Math.max(-1.0, Math.min(1.0, minCos[g])));
        double gap = toCentroid - radius - ANGLE_MARGIN;
        return gap <= 0 ? 1.0 : Math.cos(gap);
    }
}
