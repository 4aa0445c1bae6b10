package spiky.algo.linalg;

import java.util.Arrays;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * Decompositions of small dense matrices (up to a few thousand rows), on row-major arrays, by
 * Commons Math. Serial: these are the k × k parts of the tall-skinny algorithms.
 */
public final class SmallDecompositions {
    private SmallDecompositions() {}

    /**
     * Eigenpairs of a symmetric d × d matrix sorted by |λ| descending (ties keep Commons Math's
     * order, so the result is deterministic).
     *
     * @param values  the eigenvalues, by |λ| descending
     * @param vectors d × d row-major; column j is the unit eigenvector of values[j]
     */
    public record SymmetricEigen(double[] values, double[] vectors) {}

    /**
     * Eigen-decomposition of a symmetric matrix given row-major (only the upper triangle is read;
     * the lower one is taken as its mirror image). Uses Commons Math's {@link EigenDecomposition}
     * (Householder tridiagonalisation and implicit QL); if that does not converge, falls back to a
     * singular value decomposition: for symmetric T = U S Vᵀ the eigenvalues are ±S with the sign
     * of uᵢᵀ T uᵢ and the eigenvectors are the columns of U.
     */
    public static SymmetricEigen symmetricEigen(double[] t, int d) {
        double[][] m = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                m[i][j] = t[i * d + j];
                m[j][i] = t[i * d + j];
            }
        }
        double[] values;
        RealMatrix v;
        try {
            EigenDecomposition e = new EigenDecomposition(new Array2DRowRealMatrix(m, false));
            values = e.getRealEigenvalues().clone();
            v = e.getV();
        } catch (MathIllegalStateException | ArithmeticException e) {
            SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(m, false));
            v = svd.getU();
            values = svd.getSingularValues().clone();
            for (int j = 0; j < d; j++) {
                double q = 0;
                for (int i = 0; i < d; i++) {
                    double s = 0;
                    for (int l = 0; l < d; l++) {
                        s += m[i][l] * v.getEntry(l, j);
                    }
                    q += v.getEntry(i, j) * s;
                }
                if (q < 0) {
                    values[j] = -values[j];
                }
            }
        }
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        double[] vals = values;
        Arrays.sort(order, (x, y) -> Double.compare(Math.abs(vals[y]), Math.abs(vals[x])));
        double[] sortedValues = new double[d];
        double[] vectors = new double[d * d];
        double[][] vData = v.getData();
        for (int j = 0; j < d; j++) {
            int src = order[j];
            sortedValues[j] = values[src];
            for (int i = 0; i < d; i++) {
                vectors[i * d + j] = vData[i][src];
            }
        }
        return new SymmetricEigen(sortedValues, vectors);
    }

    /**
     * Singular value decomposition of a k × k matrix given row-major: singular values descending
     * and the left singular vectors (row-major k × k, column j for value j).
     */
    public record Svd(double[] values, double[] left) {}

    public static Svd svd(double[] a, int k) {
        double[][] m = new double[k][k];
        for (int i = 0; i < k; i++) {
            System.arraycopy(a, i * k, m[i], 0, k);
        }
        SingularValueDecomposition svd = new SingularValueDecomposition(new Array2DRowRealMatrix(m, false));
        double[][] u = svd.getU().getData();
        double[] left = new double[k * k];
        for (int i = 0; i < k; i++) {
            System.arraycopy(u[i], 0, left, i * k, k);
        }
        return new Svd(svd.getSingularValues().clone(), left);
    }
}
