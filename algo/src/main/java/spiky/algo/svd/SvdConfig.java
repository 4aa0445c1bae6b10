package spiky.algo.svd;

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

    /**
     * The defaults: the paper's rank 128 and scikit-learn's randomized_svd settings (10 oversamples,
     * 7 power iterations), computed by {@link SvdMethod#BLOCK_KRYLOV}, which is more accurate and
     * faster on PPMI matrices (bench/RESULTS.md, issue 3: on the 100k-item matrix all 128
     * singular values within 8e-9 of eigsh where randomized_svd is off by up to 1.25e-2, and 7–9×
     * faster). {@code withMethod(SvdMethod.RANDOMIZED)} is the paper's exact procedure.
     */
    public static final SvdConfig DEFAULTS = new SvdConfig(128, 10, 7, 42, SvdMethod.BLOCK_KRYLOV);

    /** Argument checks; the user-facing keys and their ranges are in spiky.algo.pipeline.PipelineSettings. */
    public SvdConfig {
        if (rank < 1) {
            throw new IllegalArgumentException("rank must be at least 1, got " + rank);
        }
        if (oversampling < 0) {
            throw new IllegalArgumentException("oversampling must not be negative, got " + oversampling);
        }
        if (powerIterations < 0) {
            throw new IllegalArgumentException("powerIterations must not be negative, got " + powerIterations);
        }
        if (method == null) {
            throw new IllegalArgumentException("method is null");
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
