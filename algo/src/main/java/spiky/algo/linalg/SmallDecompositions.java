package spiky.algo.linalg;

import java.util.Arrays;
import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Decompositions of small dense matrices (up to a few thousand rows), on row-major arrays, by
 * EJML and Commons Math. Serial: these are the k × k parts of the tall-skinny algorithms.
 */
public final class SmallDecompositions {
    private SmallDecompositions() {}

    /**
     * Eigenpairs of a symmetric d × d matrix sorted by |λ| descending (ties keep the library's
     * order, so the result is deterministic).
     *
     * @param values  the eigenvalues, by |λ| descending
     * @param vectors d × d row-major; column j is the unit eigenvector of values[j]
     */
    public record SymmetricEigen(double[] values, double[] vectors) {}

    /**
     * Eigen-decomposition of a symmetric matrix given row-major (only the upper triangle is read;
     * the lower one is taken as its mirror image). Uses EJML's symmetric QR algorithm (Householder
     * tridiagonalisation, implicit QR): for the Ritz problems of a few hundred to a few thousand
     * rows it is 2–3 times faster than Commons Math's {@link EigenDecomposition}, which remains
     * the fallback, then a singular value decomposition: for symmetric T = U S Vᵀ the eigenvalues
     * are ±S with the sign of uᵢᵀ T uᵢ and the eigenvectors are the columns of U.
     */
    public static SymmetricEigen symmetricEigen(double[] t, int d) {
        DMatrixRMaj sym = new DMatrixRMaj(d, d);
        for (int i = 0; i < d; i++) {
            for (int j = i; j < d; j++) {
                sym.unsafe_set(i, j, t[i * d + j]);
                sym.unsafe_set(j, i, t[i * d + j]);
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> ejml = DecompositionFactory_DDRM.eig(d, true, true);
        if (ejml.decompose(sym.copy())) {
            double[] values = new double[d];
            double[][] vData = new double[d][d];
            boolean complete = true;
            for (int j = 0; j < d && complete; j++) {
                values[j] = ejml.getEigenvalue(j).getReal();
                DMatrixRMaj vector = ejml.getEigenVector(j);
                complete = vector != null;
                for (int i = 0; complete && i < d; i++) {
                    vData[i][j] = vector.get(i, 0);
                }
            }
            if (complete) {
                return sorted(values, vData, d);
            }
        }
        return commonsMath(sym, d);
    }

    private static SymmetricEigen commonsMath(DMatrixRMaj sym, int d) {
        double[][] m = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                m[i][j] = sym.get(i, j);
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
        return sorted(values, v.getData(), d);
    }

    /** Eigenpairs (column j of vData for values[j]) sorted by |λ| descending, ties by original order. */
    private static SymmetricEigen sorted(double[] values, double[][] vData, int d) {
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        double[] vals = values;
        Arrays.sort(order, (x, y) -> Double.compare(Math.abs(vals[y]), Math.abs(vals[x])));
        double[] sortedValues = new double[d];
        double[] vectors = new double[d * d];
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
