package spiky.algo.similar;

import java.util.concurrent.ConcurrentHashMap;

/**
 * A run's embeddings in memory for similarity search: n rows of d floats, row-major, as stored
 * (floats, not doubles: half the memory and half the bytes each scan reads). Searches may use only
 * the first f ≤ d columns; what they need per f (norms of the truncated rows, their inverses, the
 * rows by descending norm) is computed once per f and kept, since a run does not change.
 */
public final class RunMatrix {
    private final float[] data;
    private final int n;
    private final int d;
    private final ConcurrentHashMap<Integer, Truncation> truncations = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Integer, AngularClusters> clusters = new ConcurrentHashMap<>();

    /**
     * The first f columns of every row, summarised.
     *
     * @param norms        Euclidean norm of each truncated row, in double
     * @param inverseNorms 1 / norm, and 0 for a zero row (so that its cosine with anything is 0)
     * @param byNorm       the rows by descending norm, ties by row index (the dot scan visits them in this order)
     * @param prefix       p: the cosine scan first sums the first p coordinates (0: it does not)
     * @param tailNorms    the norm of coordinates p to f of each row (null when prefix is 0)
     * @param heads        the first p coordinates of every row, n × p contiguous (null when prefix is 0): the
     *                     cosine scan's first pass streams these alone, a quarter of the bytes of the rows
     */
    public record Truncation(int f, double[] norms, double[] inverseNorms, int[] byNorm, int prefix, double[] tailNorms,
            float[] heads) {}

    /**
     * The prefix of the cosine scan's bound: a quarter of f, where the first coordinates of an SVD
     * embedding carry most of its energy. Below 32 coordinates a row is a cache line or two anyway.
     */
    static int prefixOf(int f) {
        return f < 32 ? 0 : (f / 4) & ~3;
    }

    public RunMatrix(float[] data, int n, int d) {
        if (n < 0 || d < 1 || (long) n * d != data.length) {
            throw new IllegalArgumentException("a " + n + " × " + d + " matrix needs " + (long) n * d + " floats, got " + data.length);
        }
        this.data = data;
        this.n = n;
        this.d = d;
    }

    public float[] data() {
        return data;
    }

    public int rows() {
        return n;
    }

    public int cols() {
        return d;
    }

    /** An estimate of the heap a matrix of n × d needs, with one truncation at f = d, for MemoryGuard. */
    public static long estimateBytes(long n, int d) {
        return 4L * n * d + 40L * n + 4L * n * prefixOf(d);
    }

    public Truncation truncation(int f) {
        if (f < 1 || f > d) {
            throw new IllegalArgumentException("f = " + f + " is not in [1, " + d + "]");
        }
        return truncations.computeIfAbsent(f, this::computeTruncation);
    }

    /** The grouping of the rows for the cosine search at f, built on first use (a pass of √n centroids over the rows). */
    AngularClusters clusters(int f, int concurrency, spiky.algo.Termination termination) {
        Truncation t = truncation(f);
        return clusters.computeIfAbsent(f, x -> AngularClusters.build(this, t, concurrency, termination));
    }

    /** Prepares what searches at f need (norms, order, grouping), so that the first search is not the slow one. */
    public void prepare(int f, int concurrency, spiky.algo.Termination termination) {
        truncation(f);
        if (n >= AngularClusters.MIN_ROWS) {
            clusters(f, concurrency, termination);
        }
    }

    private Truncation computeTruncation(int f) {
        int p = prefixOf(f);
        double[] norms = new double[n];
        double[] inverse = new double[n];
        double[] tails = p == 0 ? null : new double[n];
        float[] heads = p == 0 ? null : new float[Math.multiplyExact(n, p)];
        for (int a = 0; a < n; a++) {
            int o = a * d;
            if (heads != null) {
                System.arraycopy(data, o, heads, a * p, p);
            }
            double head = 0;
            for (int j = 0; j < p; j++) {
                double x = data[o + j];
                head += x * x;
            }
            double tail = 0;
            for (int j = p; j < f; j++) {
                double x = data[o + j];
                tail += x * x;
            }
            double s = head + tail;
            norms[a] = Math.sqrt(s);
            inverse[a] = s > 0 ? 1.0 / norms[a] : 0.0;
            if (tails != null) {
                tails[a] = Math.sqrt(tail);
            }
        }
        return new Truncation(f, norms, inverse, byDescendingNorm(norms), p, tails, heads);
    }

    /** Sorts row indices by norm, descending, ties by index, without boxing: sort (norm bits, index) keys. */
    static int[] byDescendingNorm(double[] norms) {
        int n = norms.length;
        // A merge sort of row indices with a primitive comparator: Arrays.sort on Integer[] would box a million rows.
        int[] order = new int[n];
        for (int a = 0; a < n; a++) {
            order[a] = a;
        }
        int[] buffer = new int[n];
        mergeSort(order, buffer, 0, n, norms);
        return order;
    }

    private static void mergeSort(int[] a, int[] buf, int from, int to, double[] norms) {
        if (to - from < 32) {
            for (int i = from + 1; i < to; i++) {
                int x = a[i];
                int j = i - 1;
                while (j >= from && before(x, a[j], norms)) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = x;
            }
            return;
        }
        int mid = (from + to) >>> 1;
        mergeSort(a, buf, from, mid, norms);
        mergeSort(a, buf, mid, to, norms);
        if (!before(a[mid], a[mid - 1], norms)) {
            return;
        }
        System.arraycopy(a, from, buf, from, to - from);
        int i = from;
        int j = mid;
        for (int o = from; o < to; o++) {
            if (j >= to || (i < mid && !before(buf[j], buf[i], norms))) {
                a[o] = buf[i++];
            } else {
                a[o] = buf[j++];
            }
        }
    }

    /** Row x comes before row y: larger norm, or the same norm and a smaller index. */
    private static boolean before(int x, int y, double[] norms) {
        return norms[x] > norms[y] || (norms[x] == norms[y] && x < y);
    }
}
