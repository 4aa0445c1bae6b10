package spiky.algo.spikes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import spiky.InvalidInputException;
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
 *   <li>The still-uncovered items with a direction live in a float <em>panel</em>: blocks of
 *       {@value #BLOCK} items, one {@code float[BLOCK]} per block and dimension, so that one peak against
 *       a block is a run of axpy loops over whole arrays, which the JIT vectorises. Covered items are
 *       marked dead; the panel is rebuilt without them once they are an eighth of it.
 *   <li>The panel is ordered by a random-hyperplane sign hash ({@value #HASH_BITS} planes), so that a block
 *       holds items of similar direction. Each block keeps a bounding cone (unit centroid c, smallest
 *       cosine r of its items to c, in double): when cos(p, c) &lt; r, no item of the block has a cosine
 *       with peak p above cos(p, c)·r + sqrt(1 − cos(p, c)²)·sqrt(1 − r²), and the block is skipped when
 *       that is below cosTheta (with a 1e-10 slack). On clustered (spiky) data this skips most blocks;
 *       where it skips few (Gaussian data) the cone test turns itself off, and is retried now and then.
 *   <li>Peaks are taken in <em>batches</em> of up to {@value #BATCH}: walking the visiting order, the next
 *       uncovered item is a peak unless one of the batch's earlier peaks covers it (checked exactly). One
 *       pass over the panel then finds, for every uncovered item, the first peak of the batch that
 *       covers it, so each block is read once per batch rather than once per peak. The coverage curve is
 *       then accumulated peak by peak, and the batch is cut at the peak that passes ρ·n.
 *   <li>Per block and peak, dimensions are added in chunks (the first {@value #FIRST}, then
 *       {@value #STEP} at a time); after each chunk, the Cauchy–Schwarz bound partial + ‖tail_p‖·‖tail_i‖
 *       rules out most items, and the block stops as soon as none is left.
 *   <li>Float cosines decide only when they are more than a margin ({@code 2·(f'+8)·2⁻²⁴}, twice a bound
 *       on the float error, about 1.6e-5 at f' = 128) away from cosTheta; in between, the double cosine of
 *       the definition decides. So results match the double definition bit for bit.
 *   <li>Passes over many items run on {@code concurrency} threads, over blocks; each block is written by
 *       one thread, and the per-item decision does not depend on the split.
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
    /** Progress is reported after at least this many new peaks. */
    static final int PROGRESS_PEAKS = 256;
    /** Random hyperplanes of the hash that orders the panel. */
    static final int HASH_BITS = 10;
    /** The panel is rebuilt when more than 1/REBUILD of its slots are dead. */
    static final int REBUILD = 8;
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
        long panel = slots * (maxF + chunks) * Float.BYTES + arrayHeaders + blocks * (maxF + 1L) * Double.BYTES
                + slots * 2L * Integer.BYTES;
        long items = (long) n * (3 * Double.BYTES + 7 * Integer.BYTES);
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

    static void checkDim(DenseBlock e, int f) {
        if (f < 1 || f > e.cols()) {
            throw InvalidInputException.parameter("spkDims",
                    f + " is not in the range [1, " + e.cols() + "] (the embeddings have " + e.cols() + " columns)");
        }
    }

    static void checkCosTheta(double cosTheta) {
        if (!(cosTheta > -1 && cosTheta < 1)) {
            throw InvalidInputException.parameter("cosTheta", cosTheta + " is not in the range (-1, 1)");
        }
    }

    static void checkRho(double rho) {
        if (!(rho > 0 && rho <= 1)) {
            throw InvalidInputException.parameter("rho", rho + " is not in the range (0, 1]");
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

    /** Item indices by descending key, ties by ascending index: a stable bottom-up merge sort. */
    static int[] byDescendingNorm(double[] key) {
        int n = key.length;
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        int[] b = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(n, lo + width);
                int hi = Math.min(n, lo + 2 * width);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    // Take from the left run unless the right one is strictly larger: stable.
                    b[k++] = key[a[j]] > key[a[i]] ? a[j++] : a[i++];
                }
                while (i < mid) {
                    b[k++] = a[i++];
                }
                while (j < hi) {
                    b[k++] = a[j++];
                }
            }
            int[] t = a;
            a = b;
            b = t;
        }
        return a;
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

        /** Chunk ends in dimensions, and their count. */
        private final int[] ends;
        private final int chunks;

        /** Per item: the sort key, the divisor of x before normalising (1 for ordinary rows), ‖x / scale‖. */
        private final double[] key;
        private final double[] scale;
        private final double[] den;
        /** Per item, its hyperplane hash. */
        private final int[] hash;
        private final double[] planes;
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

        private boolean cones = true;
        private int batchesWithoutCones;
        private long coneChecks;
        private long coneSkips;

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
            this.ends = chunkEnds(f);
            this.chunks = ends.length;
            this.key = new double[n];
            this.scale = new double[n];
            this.den = new double[n];
            this.hash = new int[n];
            this.spikeOf = new int[n];
            this.slotOf = new int[n];
            this.peakUD = new double[BATCH * f];
            this.peakU = new float[BATCH * f];
            this.peakTail = new float[BATCH * chunks];
            this.itemU = new double[f];
            SplittableRandom random = new SplittableRandom(0x5B1CED5L);
            this.planes = new double[HASH_BITS * f];
            for (int i = 0; i < planes.length; i++) {
                planes[i] = random.nextGaussian();
            }
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
            // Zero rows sort last and stay out of the panel.
            buildPanel(Arrays.copyOf(order, live), live);

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
                if (scanned > 0) {
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
                finish(scanned, last);
                if (peakCount - reported >= PROGRESS_PEAKS) {
                    reported = peakCount;
                    progress.report(stage, Math.min(covered, target), target);
                }
            }
            progress.report(stage, Math.min(covered, target), target);
            return new SpikeLevel(f, n, peakCount, n == 0 ? 0 : (double) peakCount / n, spikeOf, Arrays.copyOf(peaks, peakCount),
                    Arrays.copyOf(coveredAfter, peakCount));
        }

        /** Sort keys, normalisers and hashes of items [from, to). */
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
                // The side of each hyperplane; x / scale for extreme rows, so that nothing overflows.
                double sc = scale[i];
                int h = 0;
                for (int q = 0; q < HASH_BITS; q++) {
                    double side = 0;
                    for (int j = 0; j < f; j++) {
                        side += (sc == 1 ? x[base + j] : x[base + j] / sc) * planes[q * f + j];
                    }
                    h = (h << 1) | (side > 0 ? 1 : 0);
                }
                hash[i] = h;
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

        /** Fills the panel with items[0, count), ordered by hash (stably). */
        private void buildPanel(int[] items, int count) {
            int buckets = 1 << HASH_BITS;
            int[] start = new int[buckets + 1];
            for (int t = 0; t < count; t++) {
                start[hash[items[t]] + 1]++;
            }
            for (int h = 0; h < buckets; h++) {
                start[h + 1] += start[h];
            }
            int[] sorted = new int[count];
            for (int t = 0; t < count; t++) {
                sorted[start[hash[items[t]]]++] = items[t];
            }
            int newBlocks = (count + BLOCK - 1) / BLOCK;
            int newSlots = newBlocks * BLOCK;
            if (rows == null || rows.length < newBlocks * f) {
                rows = new float[newBlocks * f][BLOCK];
                tailRows = new float[newBlocks * chunks][BLOCK];
                centroid = new double[newBlocks * f];
                coneCos = new double[newBlocks];
                slotItem = new int[newSlots];
                hitPeak = new int[newSlots];
            }
            slots = newSlots;
            blocks = newBlocks;
            dead = newSlots - count;
            Parallel.forRange(newBlocks, concurrency, Math.max(1, newBlocks / (concurrency * 4)), termination, (from, to) -> {
                double[] u = new double[BLOCK * f];
                float[] tail = new float[chunks];
                for (int k = from; k < to; k++) {
                    fillBlock(k, sorted, count, u, tail);
                }
            });
        }

        private void fillBlock(int k, int[] sorted, int count, double[] u, float[] tail) {
            int filled = Math.min(BLOCK, count - k * BLOCK);
            int cb = k * f;
            Arrays.fill(centroid, cb, cb + f, 0);
            for (int s = 0; s < BLOCK; s++) {
                int t = k * BLOCK + s;
                hitPeak[t] = -1;
                if (s < filled) {
                    int item = sorted[t];
                    slotItem[t] = item;
                    slotOf[item] = t;
                    unitInto(item, u, s * f);
                    for (int j = 0; j < f; j++) {
                        rows[cb + j][s] = (float) u[s * f + j];
                        centroid[cb + j] += u[s * f + j];
                    }
                    tailsOf(u, s * f, tail, 0, 1);
                    for (int c = 0; c < chunks; c++) {
                        tailRows[k * chunks + c][s] = tail[c];
                    }
                } else {
                    slotItem[t] = -1;
                    for (int j = 0; j < f; j++) {
                        rows[cb + j][s] = 0;
                    }
                    for (int c = 0; c < chunks; c++) {
                        tailRows[k * chunks + c][s] = Float.NaN;
                    }
                }
            }
            double norm = 0;
            for (int j = 0; j < f; j++) {
                norm += centroid[cb + j] * centroid[cb + j];
            }
            norm = Math.sqrt(norm);
            if (!(norm > 1e-6)) {
                // Directions that cancel out: no useful cone.
                Arrays.fill(centroid, cb, cb + f, 0);
                coneCos[k] = -1;
                return;
            }
            for (int j = 0; j < f; j++) {
                centroid[cb + j] /= norm;
            }
            double min = 1;
            for (int s = 0; s < filled; s++) {
                min = Math.min(min, dot(centroid, cb, s * f, u));
            }
            coneCos[k] = Math.max(-1, min);
        }

        private double dot(double[] a, int aOff, int uOff, double[] u) {
            double s = 0;
            for (int j = 0; j < f; j++) {
                s += a[aOff + j] * u[uOff + j];
            }
            return s;
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
            boolean useCones = cones;
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
            if ((long) slots * count < PARALLEL_WORK || concurrency == 1) {
                body.run(0, blocks);
            } else {
                Parallel.forRange(blocks, concurrency, Math.max(1, blocks / (concurrency * 8)), termination, body);
            }
            if (useCones) {
                coneChecks += coneStats[0];
                coneSkips += coneStats[1];
                cones = coneStats[1] * CONE_USEFUL >= coneStats[0];
                batchesWithoutCones = 0;
            } else if (++batchesWithoutCones >= CONE_RETRY) {
                cones = true;
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
                    for (int q = 0; q < m; q++) {
                        int s = cand[q];
                        float dot = dots[s];
                        for (int jj = d1; jj < f; jj++) {
                            dot += pu[pOff + jj] * rows[rb + jj][s];
                        }
                        decide(k * BLOCK + s, b, dot, local);
                    }
                    return;
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

        /**
         * Applies the batch up to peak {@code last}: its items are covered and leave the panel. When the
         * cover stops within the batch, the items of later peaks stay uncovered.
         */
        private void finish(int scanned, int last) {
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
            if (live > 0 && dead > slots / REBUILD && slots > BLOCK) {
                int[] items = new int[live];
                int q = 0;
                for (int t = 0; t < slots; t++) {
                    if (slotItem[t] >= 0) {
                        items[q++] = slotItem[t];
                    }
                }
                buildPanel(items, live);
            }
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
