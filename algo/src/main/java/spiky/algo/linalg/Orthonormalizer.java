package spiky.algo.linalg;

import spiky.algo.Parallel;
import spiky.algo.Termination;

/**
 * Thin QR factorisations of tall-skinny row-major blocks X (n × k, n ≥ k): X is overwritten with
 * Q (orthonormal columns) and R (k × k upper triangular, row-major) is returned, X = Q·R.
 *
 * <p><b>Cholesky QR 2</b> (Fukaya, Nakatsukasa, Yanagisawa, Yamamoto 2014) is the main path:
 * G = XᵀX, R₁ = chol(G), Q₁ = X·R₁⁻¹, then the same once more on Q₁, R = R₂R₁. Both the Gram
 * matrix and the triangular solve are single parallel passes over the rows (see
 * {@link DenseOps}), so a QR costs four passes instead of the 2k passes of column-by-column
 * Householder QR. It is accurate when κ(X) ≲ 10⁷ (orthogonality to machine precision). It is
 * guarded twice: when a Cholesky pivot is tiny (a column nearly in the span of the previous
 * ones) or the second Gram matrix is not close enough to I to prove that Q₁ is well
 * conditioned, more passes run, and failing those the block goes to <b>Householder QR</b>
 * ({@link #householder}), which is unconditionally stable and handles rank-deficient blocks: Q
 * still has orthonormal columns (directions outside the range of X complete it) and R has
 * (near-)zero diagonal entries; it never produces NaN from finite input.
 *
 * <p>Results are identical for any concurrency (see {@link DenseOps}).
 */
public final class Orthonormalizer {
    private Orthonormalizer() {}

    /** A Cholesky pivot below this fraction of its diagonal entry counts as a breakdown. */
    static final double PIVOT_TOLERANCE = 1e-14;
    /**
     * In {@code full = false} mode one Cholesky pass is enough when every pivot is at least this
     * fraction of its diagonal entry (no column nearly in the span of the previous ones).
     */
    static final double SPAN_PIVOT_RATIO = 1e-8;
    /** ‖QᵀQ − I‖_F at most this proves κ(Q) ≤ √3, after which one more pass gives orthogonality to rounding. */
    static final double WELL_CONDITIONED = 0.5;
    static final int MAX_CHOLESKY_PASSES = 4;

    /**
     * What one factorisation did.
     *
     * @param r           k × k upper triangular, row-major, with X (before) = Q·R
     * @param householder whether Cholesky QR broke down and Householder QR finished the job
     *                    (X ill-conditioned or rank-deficient)
     */
    public record Factor(double[] r, boolean householder) {}

    /** Thin QR with Q orthonormal to rounding; X is overwritten with Q; returns R. */
    public static double[] qr(DenseBlock x, int concurrency, Termination termination) {
        return factor(x, true, concurrency, termination).r();
    }

    /**
     * Thin QR. With {@code full = false} (for intermediate steps that only need a well
     * conditioned basis of the same span, such as power iterations) a single Cholesky pass is
     * accepted when its pivots show no near-dependence; Q then has orthogonality error of order
     * u·κ(X)², tiny for such X. Otherwise, and always with {@code full = true}, Q is orthonormal
     * to rounding.
     */
    public static Factor factor(DenseBlock x, boolean full, int concurrency, Termination termination) {
        int n = x.rows();
        int k = x.cols();
        if (n < k) {
            throw new IllegalArgumentException("a thin QR needs rows ≥ columns, got " + n + " × " + k);
        }
        if (k == 0) {
            return new Factor(new double[0], false);
        }
        double[] acc = null;
        for (int pass = 0; pass < MAX_CHOLESKY_PASSES; pass++) {
            double[] g = DenseOps.gram(x, concurrency, termination);
            boolean confirmed = pass > 0 && deviationFromIdentity(g, k) <= WELL_CONDITIONED;
            Cholesky c = cholesky(g, k);
            if (c == null) {
                break;
            }
            DenseOps.solveUpperRight(x, c.r, concurrency, termination);
            acc = acc == null ? c.r : multiplyUpper(c.r, acc, k);
            if (confirmed || (pass == 0 && !full && c.minPivotRatio >= SPAN_PIVOT_RATIO)) {
                return new Factor(acc, false);
            }
        }
        double[] rh = householder(x, concurrency, termination);
        return new Factor(acc == null ? rh : multiplyUpper(rh, acc, k), true);
    }

