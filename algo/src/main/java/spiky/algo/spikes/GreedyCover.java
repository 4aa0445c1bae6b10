package spiky.algo.spikes;

import static spiky.algo.spikes.SpikeCover.BATCH;
import static spiky.algo.spikes.SpikeCover.DIRECT_BUDGET;
import static spiky.algo.spikes.SpikeCover.PROGRESS_PEAKS;

import java.util.Arrays;
import spiky.Progress;
import spiky.algo.Termination;
import spiky.algo.linalg.DenseBlock;

/**
 * One level of {@link SpikeCover}: the greedy cover, batch after batch, in the phases its class
 * comment describes. The rows of E ({@link CoverRows}) give the visiting order; each batch of peaks
 * ({@link PeakBatch}) is checked against the uncovered items from the rows ({@link DirectScan})
 * until that has cost DIRECT_BUDGET peaks per item, then on the float {@link Panel}.
 */
final class GreedyCover {
    private final int n;
    private final int f;
    private final double cosTheta;
    private final double rho;
    private final int concurrency;
    private final Progress progress;
    private final Termination termination;
    private final String stage;
    private final CoverRows rowsOfE;

    private final int[] spikeOf;
    private int[] peaks = new int[64];
    private int[] coveredAfter = new int[64];
    private int peakCount;
    private int covered;

    GreedyCover(DenseBlock e, int f, double cosTheta, double rho, int concurrency, Progress progress, Termination termination) {
        this.n = e.rows();
        this.f = f;
        this.cosTheta = cosTheta;
        this.rho = rho;
        this.concurrency = concurrency;
        this.progress = progress;
        this.termination = termination;
        this.stage = "spike cover at f'=" + f;
        this.spikeOf = new int[n];
        this.rowsOfE = new CoverRows(e, f, concurrency, termination);
    }

    SpikeLevel run() {
        Arrays.fill(spikeOf, -1);
        double[] den = rowsOfE.den;
        int[] order = SpikeCover.byDescendingNorm(rowsOfE.key);
        int live = 0;
        while (live < n && den[order[live]] > 0) {
            live++;
        }
        PeakBatch batch = new PeakBatch(rowsOfE, cosTheta);
        DirectScan direct = new DirectScan(rowsOfE, live, batch, concurrency, termination);
        Panel panel = null;

        long target = Math.min(n, (long) Math.floor(rho * n) + 1);
        int reported = 0;
        int v = 0;
        int walkLimit = 4 * BATCH + 64;
        while (v < n && covered <= rho * n) {
            termination.check();
            // The batch: the next uncovered items in visiting order that no earlier peak of the batch
            // covers. The pass over the uncovered items then finds every item those peaks cover.
            v = batch.select(order, v, spikeOf, walkLimit);
            int size = batch.size;
            if (size == 0) {
                break;
            }
            // Peaks with a direction come first in the batch (zero rows sort last).
            int scanned = batch.withDirection();
            Arrays.fill(batch.hits, 0);
            if (direct != null && !direct.affords(scanned, (long) DIRECT_BUDGET * live)) {
                panel = new Panel(rowsOfE, batch, cosTheta, concurrency, termination);
                panel.buildPanel(direct.items(), direct.count());
                direct = null;
            }
            if (direct != null) {
                direct.pass(scanned);
            } else if (scanned > 0) {
                panel.scan(scanned);
            }
            int last = size - 1;
            for (int b = 0; b < size; b++) {
                covered += 1 + batch.hits[b];
                addPeak(batch.batch[b]);
                if (covered > rho * n) {
                    last = b;
                    break;
                }
            }
            if (direct != null) {
                direct.finishDirect(scanned, last, spikeOf);
            } else {
                panel.finish(scanned, last, covered > rho * n || v >= n, spikeOf, peaks, peakCount);
            }
            if (peakCount - reported >= PROGRESS_PEAKS) {
                reported = peakCount;
                progress.report(stage, Math.min(covered, target), target);
            }
        }
        progress.report(stage, Math.min(covered, target), target);
        return new SpikeLevel(f, n, peakCount, n == 0 ? 0 : (double) peakCount / n, spikeOf, Arrays.copyOf(peaks, peakCount),
                Arrays.copyOf(coveredAfter, peakCount));
    }

    private void addPeak(int item) {
        if (peakCount == peaks.length) {
            peaks = Arrays.copyOf(peaks, peakCount * 2);
            coveredAfter = Arrays.copyOf(coveredAfter, peakCount * 2);
        }
        peaks[peakCount] = item;
        coveredAfter[peakCount] = covered;
        peakCount++;
    }
}
