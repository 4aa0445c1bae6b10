package spiky.algo.svd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import spiky.Progress;
import spiky.algo.Termination;
import spiky.algo.linalg.CsrMatrix;
import spiky.algo.linalg.TestMatrices;

/**
 * Two documented promises of {@link SvdMethod#BLOCK_KRYLOV}, checked on a PPMI-like sparse
 * matrix without a spectral gap (the hard case for both methods): singular values as accurate as
 * {@link SvdMethod#RANDOMIZED}'s with the same settings, and powerIterations sizing the Krylov
 * basis (more iterations, more blocks).
 */
class BlockKrylovAccuracyTest {
    private static final DenseReference REF = new DenseReference(TestMatrices.randomSymmetric(300, 0.05, 3));
    private static final CsrMatrix A = TestMatrices.csr(REF.a);

    private static SvdResult svd(SvdConfig c) {
        return TruncatedSvd.compute(A, c, 2, Progress.NONE, Termination.NONE);
    }

    @Test
    void blockKrylovIsAtLeastAsAccurateAsRandomizedWithTheDefaults() {
        SvdConfig c = new SvdConfig(10, 10, 7, 42, SvdMethod.RANDOMIZED);
        double[] randomized = svd(c).singularValues();
        double[] krylov = svd(c.withMethod(SvdMethod.BLOCK_KRYLOV)).singularValues();
        for (int j = 0; j < 10; j++) {
            double errR = Math.abs(randomized[j] - REF.sigma[j]);
            double errK = Math.abs(krylov[j] - REF.sigma[j]);
            // generous: ten times RANDOMIZED's error, and never below 1e-10·σ₁
            double allowed = Math.max(10 * errR, 1e-10 * REF.sigma[0]);
            assertTrue(errK <= allowed, "σ" + j + " = " + REF.sigma[j] + ": BLOCK_KRYLOV error " + errK
                    + " (relative " + errK / REF.sigma[j] + "), RANDOMIZED error " + errR + " (relative " + errR / REF.sigma[j] + ")");
        }
    }

    @Test
    void powerIterationsBoundTheKrylovBlocks() {
        SvdResult few = svd(new SvdConfig(10, 10, 1, 42, SvdMethod.BLOCK_KRYLOV));
        SvdResult many = svd(new SvdConfig(10, 10, 30, 42, SvdMethod.BLOCK_KRYLOV));
        assertTrue(few.matrixProducts() < many.matrixProducts(),
                "powerIterations 1 gave " + few.matrixProducts() + " products, 30 gave " + many.matrixProducts());
    }
}
