package spiky.algo.spikes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import spiky.Progress;
import spiky.algo.Parallel;
import spiky.algo.Termination;
import spiky.algo.linalg.DenseBlock;

/**
 * Spk, the spikiness measure of Afchar et al. (RecSys 2023), and the spike of every item.
 *
 * <h2>Definition</h2>
 * At one f', on the first f' columns x_i of each row of E (n × f):
 * <ol>
 *   <li>‖x_i‖ = sqrt(Σ_j x_ij²) and u_i = x_i / ‖x_i‖, in double, j ascending;
 *   <li>the cosine of two items is Σ_j u_pj·u_ij (double, j ascending); it is symmetric;
 *   <li>items are visited by descending ‖x_i‖, ties by ascending index;
 *   <li>before each visit, the cover stops if more than ρ·n items are covered ({@code covered > rho * n});
 *   <li>a visited item that is not yet covered becomes a peak: it covers itself and every uncovered item
 *       whose cosine with it is strictly above cosTheta;
 *   <li>Spk = peaks / n.
 * </ol>
 * <b>Zero rows</b> (‖x_i‖ = 0) have no direction. They are never covered by another peak, and cover no other
 * item, whatever cosTheta (even a negative one, although "cosine 0" would exceed it). They sort last; one
 * that is visited becomes a peak that covers only itself. No NaN arises from them.
 * <p>
 * <b>Extreme rows</b>: when Σ x_ij² overflows, or is below {@link Double#MIN_NORMAL} for a non-zero row, the
 * row is first divided by its largest |x_ij| (s), so u_i = (x_i / s) / ‖x_i / s‖ and the sort key is
 * s·‖x_i / s‖ (which may still be +∞; such rows then tie, by index). Other rows are unaffected.
 * Non-finite entries are refused ({@link IllegalArgumentException}): they are a bug upstream, not input.
 *
 * <h2>Computation</h2>
 * The result is exactly the one of the definition above, whatever the number of threads; only the
 * route is faster than "for each peak, n dot products":
 * <ul>
 *   <li>Peaks are taken in <em>batches</em> of up to {@value #BATCH}: walking the visiting order, the next
 *       uncovered item is a peak unless one of the batch's earlier peaks covers it (the definition's test).
 *       One pass over the uncovered items then finds, for each, the first peak of the batch that covers
 *       it, so each item is read once per batch rather than once per peak. The coverage curve is then
 *       accumulated peak by peak, and the batch is cut at the peak that passes ρ·n.
 *   <li>The first passes read the rows of E, in double, until they have cost {@value #DIRECT_BUDGET} peaks per
 *       item: very spiky data, covered by a handful of peaks, is done before anything else is built.
 *   <li>Otherwise the uncovered items with a direction live in a float <em>panel</em>: blocks of
 *       {@value #BLOCK} items, one {@code float[BLOCK]} per block and dimension, so that one peak against a
 *       block is a run of axpy loops over whole arrays, which the JIT vectorises. Covered items are marked
 *       dead; the panel is rebuilt without them once the work wasted on them exceeds what a rebuild costs.
 *   <li>Per block and peak, dimensions are added in chunks (the first {@value #FIRST}, then {@value #STEP}
 *       at a time); after each chunk, the Cauchy–Schwarz bound partial + ‖tail_p‖·‖tail_i‖ rules out most
 *       items, and the block stops as soon as none is left; when at most {@value #FEW} are left, each is
 *       finished from its row of E.
 *   <li>Each block also keeps a bounding cone (unit centroid c and the smallest cosine r of its items to c,
 *       in double): when cos(p, c) &lt; r, no item of the block has a cosine with peak p above
 *       cos(p, c)·r + sqrt(1 − cos(p, c)²)·sqrt(1 − r²), and the block is skipped when that is below
 *       cosTheta (less a {@value #CONE_SLACK} slack). For narrow cones, the panel is rebuilt after the first
 *       {@value #FIRST_GROUPING} peaks, and at every rebuild, with the uncovered items grouped by the most
 *       similar (over the first chunk) of the first {@value #PILOTS} peaks. On clustered data this skips
 *       most blocks; where it skips few (Gaussian data), cone tests turn themselves off for a while.
 *   <li>Float cosines decide only when they are more than a margin ({@code 2·(f'+8)·2⁻²⁴}, twice a bound on
 *       their error, about 1.6e-5 at f' = 128) away from cosTheta, and double cosines summed in another
 *       order than the definition's only when more than {@code 8·(f'+8)·2⁻⁵³} away; in between, the
 *       definition's own double cosine decides. So results match the definition bit for bit.
 *   <li>Passes over many items run on {@code concurrency} threads, over disjoint ranges of items or blocks;
 *       the decision for an item does not depend on the split.
 * </ul>
 * The phases, one class each: {@link CoverRows} (norms and unit vectors), {@link PeakBatch} (a batch of
 * peaks and the definition's tests), {@link DirectScan} (batches against the rows), {@link Panel} (the
 * float panel, its cones and rebuilds), driven by {@link GreedyCover}.
 */
