package spiky.algo.spikes;

/**
 * The greedy spike cover at one f' (see {@link SpikeCover} for the exact rules).
 *
 * @param f            the number of leading columns of E used
 * @param n            the number of items (rows of E)
 * @param peaks        the number of peaks made before the cover stopped
 * @param spk          peaks / n (0 when n = 0)
 * @param spikeOf      per item, the item index of the peak that covered it, or -1 when uncovered;
 *                     a peak covers itself, so {@code spikeOf[p] == p} exactly for the peaks
 * @param peakItems    the peaks, in visiting order (descending f'-truncated norm, ties by index)
 * @param coveredAfter per peak, in the same order, the covered count once it has covered its items:
 *                     the coverage curve (covered share = coveredAfter[k] / n against k + 1 peaks);
 *                     increasing, and its last value is the first above rho·n unless every item
 *                     was visited first
 */
public record SpikeLevel(int f, int n, int peaks, double spk, int[] spikeOf, int[] peakItems, int[] coveredAfter) {
    public boolean isPeak(int item) {
        return spikeOf[item] == item;
    }

    /** Items covered when the cover stopped. */
    public int covered() {
        return coveredAfter.length == 0 ? 0 : coveredAfter[coveredAfter.length - 1];
    }
}
