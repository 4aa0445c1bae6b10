package spiky.algo.spikes;

import static spiky.algo.spikes.SpikeCover.BATCH;
import static spiky.algo.spikes.SpikeCover.BLOCK;
import static spiky.algo.spikes.SpikeCover.CONE_RETRY;
import static spiky.algo.spikes.SpikeCover.CONE_SLACK;
import static spiky.algo.spikes.SpikeCover.CONE_USEFUL;
import static spiky.algo.spikes.SpikeCover.FEW;
import static spiky.algo.spikes.SpikeCover.FIRST_GROUPING;
import static spiky.algo.spikes.SpikeCover.PARALLEL_WORK;
import static spiky.algo.spikes.SpikeCover.PILOTS;
import static spiky.algo.spikes.SpikeCover.REBUILD_PER_ITEM;

import java.util.Arrays;
import spiky.algo.Parallel;
import spiky.algo.Termination;

/**
 * The panel strategies of {@link SpikeCover}: the uncovered items with a direction as float unit
 * vectors by block and dimension, scanned per batch chunk by chunk under the Cauchy–Schwarz bound;
 * blocks skipped by their cone once the panel is grouped by direction (cone tests turning
 * themselves off where they skip little); the panel rebuilt without its dead slots.
 */
final class Panel {
    private final CoverRows unitRows;
    private final PeakBatch peaks;
    private final double[] x;
    private final int cols;
    private final int f;
    private final double[] scale;
    private final double[] den;
    private final double cosTheta;
    private final int concurrency;
    private final Termination termination;

    /** Float decisions: at most lowF is surely not above cosTheta, above highF surely is. */
    private final float lowF;
    private final float highF;

    /** Chunk ends in dimensions, and their count. */
    private final int[] ends;
    private final int chunks;

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
    /** (slot, peak) pairs spent on dead slots since the panel was built. */
    private long wasted;

    /** The batch (shared with {@link PeakBatch}): its peaks, double unit vectors and coverage counts; here also float vectors and tails. */
    private final int[] batch;
    private final double[] peakUD;
    private final int[] hits;
    private final float[] peakU;
    private final float[] peakTail;

    /** Whether the panel has cones, and whether cone tests are on. */
    private boolean panelCones;
    private boolean cones = true;
    private int batchesWithoutCones;
    private boolean grouped;

    Panel(CoverRows rows, PeakBatch peaks, double cosTheta, int concurrency, Termination termination) {
        this.unitRows = rows;
        this.peaks = peaks;
        this.x = rows.x;
        this.cols = rows.cols;
        this.f = rows.f;
        this.scale = rows.scale;
        this.den = rows.den;
        this.cosTheta = cosTheta;
        this.concurrency = concurrency;
        this.termination = termination;
        double margin = 2.0 * (f + 8) * 0x1p-24;
        this.lowF = Math.nextDown((float) (cosTheta - margin));
        this.highF = Math.nextUp((float) (cosTheta + margin));
        this.ends = SpikeCover.chunkEnds(f);
        this.chunks = ends.length;
        this.slotOf = new int[rows.n];
        Arrays.fill(slotOf, -1);
        this.batch = peaks.batch;
        this.peakUD = peaks.peakUD;
        this.hits = peaks.hits;
        this.peakU = new float[BATCH * f];
        this.peakTail = new float[BATCH * chunks];
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
    void buildPanel(int[] items, int count) {
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
    void scan(int count) {
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
        if (cos > highF || peaks.exactHit(b, slotItem[t])) {
            hitPeak[t] = b;
            local[b]++;
        }
    }

    /** Decides slot t against peak b from the row of E. */
    private void decideFromRow(int t, int b, int[] local) {
        if (hitPeak[t] < 0 && peaks.rowHit(b, slotItem[t], peaks.rowCos(b, slotItem[t]))) {
            hitPeak[t] = b;
            local[b]++;
        }
    }

    /**
     * Applies the batch up to peak {@code last}: its items are covered and leave the panel. When the
     * cover stops within the batch, the items of later peaks stay uncovered. The panel is compacted
     * when enough of it is dead, unless the cover is {@code done}.
     */
    void finish(int scanned, int last, boolean done, int[] spikeOf, int[] peaks, int peakCount) {
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
            int[] items = groupedLiveItems(live, peaks, peakCount);
            grouped = true;
            buildPanel(items, live);
        }
    }

    /**
     * The live items of the panel, grouped by the pilot (one of the first PILOTS peaks) with which
     * their float cosine over the first chunk is largest; in slot order within a group.
     */
    private int[] groupedLiveItems(int live, int[] peaks, int peakCount) {
        int pilots = Math.min(PILOTS, peakCount);
        int d = ends[0];
        float[] pilotU = new float[pilots * d];
        double[] u = new double[f];
        for (int r = 0; r < pilots; r++) {
            if (den[peaks[r]] == 0) {
                continue; // no direction: its pilot row stays 0
            }
            unitRows.unitInto(peaks[r], u, 0);
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
}
