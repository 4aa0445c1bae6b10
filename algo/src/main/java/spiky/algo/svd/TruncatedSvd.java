package spiky.algo.svd;

import spiky.Progress;
import spiky.algo.MemoryGuard;
import spiky.algo.Termination;
import spiky.algo.linalg.CsrMatrix;
import spiky.algo.linalg.DenseBlock;

/**
 * Truncated SVD of a sparse symmetric n × n matrix A (the PPMI matrix): the f largest singular
 * values and their left singular vectors, A never formed as dense. For symmetric A the singular
 * values are the |λ| of its eigenvalues and the singular vectors its eigenvectors.
 *
 * <h2>{@link SvdMethod#RANDOMIZED}</h2>
 * scikit-learn's {@code randomized_svd(A, n_components=f, n_oversamples=o, n_iter=q,
 * power_iteration_normalizer='auto', random_state=seed)} (Halko, Martinsson and Tropp 2011,
 * Algorithms 4.4 and 5.1), up to the random numbers:
 * <ol>
 *   <li>k = f + o; Ω is n × k standard Gaussian (seeded, see
 *   {@link spiky.algo.linalg.DenseOps#fillGaussian}: the same for any concurrency); Q = Ω.</li>
 *   <li>q times: Q = normalise(A·Q), Q = normalise(Aᵀ·Q) (= A·Q, A being symmetric). scikit-learn
 *   normalises with an LU factorisation (for q &gt; 2). Here every step is a QR factorisation
 *   (Cholesky QR; a single pass when the Gram matrix is comfortably conditioned, otherwise
 *   Cholesky QR 2 with a Householder fallback, see
 *   {@link spiky.algo.linalg.Orthonormalizer}), which keeps the same span and gives a basis at
 *   least as well conditioned as LU's, so it is at least as stable.</li>
 *   <li>Q = orth(A·Q), orthonormal to rounding (Cholesky QR 2 / Householder).</li>
 *   <li>B = Qᵀ A (k × n) is Cᵀ for C = A·Q. A thin QR C = Q₂R gives B = Rᵀ Q₂ᵀ, and the SVD of the
 *   small Rᵀ = U_r S V_rᵀ gives B = U_r S (Q₂V_r)ᵀ. So U = Q·U_r and σ = S; the first f are kept.</li>
 * </ol>
 * That is 2q + 2 products of A with an n × k block (16 with the defaults).
 *
 * <h2>{@link SvdMethod#BLOCK_KRYLOV}</h2>
 * A block Lanczos method with full reorthogonalisation (for symmetric A, block Arnoldi), with
 * Rayleigh–Ritz on the whole Krylov space:
 * <ol>
 *   <li>Q₁ = orth(Ω) for a Gaussian n × b block (b = 4·⌈k/32⌉, 20 for k = 138).</li>
 *   <li>For each block j: W = A·Q_j (one product); W is orthogonalised against the last two
 *   blocks and then, once or more, against the whole basis, each round followed by a Cholesky
 *   QR (block classical Gram–Schmidt twice, "BCGS2"); the inner products of each round are
 *   accumulated into the projected matrix T = Qᵀ A Q; the normalised W is Q_{j+1}. If a block
 *   is (nearly) rank-deficient (the space is nearly invariant) the Householder completion is
 *   orthogonalised again, which restarts the recurrence in fresh directions.</li>
 *   <li>Once the basis holds ⌈(q + 7)·k/4⌉ columns (q = powerIterations: 3.5k, 25 blocks, with the
 *   defaults), the
 *   eigen-decomposition T = Y Θ Yᵀ (EJML) gives Ritz pairs; those with the f largest |θ| are the
 *   singular values σ = |θ| and U = Q·Y.</li>
 * </ol>
 * The Krylov space of degree m contains every polynomial in A of degree &lt; m applied to Ω, and
 * Rayleigh–Ritz on it finds eigenvalues at both ends of the spectrum (PPMI matrices have large
 * negative eigenvalues too), so it reaches the same or better accuracy with far fewer products:
 * some 3.5k matrix–vector products instead of RANDOMIZED's 16k. The price is the
 * orthogonalisation against a basis of 3.5k columns, n·(3.5k)² multiply–adds in all, which RANDOMIZED
 * does not pay (its orthonormalisations cost 16·n·k²): Krylov wins when A has many entries per
 * row, as PPMI matrices of real data do.
 *
 * <p>Both methods return U with each column's largest-magnitude entry positive (scikit-learn's
 * {@code svd_flip}); results depend on the seed only, never on the concurrency. Termination is
 * checked in every loop over the rows.
 */
