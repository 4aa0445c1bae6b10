package spiky.algo.spikes;

import spiky.algo.Parallel;
import spiky.algo.Termination;
import spiky.algo.linalg.DenseBlock;

/**
 * The rows of E at one f', as the definition of {@link SpikeCover} reads them: per item its sort
 * key (‖x_i‖), the divisor of an extreme row (1 for ordinary rows) and ‖x_i / scale‖, from which
 * its unit vector comes. A zero row has den 0: no direction.
 */
final class CoverRows {
    final double[] x;
    final int cols;
    final int n;
    final int f;
    /** Per item: the sort key, the divisor of x before normalising (1 for ordinary rows), ‖x / scale‖. */
    final double[] key;
    final double[] scale;
    final double[] den;

    CoverRows(DenseBlock e, int f, int concurrency, Termination termination) {
        this.x = e.data();
        this.cols = e.cols();
        this.n = e.rows();
        this.f = f;
        this.key = new double[n];
        this.scale = new double[n];
        this.den = new double[n];
        Parallel.forRange(n, concurrency, termination, this::norms);
    }

    /** Sort keys and normalisers of items [from, to). */
    void norms(int from, int to) {
        for (int i = from; i < to; i++) {
            int base = i * cols;
            double s = 0;
            for (int j = 0; j < f; j++) {
                double v = x[base + j];
                s += v * v;
            }
            scale[i] = 1;
            if (s >= Double.MIN_NORMAL && s < Double.POSITIVE_INFINITY) {
                den[i] = Math.sqrt(s);
                key[i] = den[i];
            } else {
                // NaN or infinite entries, an overflowing or underflowing sum, or a zero row.
                double max = 0;
                for (int j = 0; j < f; j++) {
                    double v = x[base + j];
                    if (!Double.isFinite(v)) {
                        throw new IllegalArgumentException("embedding row " + i + ", column " + j + " is " + v);
                    }
                    max = Math.max(max, Math.abs(v));
                }
                if (max == 0) {
                    continue;
                }
                double t = 0;
                for (int j = 0; j < f; j++) {
                    double v = x[base + j] / max;
                    t += v * v;
                }
                scale[i] = max;
                den[i] = Math.sqrt(t);
                key[i] = max * den[i];
            }
        }
    }

    /** Item i's unit vector, in double, as the definition has it, into out[off, off + f). */
    void unitInto(int i, double[] out, int off) {
        int base = i * cols;
        double d = den[i];
        if (scale[i] == 1) {
            for (int j = 0; j < f; j++) {
                out[off + j] = x[base + j] / d;
            }
        } else {
            double s = scale[i];
            for (int j = 0; j < f; j++) {
                out[off + j] = x[base + j] / s / d;
            }
        }
    }
}
