package spiky.algo.svd;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import spiky.algo.linalg.DenseBlock;

/**
 * The exact spectrum of a small symmetric matrix by a dense Commons Math eigen-decomposition, as
 * the reference for the truncated SVDs: σⱼ = |λⱼ| sorted descending, with the eigenvectors.
 */
final class DenseReference {
    final double[][] a;
    /** Eigenvalues sorted by |λ| descending. */
    final double[] lambda;
    /** σⱼ = |λⱼ|, descending. */
    final double[] sigma;
    /** vectors[j]: the unit eigenvector of lambda[j]. */
    final double[][] vectors;

    DenseReference(double[][] a) {
        this.a = a;
        int n = a.length;
        EigenDecomposition e = new EigenDecomposition(new Array2DRowRealMatrix(a, true));
        double[] l = e.getRealEigenvalues();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(Math.abs(l[y]), Math.abs(l[x])));
        lambda = new double[n];
        sigma = new double[n];
        vectors = new double[n][];
        for (int j = 0; j < n; j++) {
            lambda[j] = l[order[j]];
            sigma[j] = Math.abs(lambda[j]);
            vectors[j] = e.getEigenvector(order[j]).toArray();
        }
    }

    int n() {
        return a.length;
    }

    /** |σ̂ⱼ − σⱼ| / σⱼ, or / σ₁ when σⱼ is 0 to rounding (≤ 1e-12·σ₁). */
    double relativeError(double computed, int j) {
        double s = sigma[j] > 1e-12 * sigma[0] ? sigma[j] : sigma[0];
        return Math.abs(computed - sigma[j]) / s;
    }

    /**
     * 1 − ‖P uⱼ‖², P the projector on the reference eigenvectors whose σ is within
     * {@code clusterWidth} of σⱼ: for a well separated σⱼ (clusterWidth 0) this is 1 − (uⱼ·vⱼ)²,
     * for a cluster (e.g. a ±λ pair, whose singular vectors are any basis of the pair's span) it
     * measures the distance to the cluster's span.
     */
    double outsideCluster(DenseBlock u, int j, double clusterWidth) {
        int n = n();
        double inside = 0;
        for (int i = 0; i < n; i++) {
            if (Math.abs(sigma[i] - sigma[j]) <= clusterWidth) {
                double dot = 0;
                for (int r = 0; r < n; r++) {
                    dot += u.get(r, j) * vectors[i][r];
                }
                inside += dot * dot;
            }
        }
        return 1 - inside;
    }

    /** uⱼᵀ A uⱼ (A dense): ±σⱼ when uⱼ is an eigenvector. */
    double rayleigh(DenseBlock u, int j) {
        int n = n();
        double s = 0;
        for (int i = 0; i < n; i++) {
            double ai = 0;
            for (int l = 0; l < n; l++) {
                ai += a[i][l] * u.get(l, j);
            }
            s += u.get(i, j) * ai;
        }
        return s;
    }
}
