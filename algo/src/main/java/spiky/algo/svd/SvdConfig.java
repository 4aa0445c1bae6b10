package spiky.algo.svd;

import spiky.InvalidInputException;

/**
 * Settings of the truncated SVD.
 *
 * @param rank            f, the number of singular triplets kept (the paper: 128)
 * @param oversampling    extra random directions: the sketch has rank + oversampling columns (scikit-learn: 10)
 * @param powerIterations q, power iterations of {@link SvdMethod#RANDOMIZED} (scikit-learn: 7); for
 *                        {@link SvdMethod#BLOCK_KRYLOV} it sets the size of the Krylov basis,
 *                        ⌈(q + 7)·k/4⌉ columns (see {@link TruncatedSvd}): more is more accurate
 * @param seed            seeds the Gaussian starting block: a seed always gives the same result
 * @param method          the algorithm
 */
public record SvdConfig(int rank, int oversampling, int powerIterations, long seed, SvdMethod method) {

    /** The paper's reference: scikit-learn's randomized_svd at rank 128 with its defaults. */
    public static final SvdConfig DEFAULTS = new SvdConfig(128, 10, 7, 42, SvdMethod.RANDOMIZED);

    public SvdConfig {
        if (rank < 1) {
            throw InvalidInputException.parameter("rank", rank + " is not in the range [1, " + Integer.MAX_VALUE + "]");
        }
        if (oversampling < 0) {
            throw InvalidInputException.parameter("oversampling", oversampling + " is not in the range [0, " + Integer.MAX_VALUE + "]");
        }
        if (powerIterations < 0) {
            throw InvalidInputException.parameter("powerIterations",
                    powerIterations + " is not in the range [0, " + Integer.MAX_VALUE + "]");
        }
        if (method == null) {
            throw InvalidInputException.parameter("method", "null is not one of [randomized, block-krylov]");
        }
    }

    /** k = rank + oversampling, the width of the random sketch. */
    public int sketchWidth() {
        return rank + oversampling;
    }

    public SvdConfig withMethod(SvdMethod m) {
        return new SvdConfig(rank, oversampling, powerIterations, seed, m);
    }
}
