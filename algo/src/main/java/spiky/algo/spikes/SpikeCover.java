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
     * Heap for one {@link #compute}, beyond E itself: the float panel and per-item work arrays of the
     * level being computed, and the results of four levels.
     */
    public static long estimateBytes(int n, int maxF) {
        long blocks = ((long) n + BLOCK - 1) / BLOCK;
        long slots = blocks * BLOCK;
        int chunks = chunkEnds(Math.max(1, maxF)).length;
        long arrayHeaders = blocks * (maxF + chunks) * 16L;
        long cones = blocks * (maxF + 1L) * Double.BYTES;
        long scratch = 16L * BLOCK * maxF * Double.BYTES;
        long panel = slots * (maxF + chunks) * Float.BYTES + arrayHeaders + cones + scratch + slots * 3L * Integer.BYTES;
        long items = (long) n * (5 * Double.BYTES + 9 * Integer.BYTES);
        long results = 4L * n * 3 * Integer.BYTES;
        return panel + items + results + (1L << 20);
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
        return new Cover(embeddings, f, cosTheta, rho, Math.max(1, concurrency), progress, termination).run();
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

    /** The state of one level. */
    private static final class Cover {
        private final double[] x;
        private final int cols;
        private final int n;
        private final int f;
        private final double cosTheta;
        private final double rho;
        private final int concurrency;
        private final Progress progress;
        private final Termination termination;
        private final String stage;

        /** Float decisions: at most lowF is surely not above cosTheta, above highF surely is. */
        private final float lowF;
        private final float highF;
        /**
         * Double cosines summed in another order than the definition's differ from it by less than
         * 2·(f+2)·2⁻⁵³ (both within (f+2)·2⁻⁵³ of the exact value, their terms summing to at most 1 in
         * absolute value); within rowBand, four times that, of cosTheta the definition decides.
         */
        private final double rowBand;

        /** Chunk ends in dimensions, and their count. */
        private final int[] ends;
        private final int chunks;

        /** Per item: the sort key, the divisor of x before normalising (1 for ordinary rows), ‖x / scale‖. */
        private final double[] key;
        private final double[] scale;
        private final double[] den;
        private final int[] spikeOf;
        /** Per item, its slot in the panel, or -1. */
        private final int[] slotOf;

        /** The panel: rows[block·f + j][slot], the float unit vectors, by block and dimension. */
        private float[][] rows;
        /** tailRows[block·chunks + c][slot]: the norm of the unit vector after chunk c; NaN when dead or empty. */
        private float[][] tailRows;
        /** Per block, its cone: the unit centroid (f doubles) and the smallest cosine of its items to it. */
        private double[] centroid;
        private double[] coneCos;
        /** Per slot, its item, or -1 when dead or empty. */
        private int[] slotItem;
        /** Per slot, during a batch, the index in the batch of the first peak that covers it, or -1. */
        private int[] hitPeak;
        private int slots;
        private int blocks;
        private int dead;

        /** The batch: its peaks, their unit vectors (double and float) and tails, their coverage counts. */
        private final int[] batch = new int[BATCH];
        private final double[] peakUD;
        private final float[] peakU;
        private final float[] peakTail;
        private final int[] hits = new int[BATCH];
        private final double[] itemU;

        /** Before the panel exists: the uncovered items with a direction, and per item the batch's first peak covering it. */
        private int[] direct;
        private int directCount;
        private int[] firstHit;
        private long directPairs;
        /** (slot, peak) pairs spent on dead slots since the panel was built. */
        private long wasted;

        /** Whether the panel has cones, and whether cone tests are on. */
        private boolean panelCones;
        private boolean cones = true;
        private int batchesWithoutCones;
        private boolean grouped;

        private int[] peaks = new int[64];
        private int[] coveredAfter = new int[64];
        private int peakCount;
        private int covered;

        Cover(DenseBlock e, int f, double cosTheta, double rho, int concurrency, Progress progress, Termination termination) {
            this.x = e.data();
            this.cols = e.cols();
            this.n = e.rows();
            this.f = f;
            this.cosTheta = cosTheta;
            this.rho = rho;
            this.concurrency = concurrency;
            this.progress = progress;
            this.termination = termination;
            this.stage = "spike cover at f'=" + f;
            double margin = 2.0 * (f + 8) * 0x1p-24;
            this.lowF = Math.nextDown((float) (cosTheta - margin));
            this.highF = Math.nextUp((float) (cosTheta + margin));
            this.rowBand = 8.0 * (f + 8) * 0x1p-53;
            this.ends = chunkEnds(f);
            this.chunks = ends.length;
            this.key = new double[n];
            this.scale = new double[n];
            this.den = new double[n];
            this.spikeOf = new int[n];
            this.slotOf = new int[n];
            this.peakUD = new double[BATCH * f];
            this.peakU = new float[BATCH * f];
            this.peakTail = new float[BATCH * chunks];
            this.itemU = new double[f];
        }

        SpikeLevel run() {
            Arrays.fill(spikeOf, -1);
            Arrays.fill(slotOf, -1);
            Parallel.forRange(n, concurrency, termination, this::norms);
            int[] order = byDescendingNorm(key);
            int live = 0;
            while (live < n && den[order[live]] > 0) {
                live++;
            }
            // Zero rows sort last and stay out of the panel. The others in index order: the passes over
            // them then read E sequentially.
            direct = new int[live];
            for (int i = 0; i < n; i++) {
                if (den[i] > 0) {
                    direct[directCount++] = i;
                }
            }
            firstHit = new int[n];
            Arrays.fill(firstHit, -1);

            long target = Math.min(n, (long) Math.floor(rho * n) + 1);
            int reported = 0;
            int v = 0;
            int walkLimit = 4 * BATCH + 64;
            while (v < n && covered <= rho * n) {
                termination.check();
                // The batch: the next uncovered items in visiting order that no earlier peak of the batch
                // covers. The pass over the panel then finds every item those peaks cover.
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
                        unitInto(item, itemU, 0);
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
                if (size == 0) {
                    break;
                }
                // Peaks with a direction come first in the batch (zero rows sort last).
                int scanned = 0;
                while (scanned < size && den[batch[scanned]] > 0) {
                    scanned++;
                }
                Arrays.fill(hits, 0);
                if (direct != null && directPairs + (long) directCount * scanned > (long) DIRECT_BUDGET * live) {
                    buildPanel(Arrays.copyOf(direct, directCount), directCount);
                    direct = null;
                    firstHit = null;
                }
                if (direct != null) {
                    directPairs += (long) directCount * scanned;
                    if (scanned > 0) {
                        scanDirect(scanned);
                    }
                } else if (scanned > 0) {
                    scan(scanned);
                }
                int last = size - 1;
                for (int b = 0; b < size; b++) {
                    covered += 1 + hits[b];
                    addPeak(batch[b]);
                    if (covered > rho * n) {
                        last = b;
                        break;
                    }
                }
                if (direct != null) {
                    finishDirect(scanned, last);
                } else {
                    finish(scanned, last, covered > rho * n || v >= n);
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

        /** Sort keys and normalisers of items [from, to). */
        private void norms(int from, int to) {
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
        private void unitInto(int i, double[] out, int off) {
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

        /** Σ_j a[off + j]·u[j], j ascending: the definition's cosine when both are unit vectors. */
        private double dot(double[] a, int off, double[] u) {
            double s = 0;
            for (int j = 0; j < f; j++) {
                s += a[off + j] * u[j];
            }
            return s;
        }

        /** The definition's test for peak b of the batch and item i (with a direction). */
        private boolean exactHit(int b, int i) {
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
        private double rowCos(int b, int i) {
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
        private void rowCos(int b0, int nb, int i, double[] out) {
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
        private boolean rowHit(int b, int i, double cos) {
            return cos > cosTheta + rowBand || (cos >= cosTheta - rowBand && exactHit(b, i));
        }

        /** The batch's first {@code count} peaks against every uncovered item, from the rows of E. */
        private void scanDirect(int count) {
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
                        rowCos(b0, nb, i, cos);
                        for (int b = b0; b < b0 + nb; b++) {
                            if (rowHit(b, i, cos[b - b0])) {
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

        /** {@link #finish} before the panel exists. */
        private void finishDirect(int scanned, int last) {
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

        /** Tail norms of a double unit vector u[off, off + f) after each chunk end, into tail[t0 + c·stride]. */
        private void tailsOf(double[] u, int off, float[] tail, int t0, int stride) {
            double s = 0;
            int j = f;
            for (int c = chunks - 1; c >= 0; c--) {
                while (j > ends[c]) {
                    j--;
                    s += u[off + j] * u[off + j];
                }
                tail[t0 + c * stride] = (float) Math.sqrt(s);
            }
        }

        /**
         * Fills the panel with items[0, count), in that order (any order gives the same result), with
         * cones once the panel is grouped (before, blocks mix all directions and cones would skip nothing).
         */
        private void buildPanel(int[] items, int count) {
            int newBlocks = (count + BLOCK - 1) / BLOCK;
            int newSlots = newBlocks * BLOCK;
            if (rows == null || rows.length < newBlocks * f) {
                rows = new float[newBlocks * f][BLOCK];
                tailRows = new float[newBlocks * chunks][BLOCK];
                slotItem = new int[newSlots];
                hitPeak = new int[newSlots];
            }
            boolean withCones = grouped;
            if (withCones && (centroid == null || centroid.length < newBlocks * f)) {
                centroid = new double[newBlocks * f];
                coneCos = new double[newBlocks];
            }
            panelCones = withCones;
            slots = newSlots;
            blocks = newBlocks;
            dead = newSlots - count;
            wasted = 0;
            Parallel.forRange(newBlocks, concurrency, Math.max(1, newBlocks / (concurrency * 4)), termination, (from, to) -> {
                double[] inv = new double[BLOCK];
                double[] sums = new double[chunks];
                for (int k = from; k < to; k++) {
                    fillBlock(k, items, count, inv, sums, withCones);
                }
            });
        }

        /**
         * Fills block k with items[k·BLOCK, ...): float unit vectors x·(1/‖x‖) (within double rounding of
         * the definition's, far inside the float margin) and tail norms; inv and sums are scratch.
         */
        private void fillBlock(int k, int[] items, int count, double[] inv, double[] sums, boolean withCones) {
            int filled = Math.min(BLOCK, count - k * BLOCK);
            int rb = k * f;
            int tb = k * chunks;
            for (int s = 0; s < BLOCK; s++) {
                int t = k * BLOCK + s;
                hitPeak[t] = -1;
                if (s < filled) {
                    int item = items[t];
                    slotItem[t] = item;
                    slotOf[item] = t;
                    double iv = scale[item] == 1 ? 1 / den[item] : 1 / scale[item] / den[item];
                    inv[s] = iv;
                    int base = item * cols;
                    int j = 0;
                    for (int c = 0; c < chunks; c++) {
                        double q = 0;
                        for (; j < ends[c]; j++) {
                            double v = x[base + j] * iv;
                            q += v * v;
                        }
                        sums[c] = q;
                    }
                    double suffix = 0;
                    for (int c = chunks - 1; c >= 0; c--) {
                        tailRows[tb + c][s] = (float) Math.sqrt(suffix);
                        suffix += sums[c];
                    }
                } else {
                    slotItem[t] = -1;
                    for (int c = 0; c < chunks; c++) {
                        tailRows[tb + c][s] = Float.NaN;
                    }
                }
            }
            // By tiles of 16 dimensions, so that the rows being written stay in cache.
            for (int j0 = 0; j0 < f; j0 += 16) {
                int j1 = Math.min(f, j0 + 16);
                for (int s = 0; s < BLOCK; s++) {
                    if (s < filled) {
                        int base = slotItem[k * BLOCK + s] * cols;
                        double iv = inv[s];
                        for (int j = j0; j < j1; j++) {
                            rows[rb + j][s] = (float) (x[base + j] * iv);
                        }
                    } else {
                        for (int j = j0; j < j1; j++) {
                            rows[rb + j][s] = 0;
                        }
                    }
                }
            }
            if (withCones) {
                fillCone(k, filled, inv);
            }
        }

        /** The cone of block k (its first {@code filled} slots), in double. */
        private void fillCone(int k, int filled, double[] inv) {
            int rb = k * f;
            Arrays.fill(centroid, rb, rb + f, 0);
            for (int s = 0; s < filled; s++) {
                int base = slotItem[k * BLOCK + s] * cols;
                double iv = inv[s];
                for (int j = 0; j < f; j++) {
                    centroid[rb + j] += x[base + j] * iv;
                }
            }
            double norm = 0;
            for (int j = 0; j < f; j++) {
                norm += centroid[rb + j] * centroid[rb + j];
            }
            norm = Math.sqrt(norm);
            if (!(norm > 1e-6)) {
                // Directions that cancel out: no useful cone.
                Arrays.fill(centroid, rb, rb + f, 0);
                coneCos[k] = -1;
                return;
            }
            for (int j = 0; j < f; j++) {
                centroid[rb + j] /= norm;
            }
            double min = 1;
            for (int s = 0; s < filled; s++) {
                int base = slotItem[k * BLOCK + s] * cols;
                double c = 0;
                for (int j = 0; j < f; j++) {
                    c += centroid[rb + j] * x[base + j];
                }
                min = Math.min(min, c * inv[s]);
            }
            coneCos[k] = Math.max(-1, min);
        }

        /** True when no item of block k can have a cosine above cosTheta with peak b (see the class comment). */
        private boolean coneExcludes(int k, int b) {
            int cb = k * f;
            int pb = b * f;
            double g0 = 0;
            double g1 = 0;
            double g2 = 0;
            double g3 = 0;
            int j = 0;
            for (; j + 4 <= f; j += 4) {
                g0 += centroid[cb + j] * peakUD[pb + j];
                g1 += centroid[cb + j + 1] * peakUD[pb + j + 1];
                g2 += centroid[cb + j + 2] * peakUD[pb + j + 2];
                g3 += centroid[cb + j + 3] * peakUD[pb + j + 3];
            }
            for (; j < f; j++) {
                g0 += centroid[cb + j] * peakUD[pb + j];
            }
            // Round the cosine to the centre up and the cone's cosine down: the bound only grows.
            double g = Math.min(1, (g0 + g1) + (g2 + g3) + CONE_SLACK);
            double r = Math.max(-1, coneCos[k] - CONE_SLACK);
            if (g >= r) {
                return false;
            }
            double bound = g * r + Math.sqrt(Math.max(0, 1 - g * g) * Math.max(0, 1 - r * r));
            return bound + CONE_SLACK < cosTheta;
        }

        /** One pass over the panel for the batch's first {@code count} peaks (all with a direction). */
        private void scan(int count) {
            for (int b = 0; b < count; b++) {
                for (int j = 0; j < f; j++) {
                    peakU[b * f + j] = (float) peakUD[b * f + j];
                }
                tailsOf(peakUD, b * f, peakTail, b * chunks, 1);
                hitPeak[slotOf[batch[b]]] = b;
            }
            wasted += (long) dead * count;
            boolean useCones = cones && panelCones;
            long[] coneStats = new long[2];
            Parallel.RangeBody body = (from, to) -> {
                float[] dots = new float[BLOCK];
                int[] cand = new int[BLOCK];
                int[] local = new int[count];
                long checks = 0;
                long skips = 0;
                for (int k = from; k < to; k++) {
                    for (int b = 0; b < count; b++) {
                        if (useCones) {
                            checks++;
                            if (coneExcludes(k, b)) {
                                skips++;
                                continue;
                            }
                        }
                        scanBlock(k, b, dots, cand, local);
                    }
                }
                synchronized (hits) {
                    for (int b = 0; b < count; b++) {
                        hits[b] += local[b];
                    }
                    coneStats[0] += checks;
                    coneStats[1] += skips;
                }
            };
            runBlocks(count, body);
            if (!panelCones) {
                // Nothing to decide until the panel is grouped.
            } else if (useCones) {
                cones = coneStats[1] * CONE_USEFUL >= coneStats[0];
                batchesWithoutCones = 0;
            } else if (++batchesWithoutCones >= CONE_RETRY) {
                cones = true;
            }
        }

        /** body over all blocks; on the calling thread when there is little work for {@code peaks} peaks. */
        private void runBlocks(int peaks, Parallel.RangeBody body) {
            if ((long) slots * peaks < PARALLEL_WORK || concurrency == 1) {
                body.run(0, blocks);
            } else {
                Parallel.forRange(blocks, concurrency, Math.max(1, blocks / (concurrency * 8)), termination, body);
            }
        }


        /** Peak b of the batch against block k: marks the block's items it covers first. */
        private void scanBlock(int k, int b, float[] dots, int[] cand, int[] local) {
            final float[][] rows = this.rows;
            final float[] pu = peakU;
            final int rb = k * f;
            final int pOff = b * f;
            Arrays.fill(dots, 0f);
            int d0 = 0;
            for (int c = 0; c < chunks; c++) {
                int d1 = ends[c];
                accumulate(dots, rows, rb, pu, pOff, d0, d1);
                d0 = d1;
                float tp = peakTail[b * chunks + c];
                float[] tail = tailRows[k * chunks + c];
                int m = 0;
                for (int s = 0; s < BLOCK; s++) {
                    if (dots[s] + tp * tail[s] > lowF) {
                        cand[m++] = s;
                    }
                }
                if (m == 0) {
                    return;
                }
                if (c == chunks - 1) {
                    for (int q = 0; q < m; q++) {
                        decide(k * BLOCK + cand[q], b, dots[cand[q]], local);
                    }
                    return;
                }
                if (m <= FEW) {
                    // A few items left: finish each from its contiguous row of E rather than from
                    // the panel's remaining rows, most of which are out of cache.
                    for (int q = 0; q < m; q++) {
                        decideFromRow(k * BLOCK + cand[q], b, local);
                    }
                    return;
                }
            }
        }

        /** dots[s] += Σ_{d0 ≤ j < d1} pu[pOff + j]·rows[rb + j][s]: axpy loops over whole arrays, vectorised. */
        private static void accumulate(float[] dots, float[][] rows, int rb, float[] pu, int pOff, int d0, int d1) {
            int j = d0;
            for (; j + 4 <= d1; j += 4) {
                float a0 = pu[pOff + j];
                float a1 = pu[pOff + j + 1];
                float a2 = pu[pOff + j + 2];
                float a3 = pu[pOff + j + 3];
                float[] x0 = rows[rb + j];
                float[] x1 = rows[rb + j + 1];
                float[] x2 = rows[rb + j + 2];
                float[] x3 = rows[rb + j + 3];
                for (int s = 0; s < BLOCK; s++) {
                    dots[s] += a0 * x0[s] + a1 * x1[s] + a2 * x2[s] + a3 * x3[s];
                }
            }
            for (; j < d1; j++) {
                float a = pu[pOff + j];
                float[] x0 = rows[rb + j];
                for (int s = 0; s < BLOCK; s++) {
                    dots[s] += a * x0[s];
                }
            }
        }

        /** Decides slot t against peak b from its full float cosine, falling back on double near cosTheta. */
        private void decide(int t, int b, float cos, int[] local) {
            if (hitPeak[t] >= 0 || cos <= lowF) {
                return;
            }
            if (cos > highF || exactHit(b, slotItem[t])) {
                hitPeak[t] = b;
                local[b]++;
            }
        }

        /** Decides slot t against peak b from the row of E. */
        private void decideFromRow(int t, int b, int[] local) {
            if (hitPeak[t] < 0 && rowHit(b, slotItem[t], rowCos(b, slotItem[t]))) {
                hitPeak[t] = b;
                local[b]++;
            }
        }

        /**
         * Applies the batch up to peak {@code last}: its items are covered and leave the panel. When the
         * cover stops within the batch, the items of later peaks stay uncovered. The panel is compacted
         * when enough of it is dead, unless the cover is {@code done}.
         */
        private void finish(int scanned, int last, boolean done) {
            for (int b = scanned; b <= last; b++) {
                spikeOf[batch[b]] = batch[b];
            }
            if (scanned == 0) {
                return;
            }
            int newlyDead = 0;
            for (int t = 0; t < slots; t++) {
                int h = hitPeak[t];
                if (h >= 0) {
                    if (h <= last) {
                        int item = slotItem[t];
                        spikeOf[item] = batch[h];
                        slotOf[item] = -1;
                        slotItem[t] = -1;
                        int k = t / BLOCK;
                        int s = t % BLOCK;
                        for (int c = 0; c < chunks; c++) {
                            tailRows[k * chunks + c][s] = Float.NaN;
                        }
                        newlyDead++;
                    }
                    hitPeak[t] = -1;
                }
            }
            dead += newlyDead;
            int live = slots - dead;
            boolean group = !grouped && peakCount >= FIRST_GROUPING;
            if (!done && live > 0 && slots > BLOCK && (group || wasted > (long) REBUILD_PER_ITEM * (f + 64) * live)) {
                int[] items = groupedLiveItems(live);
                grouped = true;
                buildPanel(items, live);
            }
        }

        /**
         * The live items of the panel, grouped by the pilot (one of the first PILOTS peaks) with which
         * their float cosine over the first chunk is largest; in slot order within a group.
         */
        private int[] groupedLiveItems(int live) {
            int pilots = Math.min(PILOTS, peakCount);
            int d = ends[0];
            float[] pilotU = new float[pilots * d];
            double[] u = new double[f];
            for (int r = 0; r < pilots; r++) {
                if (den[peaks[r]] == 0) {
                    continue; // no direction: its pilot row stays 0
                }
                unitInto(peaks[r], u, 0);
                for (int j = 0; j < d; j++) {
                    pilotU[r * d + j] = (float) u[j];
                }
            }
            int[] group = new int[slots];
            runBlocks(pilots, (from, to) -> {
                float[] dots = new float[BLOCK];
                float[] best = new float[BLOCK];
                for (int k = from; k < to; k++) {
                    Arrays.fill(best, Float.NEGATIVE_INFINITY);
                    for (int r = 0; r < pilots; r++) {
                        Arrays.fill(dots, 0f);
                        accumulate(dots, rows, k * f, pilotU, r * d, 0, d);
                        for (int s = 0; s < BLOCK; s++) {
                            if (dots[s] > best[s]) {
                                best[s] = dots[s];
                                group[k * BLOCK + s] = r;
                            }
                        }
                    }
                }
            });
            int[] start = new int[pilots + 1];
            for (int t = 0; t < slots; t++) {
                if (slotItem[t] >= 0) {
                    start[group[t] + 1]++;
                }
            }
            for (int r = 0; r < pilots; r++) {
                start[r + 1] += start[r];
            }
            int[] items = new int[live];
            for (int t = 0; t < slots; t++) {
                if (slotItem[t] >= 0) {
                    items[start[group[t]]++] = slotItem[t];
                }
            }
            return items;
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
}