    /** ‖G − I‖_F. */
    static double deviationFromIdentity(double[] g, int k) {
        double s = 0;
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                double d = g[i * k + j] - (i == j ? 1.0 : 0.0);
                s += d * d;
            }
        }
        return Math.sqrt(s);
    }

    /** An upper Cholesky factor and its smallest pivot relative to its diagonal entry. */
    record Cholesky(double[] r, double minPivotRatio) {}

    /**
     * R upper triangular with RᵀR = G (k × k symmetric, row-major), or null when a pivot is not
     * clearly positive (≤ {@link #PIVOT_TOLERANCE} × its diagonal entry, or not finite).
     */
    static Cholesky cholesky(double[] g, int k) {
        double[] r = new double[k * k];
        double minRatio = Double.POSITIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            double d = g[j * k + j];
            for (int i = 0; i < j; i++) {
                double rij = r[i * k + j];
                d -= rij * rij;
            }
            double gjj = g[j * k + j];
            if (!(d > PIVOT_TOLERANCE * gjj) || !(gjj > 0) || !Double.isFinite(d)) {
                return null;
            }
            minRatio = Math.min(minRatio, d / gjj);
            double rjj = Math.sqrt(d);
            r[j * k + j] = rjj;
            double inv = 1.0 / rjj;
            for (int c = j + 1; c < k; c++) {
                double s = g[j * k + c];
                for (int i = 0; i < j; i++) {
                    s -= r[i * k + j] * r[i * k + c];
                }
                r[j * k + c] = s * inv;
            }
        }
        return new Cholesky(r, minRatio);
    }

    /** A·B for upper triangular k × k a and b (row-major): upper triangular. */
    static double[] multiplyUpper(double[] a, double[] b, int k) {
        double[] out = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int m = i; m < k; m++) {
                double aim = a[i * k + m];
                if (aim == 0) {
                    continue;
                }
                int bm = m * k;
                int oi = i * k;
                for (int j = m; j < k; j++) {
                    out[oi + j] += aim * b[bm + j];
                }
            }
        }
        return out;
    }

    // ---------------------------------------------------------------------------------------
    // Householder QR
    // ---------------------------------------------------------------------------------------

    /**
     * Householder QR in place (the row-major counterpart of LAPACK's dgeqr2 + dorg2r): X is
     * overwritten with Q (n × k, orthonormal columns even when X is rank-deficient) and R is
     * returned. Each reflector is one parallel reduction and one parallel update over the rows,
     * so this costs about 4k passes over the block: the robust fallback, not the fast path.
     */
    public static double[] householder(DenseBlock x, int concurrency, Termination termination) {
        int n = x.rows();
        int k = x.cols();
        if (n < k) {
            throw new IllegalArgumentException("a thin QR needs rows ≥ columns, got " + n + " × " + k);
        }
        double[] a = x.data();
        double[] tau = new double[k];
        // Squared norm of column 0 below the diagonal.
        double normSq = columnSumOfSquares(a, n, k, 0, 1, concurrency, termination);
        for (int j = 0; j < k; j++) {
            termination.check();
            double alpha = a[j * k + j];
            double scale = 0;
            if (normSq > 0) {
                double beta = -Math.copySign(Math.sqrt(alpha * alpha + normSq), alpha);
                tau[j] = (beta - alpha) / beta;
                scale = 1.0 / (alpha - beta);
                a[j * k + j] = beta;
            }
            // Applying H_j = I − τ v vᵀ (v_j = 1, v_i = a[i][j]·scale below) to columns j+1.. and
            // measuring column j+1 below its diagonal for the next reflector.
            normSq = applyReflector(a, n, k, j, tau[j], scale, concurrency, termination);
        }
        double[] r = new double[k * k];
        for (int i = 0; i < k; i++) {
            System.arraycopy(a, i * k + i, r, i * k + i, k - i);
        }
        formQ(a, n, k, tau, concurrency, termination);
        return r;
    }

    /** Σ a[i][col]² over rows i in [fromRow, n), as a deterministic parallel reduction. */
    private static double columnSumOfSquares(double[] a, int n, int k, int col, int fromRow, int concurrency, Termination termination) {
        int rows = n - fromRow;
        if (rows <= 0) {
            return 0;
        }
        int chunk = DenseOps.reductionChunk(rows);
        double[] partial = new double[(rows + chunk - 1) / chunk];
        Parallel.forRange(rows, concurrency, chunk, termination, (from, to) -> {
            double s = 0;
            for (int i = fromRow + from; i < fromRow + to; i++) {
                double v = a[i * k + col];
                s += v * v;
            }
            partial[from / chunk] = s;
        });
        double s = 0;
        for (double p : partial) {
            s += p;
        }
        return s;
    }

    /**
     * Scales column j below the diagonal by {@code scale} (making it v), applies I − τ v vᵀ to
     * columns j+1..k−1 of rows j..n−1, and returns Σ a[i][j+1]² over rows i > j+1 afterwards.
     */
    private static double applyReflector(double[] a, int n, int k, int j, double tau, double scale, int concurrency,
            Termination termination) {
        int width = k - j - 1;
        int rows = n - j - 1;
        if (tau == 0) {
            // No reflection: column j is zero below the diagonal and the other columns are unchanged.
            return width > 0 ? columnSumOfSquares(a, n, k, j + 1, j + 2, concurrency, termination) : 0;
        }
        if (width == 0) {
            Parallel.forRange(rows, concurrency, termination, (from, to) -> {
                for (int i = j + 1 + from; i < j + 1 + to; i++) {
                    a[i * k + j] *= scale;
                }
            });
            return 0;
        }
        // w = τ·vᵀ A[j.., j+1..]; row j contributes with v_j = 1.
        double[] w = new double[width];
        System.arraycopy(a, j * k + j + 1, w, 0, width);
        if (rows > 0) {
            int chunk = DenseOps.reductionChunk(rows);
            double[][] partial = new double[(rows + chunk - 1) / chunk][];
            Parallel.forRange(rows, concurrency, chunk, termination, (from, to) -> {
                double[] p = new double[width];
                for (int i = j + 1 + from; i < j + 1 + to; i++) {
                    int b = i * k;
                    double v = a[b + j] * scale;
                    a[b + j] = v;
                    int c0 = b + j + 1;
                    for (int c = 0; c < width; c++) {
                        p[c] += v * a[c0 + c];
                    }
                }
                partial[from / chunk] = p;
            });
            for (double[] p : partial) {
                for (int c = 0; c < width; c++) {
                    w[c] += p[c];
                }
            }
        }
        for (int c = 0; c < width; c++) {
            w[c] *= tau;
            a[j * k + j + 1 + c] -= w[c];
        }
        if (rows == 0) {
            return 0;
        }
        int chunk = DenseOps.reductionChunk(rows);
        double[] partial = new double[(rows + chunk - 1) / chunk];
        Parallel.forRange(rows, concurrency, chunk, termination, (from, to) -> {
            double s = 0;
            for (int i = j + 1 + from; i < j + 1 + to; i++) {
                int b = i * k;
                double v = a[b + j];
                int c0 = b + j + 1;
                for (int c = 0; c < width; c++) {
                    a[c0 + c] -= v * w[c];
                }
                if (i > j + 1) {
                    double y = a[c0];
                    s += y * y;
                }
            }
            partial[from / chunk] = s;
        });
        double s = 0;
        for (double p : partial) {
            s += p;
        }
        return s;
    }

    /** Overwrites a (holding the reflectors below the diagonal) with Q = H_0·…·H_{k−1}·[I; 0]. */
    private static void formQ(double[] a, int n, int k, double[] tau, int concurrency, Termination termination) {
        for (int j = k - 1; j >= 0; j--) {
            termination.check();
            int width = k - j - 1;
            int rows = n - j - 1;
            double t = tau[j];
            if (t == 0) {
                // H_j = I: column j of Q is e_j on rows ≥ j (rows below j hold a stale v: clear them).
                int jj = j;
                Parallel.forRange(rows, concurrency, termination, (from, to) -> {
                    for (int i = jj + 1 + from; i < jj + 1 + to; i++) {
                        a[i * k + jj] = 0.0;
                    }
                });
                a[j * k + j] = 1.0;
            } else {
                if (width > 0) {
                    // Columns j+1.. hold Q's columns on rows > j and zero on row j.
                    double[] w = new double[width];
                    if (rows > 0) {
                        int chunk = DenseOps.reductionChunk(rows);
                        double[][] partial = new double[(rows + chunk - 1) / chunk][];
                        int jj = j;
                        Parallel.forRange(rows, concurrency, chunk, termination, (from, to) -> {
                            double[] p = new double[width];
                            for (int i = jj + 1 + from; i < jj + 1 + to; i++) {
                                int b = i * k;
                                double v = a[b + jj];
                                int c0 = b + jj + 1;
                                for (int c = 0; c < width; c++) {
                                    p[c] += v * a[c0 + c];
                                }
                            }
                            partial[from / chunk] = p;
                        });
                        for (double[] p : partial) {
                            for (int c = 0; c < width; c++) {
                                w[c] += p[c];
                            }
                        }
                    }
                    for (int c = 0; c < width; c++) {
                        w[c] *= t;
                        a[j * k + j + 1 + c] = -w[c];
                    }
                    int jj = j;
                    Parallel.forRange(rows, concurrency, termination, (from, to) -> {
                        for (int i = jj + 1 + from; i < jj + 1 + to; i++) {
                            int b = i * k;
                            double v = a[b + jj];
                            int c0 = b + jj + 1;
                            for (int c = 0; c < width; c++) {
                                a[c0 + c] -= v * w[c];
                            }
                            a[b + jj] = -t * v;
                        }
                    });
                } else {
                    int jj = j;
                    Parallel.forRange(rows, concurrency, termination, (from, to) -> {
                        for (int i = jj + 1 + from; i < jj + 1 + to; i++) {
                            a[i * k + jj] *= -t;
                        }
                    });
                }
                a[j * k + j] = 1.0 - t;
            }
            for (int i = 0; i < j; i++) {
                a[i * k + j] = 0.0;
            }
        }
    }
}