public final class SpikeCover {
    /** Items per panel block. */
    static final int BLOCK = 128;
    /** Dimensions of the first chunk, before the first bound check. */
    static final int FIRST = 32;
    /** Dimensions of each later chunk. */
    static final int STEP = 16;
    /** At most this many peaks per pass over the panel. */
    static final int BATCH = 32;
    /** When at most this many items of a block are left after a chunk, they are finished one by one. */
    static final int FEW = 4;
    /** Below this many (live and dead) panel slots × peaks, a pass runs on the calling thread. */
    static final long PARALLEL_WORK = 1L << 17;
    /**
     * Batches are checked against the rows of E, without a panel, as long as that has cost at most this
     * many (item, peak) pairs per item with a direction: building a panel costs about as much as checking
     * 15 to 20 peaks against the rows, so a cover that needs few peaks never builds one, and one that needs
     * many pays at most about twice the least it could for the first ones.
     */
    static final int DIRECT_BUDGET = 16;
    /** Progress is reported after at least this many new peaks. */
    static final int PROGRESS_PEAKS = 256;
    /**
     * The panel is rebuilt without its dead slots once the (slot, peak) pairs spent on them since it was
     * built exceed REBUILD_PER_ITEM·(f + 64) per live item: about what rebuilding costs.
     */
    static final int REBUILD_PER_ITEM = 2;
    /** Live items are grouped by the most similar of the first PILOTS peaks when the panel is rebuilt ... */
    static final int PILOTS = 64;
    /** ... and the panel is rebuilt once, for that grouping, after this many peaks. */
    static final int FIRST_GROUPING = 128;
    /** Slack of the cone test, far above its double rounding error (about f·1e-16). */
    static final double CONE_SLACK = 1e-10;
    /** Cone tests stay on while they skip at least 1/CONE_USEFUL of the (block, peak) pairs ... */
    static final int CONE_USEFUL = 32;
    /** ... and are retried after this many batches without them. */
    static final int CONE_RETRY = 16;

    private SpikeCover() {}

    /**
     * Heap for one {@link #compute}, beyond E itself: the float panel of the level being computed,
     * at its largest (every item in it: it holds the uncovered ones when it is built, at least
     * half), with its tails, cones, slot arrays and the pilots' vectors; the per-item work arrays
     * (norms, keys, the visiting order's sort, spike and slot indices) and the results of four levels.
     */
    public static long estimateBytes(int n, int maxF) {
        long blocks = ((long) n + BLOCK - 1) / BLOCK;
        long slots = blocks * BLOCK;
        int chunks = chunkEnds(Math.max(1, maxF)).length;
        long arrayHeaders = blocks * (maxF + chunks) * 16L;
        long cones = blocks * (maxF + 1L) * Double.BYTES;
        long scratch = (long) PILOTS * maxF * Float.BYTES + 2L * BATCH * maxF * Double.BYTES + 64L * BLOCK * Double.BYTES;
        long panel = slots * (maxF + chunks) * Float.BYTES + arrayHeaders + cones + scratch + slots * 3L * Integer.BYTES;
        long items = (long) n * (5 * Double.BYTES + 9 * Integer.BYTES);
        long results = 4L * n * 3 * Integer.BYTES;
        return panel + items + results + (256L << 10);
    }

