package spiky.algo.spikes;

import static spiky.algo.spikes.SpikeCover.BATCH;

/**
 * The peaks of one batch (see {@link SpikeCover}): their items, their unit vectors in double and
 * the number of items each covers first; and the definition's cosine tests of an item against
 * them, from the rows of E.
 */
final class PeakBatch {
    private final CoverRows unitRows;
    private final double[] x;
    private final int cols;
    private final int f;
    private final double[] scale;
    private final double[] den;
    private final double cosTheta;
    /**
     * Double cosines summed in another order than the definition's differ from it by less than
     * 2·(f+2)·2⁻⁵³ (both within (f+2)·2⁻⁵³ of the exact value, their terms summing to at most 1 in
     * absolute value); within rowBand, four times that, of cosTheta the definition decides.
     */
    private final double rowBand;

    /** The batch's peaks, their double unit vectors (BATCH × f), the items each covers first. */
    final int[] batch = new int[BATCH];
    final double[] peakUD;
    final int[] hits = new int[BATCH];
    int size;
    private final double[] itemU;

    PeakBatch(CoverRows rows, double cosTheta) {
        this.unitRows = rows;
        this.x = rows.x;
        this.cols = rows.cols;
        this.f = rows.f;
        this.scale = rows.scale;
        this.den = rows.den;
        this.cosTheta = cosTheta;
        this.rowBand = 8.0 * (f + 8) * 0x1p-53;
        this.peakUD = new double[BATCH * f];
        this.itemU = new double[f];
    }

    /**
     * Fills the batch: the next uncovered items in visiting order ({@code order} from {@code v}) that
     * no earlier peak of the batch covers, at most BATCH of them after walking at most walkLimit
     * uncovered items. Returns where the walk stopped; {@link #size} is the batch's size.
     */
    int select(int[] order, int v, int[] spikeOf, int walkLimit) {
        int n = order.length;
        int size = 0;
        int walked = 0;
        while (v < n && size < BATCH && walked < walkLimit) {
            int item = order[v++];
            if (spikeOf[item] >= 0) {
                continue;
            }
            walked++;
            boolean coveredInBatch = false;
            if (den[item] > 0) {
                unitRows.unitInto(item, itemU, 0);
                for (int a = 0; a < size && !coveredInBatch; a++) {
                    coveredInBatch = den[batch[a]] > 0 && dot(peakUD, a * f, itemU) > cosTheta;
                }
                if (!coveredInBatch) {
                    System.arraycopy(itemU, 0, peakUD, size * f, f);
                }
            }
            if (!coveredInBatch) {
                batch[size++] = item;
            }
        }
        this.size = size;
        return v;
    }

    /** How many of the batch's first peaks have a direction (zero rows sort last, so they come last in the batch). */
    int withDirection() {
        int scanned = 0;
        while (scanned < size && den[batch[scanned]] > 0) {
            scanned++;
        }
        return scanned;
    }

    /** Σ_j a[off + j]·u[j], j ascending: the definition's cosine when both are unit vectors. */
    private double dot(double[] a, int off, double[] u) {
        double s = 0;
        for (int j = 0; j < f; j++) {
            s += a[off + j] * u[j];
        }
        return s;
    }

    /** The definition's test for peak b of the batch and item i (with a direction). */
    boolean exactHit(int b, int i) {
        int base = i * cols;
        int pOff = b * f;
        double d = den[i];
        double sc = scale[i];
        double s = 0;
        for (int j = 0; j < f; j++) {
            double u = sc == 1 ? x[base + j] / d : x[base + j] / sc / d;
            s += peakUD[pOff + j] * u;
        }
        return s > cosTheta;
    }

    /** Σ_j x_ij·u_bj / ‖x_i‖: the cosine of item i and peak b, rounded otherwise than the definition's. */
    double rowCos(int b, int i) {
        int base = i * cols;
        int pOff = b * f;
        double s0 = 0;
        double s1 = 0;
        int j = 0;
        for (; j + 2 <= f; j += 2) {
            s0 += x[base + j] * peakUD[pOff + j];
            s1 += x[base + j + 1] * peakUD[pOff + j + 1];
        }
        if (j < f) {
            s0 += x[base + j] * peakUD[pOff + j];
        }
        double sc = scale[i];
        return sc == 1 ? (s0 + s1) / den[i] : (s0 + s1) / sc / den[i];
    }

    /** The cosines of item i with the nb ≤ 4 peaks b0, b0 + 1, ... into out, as {@link #rowCos(int, int)}: one pass over the row. */
    void rowCos(int b0, int nb, int i, double[] out) {
        if (nb < 4) {
            for (int b = 0; b < nb; b++) {
                out[b] = rowCos(b0 + b, i);
            }
            return;
        }
        int base = i * cols;
        int o0 = b0 * f;
        int o1 = o0 + f;
        int o2 = o1 + f;
        int o3 = o2 + f;
        double a0 = 0;
        double a1 = 0;
        double a2 = 0;
        double a3 = 0;
        double c0 = 0;
        double c1 = 0;
        double c2 = 0;
        double c3 = 0;
        int j = 0;
        for (; j + 2 <= f; j += 2) {
            double x0 = x[base + j];
            double x1 = x[base + j + 1];
            a0 += x0 * peakUD[o0 + j];
            a1 += x0 * peakUD[o1 + j];
            a2 += x0 * peakUD[o2 + j];
            a3 += x0 * peakUD[o3 + j];
            c0 += x1 * peakUD[o0 + j + 1];
            c1 += x1 * peakUD[o1 + j + 1];
            c2 += x1 * peakUD[o2 + j + 1];
            c3 += x1 * peakUD[o3 + j + 1];
        }
        if (j < f) {
            double x0 = x[base + j];
            a0 += x0 * peakUD[o0 + j];
            a1 += x0 * peakUD[o1 + j];
            a2 += x0 * peakUD[o2 + j];
            a3 += x0 * peakUD[o3 + j];
        }
        double sc = scale[i];
        double d = den[i];
        out[0] = sc == 1 ? (a0 + c0) / d : (a0 + c0) / sc / d;
        out[1] = sc == 1 ? (a1 + c1) / d : (a1 + c1) / sc / d;
        out[2] = sc == 1 ? (a2 + c2) / d : (a2 + c2) / sc / d;
        out[3] = sc == 1 ? (a3 + c3) / d : (a3 + c3) / sc / d;
    }

    /** The definition's test for peak b and item i, given their cosine {@code cos} from {@link #rowCos}. */
    boolean rowHit(int b, int i, double cos) {
        return cos > cosTheta + rowBand || (cos >= cosTheta - rowBand && exactHit(b, i));
    }
}
