package spiky.algo.linalg;

import java.util.SplittableRandom;

/**
 * Seeded test data and plain-loop reference computations shared by the linalg and svd tests.
 * Everything here is deliberately naive (dense arrays, triple loops) so that it can serve as an
 * independent reference for the optimised kernels.
 */
public final class TestMatrices {
    private TestMatrices() {}

    /** A standard normal value by Box–Muller (independent of the generator the main code uses). */
    public static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** An n × k block of independent standard normal values. */
    public static DenseBlock gaussianBlock(int n, int k, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        DenseBlock x = new DenseBlock(n, k);
        for (int i = 0; i < n * k; i++) {
            x.data()[i] = gaussian(r);
        }
        return x;
    }

    /** An n × m array of independent standard normal values. */
    public static double[][] gaussianArray(int n, int m, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] a = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                a[i][j] = gaussian(r);
            }
        }
        return a;
    }

    /** A row-major copy of a 2-D array. */
    public static DenseBlock block(double[][] a) {
        int n = a.length;
        int m = n == 0 ? 0 : a[0].length;
        DenseBlock b = new DenseBlock(n, m);
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, b.data(), i * m, m);
        }
        return b;
    }

    /** A 2-D copy of a block. */
    public static double[][] array(DenseBlock b) {
        double[][] a = new double[b.rows()][b.cols()];
        for (int i = 0; i < b.rows(); i++) {
            for (int j = 0; j < b.cols(); j++) {
                a[i][j] = b.get(i, j);
            }
        }
        return a;
    }

    /** A 2-D copy of a row-major rows × cols array. */
    public static double[][] array(double[] rowMajor, int rows, int cols) {
        double[][] a = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            System.arraycopy(rowMajor, i * cols, a[i], 0, cols);
        }
        return a;
    }

    // ---------------------------------------------------------------- sparse matrices

    /** The non-zeros of a dense array as a CSR matrix with the given page shift. */
    public static CsrMatrix csr(double[][] dense, int cols, int pageShift) {
        int rows = dense.length;
        long[] offsets = new long[rows + 1];
        for (int i = 0; i < rows; i++) {
            int d = 0;
            for (int j = 0; j < cols; j++) {
                if (dense[i][j] != 0) {
                    d++;
                }
            }
            offsets[i + 1] = offsets[i] + d;
        }
        PagedIntArray columns = new PagedIntArray(offsets[rows], pageShift);
        PagedDoubleArray values = new PagedDoubleArray(offsets[rows], pageShift);
        long p = 0;
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                if (dense[i][j] != 0) {
                    columns.set(p, j);
                    values.set(p, dense[i][j]);
                    p++;
                }
            }
        }
        return new CsrMatrix(rows, cols, offsets, columns, values);
    }

    public static CsrMatrix csr(double[][] dense) {
        return csr(dense, dense.length == 0 ? 0 : dense[0].length, PagedIntArray.DEFAULT_PAGE_SHIFT);
    }

    /** The matrix as a dense array, read through the CSR arrays (not through get()). */
    public static double[][] dense(CsrMatrix a) {
        double[][] d = new double[a.rows()][a.cols()];
        for (int r = 0; r < a.rows(); r++) {
            for (long p = a.rowStart(r); p < a.rowEnd(r); p++) {
                d[r][a.column(p)] = a.value(p);
            }
        }
        return d;
    }

    /** A positive PPMI-like weight: log(1 + Pareto), heavy-tailed, bounded away from 0. */
    private static double ppmiWeight(SplittableRandom r) {
        return 0.05 + Math.log1p(Math.pow(1 - r.nextDouble(), -1 / 1.5) - 1 + r.nextDouble());
    }

    /**
     * A symmetric n × n matrix with about {@code density}·n² positive PPMI-like entries (the
     * diagonal included with the same probability), no planted structure: its spectrum has no
     * large gap below the first few values.
     */
    public static double[][] randomSymmetric(int n, double density, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = i; j < n; j++) {
                if (r.nextDouble() < density) {
                    double w = ppmiWeight(r);
                    a[i][j] = w;
                    a[j][i] = w;
                }
            }
        }
        return a;
    }

    /**
     * A symmetric n × n matrix with positive entries: {@code blocks} disjoint random groups of
     * {@code blockSize} items whose pairs all carry weight ≈ strength·(1 + b/4) for block b (so a
     * planted rank-{@code blocks} part with eigenvalues ≈ strength·(1 + b/4)·blockSize, well
     * separated from each other), plus sparse PPMI-like noise of the given density. The spectrum
     * has a large gap after the planted values.
     */
    public static double[][] planted(int n, int blocks, int blockSize, double strength, double noiseDensity, long seed) {
        return planted(n, blocks, blockSize, strength, noiseDensity, 0.1, seed);
    }

    /**
     * As {@link #planted(int, int, int, double, double, long)} with block entries
     * w·(1 + jitter·uniform): with jitter 0 and no noise the matrix has rank {@code blocks} exactly.
     */
    public static double[][] planted(int n, int blocks, int blockSize, double strength, double noiseDensity, double jitter, long seed) {
        if (blocks * blockSize > n) {
            throw new IllegalArgumentException("blocks do not fit");
        }
        SplittableRandom r = new SplittableRandom(seed);
        double[][] a = randomSymmetric(n, noiseDensity, r.nextLong());
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        for (int b = 0; b < blocks; b++) {
            double w = strength * (1 + b / 4.0);
            for (int x = 0; x < blockSize; x++) {
                int i = perm[b * blockSize + x];
                for (int y = x; y < blockSize; y++) {
                    int j = perm[b * blockSize + y];
                    double v = a[i][j] + w * (1 + jitter * r.nextDouble());
                    a[i][j] = v;
                    a[j][i] = v;
                }
            }
        }
        return a;
    }

    // ---------------------------------------------------------------- reference products

    /** A·X by plain loops for a dense rows × cols A and an X with cols rows. */
    public static double[][] multiply(double[][] a, double[][] x) {
        int n = a.length;
        int m = x.length;
        int k = m == 0 ? 0 : x[0].length;
        double[][] y = new double[n][k];
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < m; l++) {
                double v = a[i][l];
                if (v == 0) {
                    continue;
                }
                for (int j = 0; j < k; j++) {
                    y[i][j] += v * x[l][j];
                }
            }
        }
        return y;
    }

    public static double[][] transpose(double[][] a) {
        int n = a.length;
        int m = n == 0 ? 0 : a[0].length;
        double[][] t = new double[m][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }

    /** The Frobenius norm. */
    public static double norm(double[][] a) {
        double s = 0;
        for (double[] row : a) {
            for (double v : row) {
                s += v * v;
            }
        }
        return Math.sqrt(s);
    }

    /** max |a − b| over all entries (the shapes must agree). */
    public static double maxAbsDiff(double[][] a, double[][] b) {
        if (a.length != b.length) {
            throw new AssertionError("row counts differ: " + a.length + " and " + b.length);
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i].length != b[i].length) {
                throw new AssertionError("column counts differ in row " + i);
            }
            for (int j = 0; j < a[i].length; j++) {
                m = Math.max(m, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return m;
    }

    /** max |a − b|. */
    public static double maxAbsDiff(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new AssertionError("lengths differ: " + a.length + " and " + b.length);
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    /** max |QᵀQ − I| over all entries, by plain loops. */
    public static double orthogonalityError(DenseBlock q) {
        int n = q.rows();
        int k = q.cols();
        double m = 0;
        for (int a = 0; a < k; a++) {
            for (int b = a; b < k; b++) {
                double s = 0;
                for (int i = 0; i < n; i++) {
                    s += q.get(i, a) * q.get(i, b);
                }
                m = Math.max(m, Math.abs(s - (a == b ? 1 : 0)));
            }
        }
        return m;
    }
}
