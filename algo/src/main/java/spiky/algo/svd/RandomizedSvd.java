package spiky.algo.svd;

import spiky.Progress;
import spiky.algo.Termination;
import spiky.algo.linalg.CsrMatrix;
import spiky.algo.linalg.DenseBlock;
import spiky.algo.linalg.DenseOps;
import spiky.algo.linalg.Orthonormalizer;
import spiky.algo.linalg.SmallDecompositions;

/** {@link SvdMethod#RANDOMIZED}: scikit-learn's randomized_svd; see {@link TruncatedSvd}. */
final class RandomizedSvd {
    private RandomizedSvd() {}

    static SvdResult compute(CsrMatrix a, SvdConfig config, int concurrency, Progress progress, Termination termination) {
        long start = System.nanoTime();
        int n = a.rows();
        int f = config.rank();
        int k = Math.min(config.sketchWidth(), n);
        int q = config.powerIterations();
        int totalProducts = 2 * q + 2;
        int products = 0;

        progress.report("svd: random start", 0, totalProducts);
        DenseBlock x = new DenseBlock(n, k);
        DenseOps.fillGaussian(x, config.seed(), concurrency, termination);
        DenseBlock y = new DenseBlock(n, k);

        // Power iterations: Q ← orth(A·Q), Q ← orth(Aᵀ·Q) = orth(A·Q) as A is symmetric.
        for (int i = 1; i <= q; i++) {
            String stage = "svd: power iteration " + i + "/" + q;
            for (int half = 0; half < 2; half++) {
                progress.report(stage, products, totalProducts);
                a.multiplyInto(x, y, concurrency, termination);
                products++;
                Orthonormalizer.factor(y, false, concurrency, termination);
                DenseBlock t = x;
                x = y;
                y = t;
            }
        }

        // Range finder: Q = orth(A·Q), orthonormal to rounding.
        progress.report("svd: range finder", products, totalProducts);
        a.multiplyInto(x, y, concurrency, termination);
        products++;
        Orthonormalizer.qr(y, concurrency, termination);
        DenseBlock qBasis = y;
        y = x;
        x = null;

        // B = Qᵀ A = Cᵀ with C = A·Q (A symmetric). C = Q₂R gives B = Rᵀ Q₂ᵀ; with Rᵀ = U_r S V_rᵀ,
        // B = U_r S (Q₂ V_r)ᵀ, so A's left singular vectors are Q·U_r and its singular values S.
        progress.report("svd: projection", products, totalProducts);
        a.multiplyInto(qBasis, y, concurrency, termination);
        products++;
        double[] r = Orthonormalizer.qr(y, concurrency, termination);
        y = null;
        double[] rt = new double[k * k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                rt[j * k + i] = r[i * k + j];
            }
        }
        SmallDecompositions.Svd small = SmallDecompositions.svd(rt, k);
        int keep = Math.min(f, k);
        double[] uf = new double[k * keep];
        for (int i = 0; i < k; i++) {
            System.arraycopy(small.left(), i * k, uf, i * keep, keep);
        }
        DenseBlock u = new DenseBlock(n, keep);
        DenseOps.multiply(qBasis, uf, u, concurrency, termination);
        double[] sigma = new double[keep];
        System.arraycopy(small.values(), 0, sigma, 0, keep);
        TruncatedSvd.flipSigns(u);
        progress.report("svd: done", products, totalProducts);
        return new SvdResult(sigma, u, SvdMethod.RANDOMIZED, products, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Peak heap beyond A, in doubles, the larger of its two phases: the iterations (two n × k
     * blocks, a Gram matrix's partials and sum, the Cholesky factors: k × k each), and the end (the
     * basis Q, n × k, with U, n × f, and the small SVD's k × k arrays: Rᵀ, its copy, Commons
     * Math's factors and work).
     */
    static long estimateBytes(int n, SvdConfig config) {
        long k = Math.min(config.sketchWidth(), n);
        long f = Math.min(config.rank(), k);
        long parts = DenseOps.reductionParts(n);
        long iterations = 2L * n * k + (parts + 4) * k * k;
        long end = (long) n * k + (long) n * f + 10L * k * k;
        return 8L * Math.max(iterations, end) + 64L * 1024;
    }
}
