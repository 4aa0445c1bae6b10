package spiky.algo.svd;

import spiky.algo.linalg.DenseBlock;

/** Item embeddings from a truncated SVD: E = U·Σ^p (the paper uses p = 1). */
public final class Embeddings {
    private Embeddings() {}

    /**
     * Heap of {@link #scale} and of the row norms that follow it (Pipeline.rowNorms): E (n × f
     * doubles), the norms (n doubles) and the f factors, with array headers.
     */
    public static long estimateBytes(int n, int f) {
        return 16 + 8L * n * f + 16 + 8L * n + 16 + 8L * f + 1024;
    }

    /**
     * E = U·Σ^p as a new n × f block: column j of U times σⱼ^p. A zero singular value gives a zero
     * column for p &gt; 0, the column itself for p = 0, and a zero column for p &lt; 0 (its direction
     * carries no signal; 0^p would be infinite).
     */
    public static DenseBlock scale(DenseBlock u, double[] sigma, double p) {
        int n = u.rows();
        int f = u.cols();
        if (sigma.length != f) {
            throw new IllegalArgumentException("U has " + f + " columns but there are " + sigma.length + " singular values");
        }
        double[] factor = new double[f];
        for (int j = 0; j < f; j++) {
            double s = sigma[j];
            if (s < 0 || Double.isNaN(s)) {
                throw new IllegalArgumentException("singular value " + j + " is " + s);
            }
            if (p == 0) {
                factor[j] = 1.0;
            } else if (s == 0) {
                factor[j] = 0.0;
            } else if (p == 1) {
                factor[j] = s;
            } else {
                factor[j] = Math.pow(s, p);
            }
        }
        double[] in = u.data();
        double[] out = new double[in.length];
        for (int i = 0; i < n; i++) {
            int b = i * f;
            for (int j = 0; j < f; j++) {
                out[b + j] = in[b + j] * factor[j];
            }
        }
        return new DenseBlock(n, f, out);
    }
}
