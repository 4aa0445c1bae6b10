package spiky.algo.svd;

import spiky.algo.linalg.DenseBlock;

/**
 * A truncated SVD A ≈ U Σ Vᵀ of a symmetric matrix (for which V equals U up to the signs of the
 * negative eigenvalues, so only U is kept).
 *
 * @param singularValues σ₁ ≥ … ≥ σ_f ≥ 0, length f = rank
 * @param u              n × f, orthonormal columns: the left singular vectors, each column's
 *                       largest-magnitude entry positive (scikit-learn's {@code svd_flip} convention)
 * @param method         the algorithm that produced it
 * @param matrixProducts how many products A·X of the sparse matrix with a dense block were computed
 * @param millis         wall-clock time of the computation
 */
public record SvdResult(double[] singularValues, DenseBlock u, SvdMethod method, int matrixProducts, long millis) {

    public int rank() {
        return singularValues.length;
    }
}
