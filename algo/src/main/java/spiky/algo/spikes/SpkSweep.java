package spiky.algo.spikes;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import spiky.Progress;
import spiky.algo.Parallel;
import spiky.algo.Termination;
import spiky.algo.linalg.DenseBlock;

/**
 * Spk at every f' from {@code step} to {@code maxF} (every {@code step}-th f', and maxF itself),
 * each on the first f' columns of the stored embedding E: the {@link SpikeCover} of each prefix,
 * no new SVD (the columns of E = U·Σ^p are ordered by singular value, so its first f' columns are
 * the rank-f' embedding up to the stored precision).
 * <p>
 * The levels are independent: when there are several and {@code concurrency} > 1 they are computed
 * side by side, one thread per level (each cover on one thread); a single level uses all threads.
 * Either way each level is exactly {@code SpikeCover.level(e, f, cosTheta, rho, ...)}.
 */
public final class SpkSweep {
    private SpkSweep() {}

    /** The cover at one f': peaks, Spk = peaks / n, and the items covered when it stopped. */
    public record Level(int f, int n, int peaks, double spk, int covered) {}

    /** The f' of a sweep: step, 2·step, … up to maxF, and maxF itself when the steps miss it. */
    public static int[] dims(int step, int maxF) {
        if (step < 1) {
            throw new IllegalArgumentException("step must be positive, got " + step);
        }
        if (maxF < 1) {
            throw new IllegalArgumentException("maxF must be positive, got " + maxF);
        }
        List<Integer> dims = new ArrayList<>();
        for (int f = Math.min(step, maxF); f <= maxF; f += step) {
            dims.add(f);
        }
        if (dims.get(dims.size() - 1) != maxF) {
            dims.add(maxF);
        }
        return dims.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Heap beyond E: one cover's work arrays per thread at most, at the largest f'. */
    public static long estimateBytes(int n, int maxF, int concurrency) {
        return Math.max(1, concurrency) * SpikeCover.estimateBytes(n, maxF);
    }

    /** The cover at each f' of {@code dims} (ascending or not), in that order. */
    public static List<Level> compute(DenseBlock e, int[] dims, double cosTheta, double rho, int concurrency, Progress progress,
            Termination termination) {
        for (int f : dims) {
            SpikeCover.checkDim(e, f);
        }
        SpikeCover.checkCosTheta(cosTheta);
        SpikeCover.checkRho(rho);
        Level[] out = new Level[dims.length];
        AtomicInteger done = new AtomicInteger();
        String stage = "Spk sweep";
        progress.report(stage, 0, dims.length);
        int threads = Math.max(1, concurrency);
        if (dims.length == 1 || threads == 1) {
            for (int d = 0; d < dims.length; d++) {
                termination.check();
                out[d] = level(e, dims[d], cosTheta, rho, threads, termination);
                progress.report(stage, done.incrementAndGet(), dims.length);
            }
        } else {
            // Largest f' first, so that the slowest levels do not end up last on one thread.
            int[] order = new int[dims.length];
            Integer[] boxed = new Integer[dims.length];
            for (int d = 0; d < dims.length; d++) {
                boxed[d] = d;
            }
            java.util.Arrays.sort(boxed, (a, b) -> Integer.compare(dims[b], dims[a]));
            for (int d = 0; d < dims.length; d++) {
                order[d] = boxed[d];
            }
            Parallel.forRange(dims.length, threads, 1, termination, (from, to) -> {
                for (int k = from; k < to; k++) {
                    int d = order[k];
                    out[d] = level(e, dims[d], cosTheta, rho, 1, termination);
                    progress.report(stage, done.incrementAndGet(), dims.length);
                }
            });
        }
        return List.of(out);
    }

    private static Level level(DenseBlock e, int f, double cosTheta, double rho, int concurrency, Termination termination) {
        SpikeLevel l = SpikeCover.level(e, f, cosTheta, rho, concurrency, Progress.NONE, termination);
        return new Level(f, l.n(), l.peaks(), l.spk(), l.covered());
    }
}
