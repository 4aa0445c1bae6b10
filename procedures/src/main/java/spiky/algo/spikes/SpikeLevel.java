package spiky.algo.spikes;

/**
 * The greedy spike cover at one f'.
 *
 * @param spikeOf      per item, the index of the peak that covered it, or -1 when uncovered
 * @param peakItems    the peaks, in visiting order (descending norm)
 * @param coveredAfter covered count after each peak: the coverage curve
 */
public record SpikeLevel(int f, int n, int peaks, double spk, int[] spikeOf, int[] peakItems, int[] coveredAfter) {
    public boolean isPeak(int item) {
        return spikeOf[item] == item;
    }

    public int covered() {
        return coveredAfter.length == 0 ? 0 : coveredAfter[coveredAfter.length - 1];
    }
}
