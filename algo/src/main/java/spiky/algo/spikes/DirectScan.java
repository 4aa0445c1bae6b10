package spiky.algo.spikes;

import static spiky.algo.spikes.SpikeCover.PARALLEL_WORK;

import java.util.Arrays;
import spiky.algo.Parallel;
import spiky.algo.Termination;

/**
 * The first strategy of {@link SpikeCover}: each batch against the uncovered items from the rows of
 * E, in double, with no panel; used while it has cost at most DIRECT_BUDGET peaks per item.
 */
final class DirectScan {
    private final PeakBatch peaks;
    private final int[] batch;
    private final int[] hits;
    private final int concurrency;
    private final Termination termination;
    /** The uncovered items with a direction, in index order (the passes then read E sequentially), and their count. */
    private final int[] direct;
    private int directCount;
    /** Per item, the batch's first peak covering it, or -1. */
    private final int[] firstHit;
    /** (item, peak) pairs checked so far. */
    private long directPairs;

    DirectScan(CoverRows rows, int live, PeakBatch peaks, int concurrency, Termination termination) {
        this.peaks = peaks;
        this.batch = peaks.batch;
        this.hits = peaks.hits;
        this.concurrency = concurrency;
        this.termination = termination;
        // Zero rows stay out.
        direct = new int[live];
        for (int i = 0; i < rows.n; i++) {
            if (rows.den[i] > 0) {
                direct[directCount++] = i;
            }
        }
        firstHit = new int[rows.n];
        Arrays.fill(firstHit, -1);
    }

    /** Whether checking {@code count} more peaks stays within budget pairs in all. */
    boolean affords(int count, long budget) {
        return directPairs + (long) directCount * count <= budget;
    }

    /** The uncovered items with a direction, for the panel that takes over. */
    int[] items() {
        return Arrays.copyOf(direct, directCount);
    }

    int count() {
        return directCount;
    }

    /** Counts the pairs of a pass over {@code count} peaks, then makes it when there are peaks with a direction. */
    void pass(int count) {
        directPairs += (long) directCount * count;
        if (count > 0) {
            scanDirect(count);
        }
    }

    /** The batch's first {@code count} peaks against every uncovered item, from the rows of E. */
    void scanDirect(int count) {
        for (int b = 0; b < count; b++) {
            firstHit[batch[b]] = b;
        }
        Parallel.RangeBody body = (from, to) -> {
            int[] local = new int[count];
            double[] cos = new double[4];
            for (int q = from; q < to; q++) {
                int i = direct[q];
                if (firstHit[i] >= 0) {
                    continue;
                }
                found:
                for (int b0 = 0; b0 < count; b0 += 4) {
                    int nb = Math.min(4, count - b0);
                    peaks.rowCos(b0, nb, i, cos);
                    for (int b = b0; b < b0 + nb; b++) {
                        if (peaks.rowHit(b, i, cos[b - b0])) {
                            firstHit[i] = b;
                            local[b]++;
                            break found;
                        }
                    }
                }
            }
            synchronized (hits) {
                for (int b = 0; b < count; b++) {
                    hits[b] += local[b];
                }
            }
        };
        if ((long) directCount * count < PARALLEL_WORK / 4 || concurrency == 1) {
            body.run(0, directCount);
        } else {
            Parallel.forRange(directCount, concurrency, Math.max(256, directCount / (concurrency * 8)), termination, body);
        }
    }

    /** {@link Panel#finish} before the panel exists. */
    void finishDirect(int scanned, int last, int[] spikeOf) {
        for (int b = scanned; b <= last; b++) {
            spikeOf[batch[b]] = batch[b];
        }
        int kept = 0;
        for (int q = 0; q < directCount; q++) {
            int i = direct[q];
            int h = firstHit[i];
            if (h >= 0) {
                firstHit[i] = -1;
                if (h <= last) {
                    spikeOf[i] = batch[h];
                    continue;
                }
            }
            direct[kept++] = i;
        }
        directCount = kept;
    }
}
