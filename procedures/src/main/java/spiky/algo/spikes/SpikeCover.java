package spiky.algo.spikes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.algo.Parallel;
import spiky.algo.Termination;
import spiky.algo.linalg.DenseBlock;

/**
 * Spk, the paper's spikiness measure: visit items by descending norm of their first f'
 * coordinates; an item not yet covered becomes a peak and covers every uncovered item whose
 * cosine with it is strictly above cosTheta; stop as soon as more than ρ·n items are covered;
 * Spk = peaks / n. Items with a zero vector have no direction: their cosine with anything is
 * taken as 0, so they are covered only if visited as peaks themselves (they come last).
 * <p>
 * Each peak scans only the still-uncovered items, kept compact in an array; the scan is
 * parallel over that array for large n. Cosines are computed in double, so the result does not
 * depend on the number of threads.
 */
public final class SpikeCover {
    private static final int PARALLEL_THRESHOLD = 20_000;

    private SpikeCover() {}

    public static long estimateBytes(int n, int maxF) {
        return (long) n * maxF * 8 + (long) n * 32;
    }

    public static List<SpikeLevel> compute(DenseBlock embeddings, SpikeConfig config, int concurrency, Progress progress,
            Termination termination) {
        List<SpikeLevel> levels = new ArrayList<>();
        for (int f : config.dims()) {
            levels.add(level(embeddings, f, config.cosTheta(), config.rho(), concurrency, progress, termination));
        }
        return levels;
    }

    public static SpikeLevel level(DenseBlock e, int f, double cosTheta, double rho, int concurrency, Progress progress,
            Termination termination) {
        if (f < 1 || f > e.cols()) {
            throw InvalidInputException.parameter("spkDims", f + " is not in the range [1, " + e.cols() + "]");
        }
        if (!(cosTheta > -1 && cosTheta < 1)) {
            throw InvalidInputException.parameter("cosTheta", cosTheta + " is not in the range (-1, 1)");
        }
        if (!(rho > 0 && rho <= 1)) {
            throw InvalidInputException.parameter("rho", rho + " is not in the range (0, 1]");
        }
        int n = e.rows();
        int k = e.cols();
        double[] data = e.data();
        double[] unit = new double[n * f];
        double[] norm = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < f; j++) {
                double x = data[i * k + j];
                s += x * x;
            }
            norm[i] = Math.sqrt(s);
            if (norm[i] > 0) {
                for (int j = 0; j < f; j++) {
                    unit[i * f + j] = data[i * k + j] / norm[i];
                }
            }
        }
        int[] order = byDescendingNorm(norm);
        int[] spikeOf = new int[n];
        Arrays.fill(spikeOf, -1);
        // The uncovered items, compacted after each peak, so that later peaks scan fewer.
        int[] uncovered = order.clone();
        int uncoveredCount = n;
        int covered = 0;
        int[] peaks = new int[16];
        int[] coveredAfter = new int[16];
        int peakCount = 0;
        boolean[] hit = new boolean[n];
        for (int v = 0; v < n && covered <= rho * n; v++) {
            int peak = order[v];
            if (spikeOf[peak] >= 0) {
                continue;
            }
            if ((peakCount & 63) == 0) {
                termination.check();
                progress.report("spikes at f'=" + f, covered, n);
            }
            int count = uncoveredCount;
            int[] list = uncovered;
            int pb = peak * f;
            Parallel.RangeBody scan = (from, to) -> {
                for (int u = from; u < to; u++) {
                    int item = list[u];
                    int ib = item * f;
                    double dot = 0;
                    for (int j = 0; j < f; j++) {
                        dot += unit[pb + j] * unit[ib + j];
                    }
                    hit[item] = dot > cosTheta;
                }
            };
            if (count >= PARALLEL_THRESHOLD && concurrency > 1) {
                Parallel.forRange(count, concurrency, termination, scan);
            } else {
                scan.run(0, count);
            }
            hit[peak] = true;
            int kept = 0;
            for (int u = 0; u < count; u++) {
                int item = list[u];
                if (hit[item]) {
                    spikeOf[item] = peak;
                    covered++;
                    hit[item] = false;
                } else {
                    list[kept++] = item;
                }
            }
            uncoveredCount = kept;
            if (peakCount == peaks.length) {
                peaks = Arrays.copyOf(peaks, peakCount * 2);
                coveredAfter = Arrays.copyOf(coveredAfter, peakCount * 2);
            }
            peaks[peakCount] = peak;
            coveredAfter[peakCount] = covered;
            peakCount++;
        }
        progress.report("spikes at f'=" + f, covered, n);
        return new SpikeLevel(f, n, peakCount, n == 0 ? 0 : (double) peakCount / n, spikeOf, Arrays.copyOf(peaks, peakCount),
                Arrays.copyOf(coveredAfter, peakCount));
    }

    /** Item indices by descending norm, ties by index ascending. */
    static int[] byDescendingNorm(double[] norm) {
        int n = norm.length;
        Integer[] boxed = new Integer[n];
        for (int i = 0; i < n; i++) {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> {
            int c = Double.compare(norm[b], norm[a]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = boxed[i];
        }
        return order;
    }
}
