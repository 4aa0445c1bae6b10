package spiky.algo.spikes;

import java.util.List;

/**
 * A recommended truncation f from a run's singular values and its Spk sweep: the largest f that
 * keeps the community structure before noise takes over. Two pieces of evidence:
 * <ul>
 *   <li><b>the spectral gap</b>: gapF = the k in [2, min(maxF, rank − 1)] that maximises σ_k / σ_{k+1}
 *       (σ 1-indexed, descending). K well-separated communities give K large singular values and
 *       then a drop; the gap is <em>clear</em> when that ratio is at least {@value #CLEAR_GAP}.
 *       k = 1 is left out: the first singular value of a PPMI matrix often stands alone.
 *   <li><b>the onset of noise</b>: noiseF = the first f' ≥ 2 of the sweep whose cover needs more than
 *       f'/ρ peaks. A rank-f' embedding of K communities has at most f' independent directions, and the
 *       cover needs about K/ρ·(share of items reached) peaks for them; more peaks than f'/ρ means
 *       the cover is splitting the items into directions the structure cannot explain: noise.
 * </ul>
 * The rule, in order:
 * <ol>
 *   <li>{@code spectral-gap}: gapF, when the gap is clear and gapF &lt; noiseF (or no level is noisy);
 *   <li>{@code before-noise}: otherwise, the last f' of the sweep before noiseF;
 *   <li>{@code first-level}: noise already at the sweep's first f': that f';
 *   <li>{@code no-noise}: no clear gap and no noisy level: maxF.
 * </ol>
 */
public final class TruncationRule {
    /** σ_k / σ_{k+1} at least this is a clear gap. */
    public static final double CLEAR_GAP = 2.0;

    private TruncationRule() {}

    /**
     * @param f        the recommended truncation
     * @param rule     which step of the rule chose it: spectral-gap, before-noise, first-level, no-noise
     * @param gapF     the k of the largest ratio σ_k / σ_{k+1} (null when fewer than 3 singular values)
     * @param gapRatio that ratio (NaN when gapF is null)
     * @param noiseF   the first noisy f' of the sweep (null when none)
     */
    public record Recommendation(int f, String rule, Integer gapF, double gapRatio, Integer noiseF) {}

    /**
     * @param singularValues the run's singular values, descending (σ_1 first)
     * @param levels         the sweep, f' ascending
     * @param rho            the cover's ρ
     * @param maxF           the sweep's largest f'
     */
    public static Recommendation recommend(double[] singularValues, List<SpkSweep.Level> levels, double rho, int maxF) {
        Integer gapF = null;
        double gapRatio = Double.NaN;
        int last = Math.min(maxF, singularValues.length - 1);
        for (int k = 2; k <= last; k++) {
            double next = singularValues[k];
            double ratio = next > 0 ? singularValues[k - 1] / next : Double.POSITIVE_INFINITY;
            if (gapF == null || ratio > gapRatio) {
                gapF = k;
                gapRatio = ratio;
            }
        }
        Integer noiseF = null;
        Integer beforeNoise = null;
        for (SpkSweep.Level level : levels) {
            if (level.f() >= 2 && level.peaks() > level.f() / rho) {
                noiseF = level.f();
                break;
            }
            beforeNoise = level.f();
        }
        if (gapF != null && gapRatio >= CLEAR_GAP && (noiseF == null || gapF < noiseF)) {
            return new Recommendation(gapF, "spectral-gap", gapF, gapRatio, noiseF);
        }
        if (noiseF != null) {
            return beforeNoise != null ? new Recommendation(beforeNoise, "before-noise", gapF, gapRatio, noiseF)
                    : new Recommendation(noiseF, "first-level", gapF, gapRatio, noiseF);
        }
        return new Recommendation(maxF, "no-noise", gapF, gapRatio, null);
    }
}