public final class TruncatedSvd {
    private TruncatedSvd() {}

    /**
     * @param a           symmetric n × n (not checked: checking costs as much as a product)
     * @param config      rank f ≤ n; rank + oversampling is capped at n
     * @param concurrency threads for the products and the dense passes
     */
    public static SvdResult compute(CsrMatrix a, SvdConfig config, int concurrency, Progress progress, Termination termination) {
        if (a.rows() != a.cols()) {
            throw new IllegalArgumentException("the matrix must be square, got " + a.rows() + " × " + a.cols());
        }
        if (config.rank() > a.rows()) {
            // callers check the user's rank first (PipelineConfig.checkSvdFits), in the user's words
            throw new IllegalArgumentException("rank " + config.rank() + " exceeds the " + a.rows() + " rows of the matrix");
        }
        int threads = Math.max(1, concurrency);
        return switch (config.method()) {
            case RANDOMIZED -> RandomizedSvd.compute(a, config, threads, progress, termination);
            case BLOCK_KRYLOV -> BlockKrylovSvd.compute(a, config, threads, progress, termination);
        };
    }

    /** Peak extra heap the computation needs beyond A itself (for the memory guard). */
    public static long estimateBytes(int n, long nnz, SvdConfig config) {
        return switch (config.method()) {
            case RANDOMIZED -> RandomizedSvd.estimateBytes(n, config);
            case BLOCK_KRYLOV -> BlockKrylovSvd.estimateBytes(n, config);
        };
    }

    /**
     * For a refusal: the settings closest to {@code config} whose estimate fits {@code available}
     * bytes, in the user's words. Block Krylov's basis (n × ⌈(q + 7)·k/4⌉ doubles) is what grows
     * with n: at 2 M rows the default basis alone is 8 GB. A smaller q fits, at a cost in accuracy
     * on the lower singular values that bench/krylov-basis.sh measured (on a 116k-item DCBM, q = 3
     * is 1.4e-2 off on the top 64 and 7.4e-2 on all 128, about randomized's 1.7e-2 on both); the
     * randomized method needs about half the heap but many more products. Null when neither fits.
     */
    public static String fittingSettings(int n, long nnz, SvdConfig config, long available) {
        StringBuilder s = new StringBuilder();
        if (config.method() == SvdMethod.BLOCK_KRYLOV) {
            for (int q = config.powerIterations() - 1; q >= 0; q--) {
                SvdConfig smaller = new SvdConfig(config.rank(), config.oversampling(), q, config.seed(), config.method());
                long bytes = estimateBytes(n, nnz, smaller);
                if (bytes <= available) {
                    BlockKrylovSvd.Plan plan = BlockKrylovSvd.plan(smaller, n);
                    s.append("It fits with powerIterations: ").append(q).append(" (a Krylov basis of ")
                            .append((long) plan.blocks() * plan.blockSize()).append(" columns, about ")
                            .append(MemoryGuard.human(bytes)).append("; less accurate on the lower singular values)");
                    break;
                }
            }
        }
        if (config.method() != SvdMethod.RANDOMIZED) {
            long bytes = estimateBytes(n, nnz, config.withMethod(SvdMethod.RANDOMIZED));
            if (bytes <= available) {
                s.append(s.length() == 0 ? "It fits with" : ", or with").append(" method: 'randomized' (about ")
                        .append(MemoryGuard.human(bytes)).append("; the paper's method, many more products)");
            }
        }
        return s.length() == 0 ? null : s.append('.').toString();
    }

    /** scikit-learn's svd_flip on U: each column's largest-|·| entry (the first one on ties) made positive. */
    static void flipSigns(DenseBlock u) {
        int n = u.rows();
        int f = u.cols();
        double[] data = u.data();
        double[] best = new double[f];
        boolean[] negative = new boolean[f];
        for (int i = 0; i < n; i++) {
            int b = i * f;
            for (int j = 0; j < f; j++) {
                double v = data[b + j];
                double m = Math.abs(v);
                if (m > best[j]) {
                    best[j] = m;
                    negative[j] = v < 0;
                }
            }
        }
        for (int i = 0; i < n; i++) {
            int b = i * f;
            for (int j = 0; j < f; j++) {
                if (negative[j]) {
                    data[b + j] = -data[b + j];
                }
            }
        }
    }
}