    /** One {@link SpikeLevel} per f' of {@code config.dims()}, in that order. */
    public static List<SpikeLevel> compute(DenseBlock embeddings, SpikeConfig config, int concurrency, Progress progress,
            Termination termination) {
        for (int f : config.dims()) {
            checkDim(embeddings, f);
        }
        List<SpikeLevel> levels = new ArrayList<>(config.dims().size());
        for (int f : config.dims()) {
            levels.add(level(embeddings, f, config.cosTheta(), config.rho(), concurrency, progress, termination));
        }
        return levels;
    }

    /** The spike cover of the first f columns of the embeddings (see the class comment). */
    public static SpikeLevel level(DenseBlock embeddings, int f, double cosTheta, double rho, int concurrency, Progress progress,
            Termination termination) {
        checkDim(embeddings, f);
        checkCosTheta(cosTheta);
        checkRho(rho);
        return new GreedyCover(embeddings, f, cosTheta, rho, Math.max(1, concurrency), progress, termination).run();
    }

    // Argument checks: the user-facing keys (spkDims, cosTheta, rho) and their ranges are in PipelineSettings.

    static void checkDim(DenseBlock e, int f) {
        if (f < 1 || f > e.cols()) {
            throw new IllegalArgumentException("f = " + f + " is not in [1, " + e.cols() + "]: the embeddings have "
                    + e.cols() + " columns");
        }
    }

    static void checkCosTheta(double cosTheta) {
        if (!(cosTheta > -1 && cosTheta < 1)) {
            throw new IllegalArgumentException("cosTheta must be in (-1, 1), got " + cosTheta);
        }
    }

    static void checkRho(double rho) {
        if (!(rho > 0 && rho <= 1)) {
            throw new IllegalArgumentException("rho must be in (0, 1], got " + rho);
        }
    }

    /** Where each chunk of dimensions ends: FIRST, then STEP at a time, the last one at f. */
    static int[] chunkEnds(int f) {
        int first = Math.min(f, FIRST);
        int count = 1 + (f - first + STEP - 1) / STEP;
        int[] ends = new int[count];
        ends[0] = first;
        for (int c = 1; c < count; c++) {
            ends[c] = Math.min(f, ends[c - 1] + STEP);
        }
        return ends;
    }

    /**
     * Item indices by descending key, ties by ascending index. The keys are non-negative doubles (not
     * NaN), whose bit patterns order as they do: a stable LSD radix sort of MAX − bits, 11 bits a pass.
     */
    static int[] byDescendingNorm(double[] key) {
        int n = key.length;
        long[] k = new long[n];
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            k[i] = Long.MAX_VALUE - Double.doubleToRawLongBits(key[i]);
            idx[i] = i;
        }
        long[] k2 = new long[n];
        int[] idx2 = new int[n];
        int[] start = new int[1 << 11];
        for (int shift = 0; shift < 63; shift += 11) {
            Arrays.fill(start, 0);
            for (int i = 0; i < n; i++) {
                start[(int) (k[i] >>> shift) & 2047]++;
            }
            if (n == 0 || start[(int) (k[0] >>> shift) & 2047] == n) {
                continue; // one digit value only: nothing to move
            }
            int sum = 0;
            for (int d = 0; d < start.length; d++) {
                int c = start[d];
                start[d] = sum;
                sum += c;
            }
            for (int i = 0; i < n; i++) {
                int pos = start[(int) (k[i] >>> shift) & 2047]++;
                k2[pos] = k[i];
                idx2[pos] = idx[i];
            }
            long[] tk = k;
            k = k2;
            k2 = tk;
            int[] ti = idx;
            idx = idx2;
            idx2 = ti;
        }
        return idx;
    }
}
