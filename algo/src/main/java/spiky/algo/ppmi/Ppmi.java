package spiky.algo.ppmi;

import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import spiky.Progress;
import spiky.algo.Parallel;
import spiky.algo.Termination;
import spiky.algo.linalg.CsrMatrix;
import spiky.algo.linalg.PagedDoubleArray;
import spiky.algo.linalg.PagedIntArray;

/**
 * The PPMI matrix of a binary item × context matrix M, as the paper's reference query
 * {@code ppmi.sql} computes it:
 * <ol>
 *   <li>c(i, j) = the number of contexts holding both items i ≠ j; cᵢ = the number of contexts of i;</li>
 *   <li>pairs with c &lt; minCount are dropped, then the rank filter of {@link RankRule} with topK;</li>
 *   <li>PMI = ln(N·c / (cᵢ·cⱼ)) with N the number of contexts; only PMI &gt; 0 is kept;</li>
 *   <li>the result is symmetric, over the items that keep at least one pair.</li>
 * </ol>
 *
 * <p>How: CSR of M (item → contexts) and of Mᵀ (context → items). Row by row, in parallel, a dense
 * accumulator per worker (an int per item and a list of the entries touched, reset entry by
 * entry) gives item a's full co-occurrence row; its partners are visited in ascending index (the
 * touched list sorted, or rebuilt by a scan when the row is dense). Partners with c ≥ minCount are
 * ranked by (c desc, partner key asc), encoded as one long rank key, and a quickselect finds each
 * ranked list's cut, the largest rank key the item keeps: for the SQL rule the partners with a
 * larger key (a's t1 role) and those with a smaller key (a's t2 role) are two lists cut at
 * topK − 1 each; for the mutual rule all partners are one list cut at topK. Item a keeps its
 * head, the partners within its cuts, sorted by partner with their counts. In both rules a pair
 * (a, b) passes the rank filter iff a keeps b AND b keeps a (for SQL with key(a) &lt; key(b): b is
 * in a's t1 head and a in b's t2 head, i.e. r1 &lt; topK and r2 &lt; topK); "b keeps a" is one
 * comparison of a's rank key in b's list with b's cut for that side. A second parallel pass
 * counts each row's surviving entries with PMI &gt; 0, a third writes them into a CSR with 64-bit
 * offsets, each row in its head's order (ascending item index, hence ascending kept index). Every
 * row is decided from its own head, and the condition is symmetric, so the matrix is symmetric
 * by construction. Never are all co-occurring pairs held at once: only the heads, at most
 * 2·(topK − 1) (SQL) or topK (mutual) partners per item.
 */
public final class Ppmi {
    private Ppmi() {}

    private static final long[] NONE = new long[0];

    /**
     * @param items      n, the number of items
     * @param contexts   N, the number of contexts of the dataset (the N of the PMI)
     * @param itemOf     per distinct interaction, its item in [0, n)
     * @param contextOf  per distinct interaction, its context in [0, N)
     * @param keyRank    per item, the rank of its key in key order: a permutation of [0, n)
     */
    public static PpmiResult compute(int items, int contexts, int[] itemOf, int[] contextOf, int[] keyRank,
            PpmiConfig config, int concurrency, Progress progress, Termination termination) {
        validate(items, contexts, itemOf, contextOf, keyRank);
        final int n = items;
        final int interactions = itemOf.length;
        final int threads = Math.max(1, concurrency);

        // --- CSR of M (item -> contexts) and of M^T (context -> items). ---
        final int[] itemStart = new int[n + 1];
        final int[] contextStart = new int[contexts + 1];
        for (int e = 0; e < interactions; e++) {
            itemStart[itemOf[e] + 1]++;
            contextStart[contextOf[e] + 1]++;
        }
        for (int i = 0; i < n; i++) {
            itemStart[i + 1] += itemStart[i];
        }
        for (int x = 0; x < contexts; x++) {
            contextStart[x + 1] += contextStart[x];
        }
        final int[] itemContexts = new int[interactions];
        final int[] contextItems = new int[interactions];
        int[] cursor = Arrays.copyOf(itemStart, n);
        for (int e = 0; e < interactions; e++) {
            itemContexts[cursor[itemOf[e]]++] = contextOf[e];
        }
        cursor = Arrays.copyOf(contextStart, contexts);
        for (int i = 0; i < n; i++) {
            for (int p = itemStart[i]; p < itemStart[i + 1]; p++) {
                int x = itemContexts[p];
                contextItems[cursor[x]++] = i;
            }
        }
        cursor = null;

        // --- Pass 1: co-occurrence rows, minCount, each item's ranked heads. ---
        final boolean sql = config.rankRule() == RankRule.SQL;
        final int limit = config.perListLimit();
        final int minCount = config.minCount();
        final long[][] heads = new long[n][];
        // Per item the largest rank key it keeps among partners with a larger key (t1 role; all
        // partners for the mutual rule) and among those with a smaller key (t2 role).
        final long[] upperCut = new long[n];
        final long[] lowerCut = new long[n];
        final AtomicLong cooccurring = new AtomicLong();
        final AtomicLong afterMinCount = new AtomicLong();
        final ConcurrentLinkedQueue<Workspace> workspaces = new ConcurrentLinkedQueue<>();
        final Reporter cooccurrence = new Reporter(progress, "PPMI: co-occurrence", n);
        Parallel.forRange(n, threads, termination, (from, to) -> {
            Workspace w = workspaces.poll();
            if (w == null) {
                w = new Workspace(n);
            }
            final int[] acc = w.acc;
            final int[] touched = w.touched;
            final long[] candidates = w.candidates;
            final long[] keys = w.keys;
            final long[] scratch = w.scratch;
            long pairs = 0;
            long frequent = 0;
            for (int a = from; a < to; a++) {
                int t = accumulate(a, itemStart, itemContexts, contextStart, contextItems, acc, touched);
                // A dense row is visited in ascending item index by scanning the accumulator, so
                // its candidates come out sorted; a sparse row's head is sorted at the end.
                boolean dense = t >= (n >>> 4);
                if (dense) {
                    t = 0;
                    for (int b = 0; b < n; b++) {
                        if (acc[b] != 0) {
                            touched[t++] = b;
                        }
                    }
                }
                final int ra = keyRank[a];
                final int ca = itemStart[a + 1] - itemStart[a];
                int count = 0;
                int upper = 0;
                int selfCount = 0;
                for (int k = 0; k < t; k++) {
                    int b = touched[k];
                    int c = acc[b];
                    acc[b] = 0;
                    if (b == a) {
                        selfCount = c;
                        continue;
                    }
                    int rb = keyRank[b];
                    boolean larger = rb > ra;
                    if (larger) {
                        pairs++;
                    }
                    if (c < minCount) {
                        continue;
                    }
                    if (larger) {
                        frequent++;
                    }
                    if (larger || !sql) {
                        upper++;
                    }
                    candidates[count] = ((long) b << 32) | c;
                    keys[count] = rankKey(c, rb);
                    count++;
                }
                if (selfCount != ca) {
                    workspaces.add(w);
                    throw new IllegalArgumentException("interactions are not distinct: item " + a
                            + " appears more than once in one of its contexts");
                }
                int lower = count - upper;
                long cutUpper = upper > limit ? cut(keys, count, ra, sql, true, limit, scratch) : Long.MAX_VALUE;
                long cutLower = lower > limit ? cut(keys, count, ra, sql, false, limit, scratch) : Long.MAX_VALUE;
                upperCut[a] = cutUpper;
                lowerCut[a] = cutLower;
                int kept = count;
                if (cutUpper != Long.MAX_VALUE || cutLower != Long.MAX_VALUE) {
                    kept = 0;
                    for (int k = 0; k < count; k++) {
                        long key = keys[k];
                        if (key <= (!sql || (int) key > ra ? cutUpper : cutLower)) {
                            candidates[kept++] = candidates[k];
                        }
                    }
                }
                long[] head = kept == 0 ? NONE : Arrays.copyOf(candidates, kept);
                if (!dense) {
                    Arrays.sort(head);
                }
                heads[a] = head;
            }
            workspaces.add(w);
            cooccurring.addAndGet(pairs);
            afterMinCount.addAndGet(frequent);
            cooccurrence.add(to - from);
        });
        workspaces.clear();

        // --- Pass 2: the rank filter (a keeps b and b keeps a) and PMI > 0: row degrees. ---
        // b keeps a iff a's rank key in b's list is within b's cut for the side a is on: O(1).
        final long totalContexts = contexts;
        final int[] degree = new int[n];
        final AtomicLong afterRank = new AtomicLong();
        final AtomicLong positive = new AtomicLong();
        final Reporter filter = new Reporter(progress, "PPMI: rank filter", n);
        Parallel.forRange(n, threads, termination, (from, to) -> {
            long ranked = 0;
            long pos = 0;
            for (int a = from; a < to; a++) {
                final int ra = keyRank[a];
                final long ca = itemStart[a + 1] - itemStart[a];
                int d = 0;
                for (long entry : heads[a]) {
                    int b = (int) (entry >>> 32);
                    int c = (int) entry;
                    if (!keptBy(b, c, ra, keyRank, upperCut, lowerCut, sql)) {
                        continue;
                    }
                    boolean once = a < b;
                    if (once) {
                        ranked++;
                    }
                    // PMI > 0 ⇔ N·c > cᵢ·cⱼ: exact in longs, and the same as ln(N·c / (cᵢ·cⱼ)) > 0
                    // in doubles while both products are below 2^53.
                    if (totalContexts * c > ca * (itemStart[b + 1] - itemStart[b])) {
                        d++;
                        if (once) {
                            pos++;
                        }
                    }
                }
                degree[a] = d;
            }
            afterRank.addAndGet(ranked);
            positive.addAndGet(pos);
            filter.add(to - from);
        });

        // --- Pass 3: the symmetric CSR over the kept items. ---
        int m = 0;
        for (int a = 0; a < n; a++) {
            if (degree[a] > 0) {
                m++;
            }
        }
        final int[] keptItems = new int[m];
        final int[] keptIndex = new int[n];
        final long[] offsets = new long[m + 1];
        int row = 0;
        for (int a = 0; a < n; a++) {
            if (degree[a] > 0) {
                keptIndex[a] = row;
                keptItems[row] = a;
                offsets[row + 1] = offsets[row] + degree[a];
                row++;
            } else {
                keptIndex[a] = -1;
            }
        }
        final long nnz = offsets[m];
        final PagedIntArray columns = new PagedIntArray(nnz);
        final PagedDoubleArray values = new PagedDoubleArray(nnz);
        final PagedIntArray counts = new PagedIntArray(nnz);
        final Reporter writing = new Reporter(progress, "PPMI: matrix", m);
        Parallel.forRange(m, threads, termination, (from, to) -> {
            for (int r = from; r < to; r++) {
                final int a = keptItems[r];
                final int ra = keyRank[a];
                final long ca = itemStart[a + 1] - itemStart[a];
                long p = offsets[r];
                for (long entry : heads[a]) {
                    int b = (int) (entry >>> 32);
                    int c = (int) entry;
                    long cb = itemStart[b + 1] - itemStart[b];
                    if (!keptBy(b, c, ra, keyRank, upperCut, lowerCut, sql) || totalContexts * c <= ca * cb) {
                        continue;
                    }
                    columns.set(p, keptIndex[b]);
                    values.set(p, pmi(totalContexts, c, (int) ca, (int) cb));
                    counts.set(p, c);
                    p++;
                }
                if (p != offsets[r + 1]) {
                    throw new IllegalStateException("row " + r + " changed between passes");
                }
            }
            writing.add(to - from);
        });
        CsrMatrix matrix = new CsrMatrix(m, m, offsets, columns, values);
        return new PpmiResult(matrix, counts, keptItems, cooccurring.get(), afterMinCount.get(),
                afterRank.get(), positive.get());
    }

    /** The co-occurrence row of item a into acc; returns how many entries it touched (a included). */
    private static int accumulate(int a, int[] itemStart, int[] itemContexts, int[] contextStart,
            int[] contextItems, int[] acc, int[] touched) {
        int t = 0;
        for (int p = itemStart[a], pe = itemStart[a + 1]; p < pe; p++) {
            int x = itemContexts[p];
            for (int q = contextStart[x], qe = contextStart[x + 1]; q < qe; q++) {
                int b = contextItems[q];
                if (acc[b]++ == 0) {
                    touched[t++] = b;
                }
            }
        }
        return t;
    }

    /**
     * The rank key of a partner: ascending keys order partners by count descending, then by
     * partner key ascending (row_number's order).
     */
    private static long rankKey(int count, int partnerRank) {
        return ((long) (Integer.MAX_VALUE - count) << 32) | partnerRank;
    }

    /**
     * The largest rank key an item of rank ra keeps on one side: the limit-th smallest of that
     * side's rank keys, by quickselect on a copy; -1 (nothing) when the limit is 0.
     */
    private static long cut(long[] keys, int count, int ra, boolean sql, boolean upperSide, int limit, long[] scratch) {
        if (limit == 0) {
            return -1;
        }
        int size = 0;
        for (int k = 0; k < count; k++) {
            long key = keys[k];
            if (!sql || ((int) key > ra) == upperSide) {
                scratch[size++] = key;
            }
        }
        selectSmallest(scratch, 0, size, limit);
        long max = Long.MIN_VALUE;
        for (int k = 0; k < limit; k++) {
            max = Math.max(max, scratch[k]);
        }
        return max;
    }

    /** Whether item b keeps its partner of rank ra, with which it co-occurs c times (c ≥ minCount). */
    private static boolean keptBy(int b, int c, int ra, int[] keyRank, long[] upperCut, long[] lowerCut, boolean sql) {
        long cut = !sql || ra > keyRank[b] ? upperCut[b] : lowerCut[b];
        return rankKey(c, ra) <= cut;
    }

    /** Estimated peak heap of {@link #compute}, for the memory guard, assuming up to 4 workers. */
    public static long estimateBytes(int items, int contexts, long interactions, PpmiConfig config) {
        return estimateBytes(items, contexts, interactions, config, 4);
    }

    /**
     * Estimated peak heap of {@link #compute} with {@code concurrency} workers. Live at the peak:
     * the two CSRs of M (8 bytes per interaction, 4 per item and context), per worker an
     * accumulator, a touched list and three long buffers (32 bytes per item), the heads
     * (8 bytes per directed pair, 36 per item with the cuts and degrees), then the output
     * (16 bytes per stored entry: column, value, count; 16 per item). The number of kept pairs
     * cannot be known before counting. It is bounded by n·(n − 1), by the heads' caps
     * (2·(topK − 1) per item for SQL, topK for mutual) and by T / minCount, T = Σ d·(d − 1) over
     * contexts of size d being the co-occurrences counted (a pair kept co-occurs minCount times at
     * least); T is estimated as 4·L²/N, four times its value if every context had the mean size L/N
     * (MovieLens 100K: 1.9 times, Last.fm 2K: 1.0). Tight for dense data like MovieLens, where
     * n·(n − 1) binds; on sparse data the heads are often far fewer.
     */
    public static long estimateBytes(int items, int contexts, long interactions, PpmiConfig config, int concurrency) {
        long n = items;
        long csr = 8L * interactions + 4L * (n + 1) + 4L * (contexts + 1);
        long perItemCap = config.rankRule() == RankRule.SQL ? 2L * (config.topK() - 1) : config.topK();
        double skewed = 4.0 * interactions * (double) interactions / Math.max(1, contexts) / config.minCount();
        long pairs = (long) Math.min(Math.min((double) n * Math.max(0, n - 1), (double) n * perItemCap), skewed);
        long heads = 8L * pairs + 36L * n;
        long workers = 32L * n * Math.max(1, concurrency);
        long output = 16L * pairs + 16L * (n + 1);
        return csr + heads + Math.max(workers, output);
    }

    /** ln(N·c / (cᵢ·cⱼ)); symmetric in (cᵢ, cⱼ) bit for bit. */
    static double pmi(long contexts, int c, int ci, int cj) {
        return Math.log((double) contexts * c / ((double) ci * cj));
    }

    /**
     * Reorders a[from, to) so that its k smallest values come first (in no order): quickselect
     * with a median-of-three pivot, falling back to a sort if it degenerates.
     */
    static void selectSmallest(long[] a, int from, int to, int k) {
        int lo = from;
        int hi = to - 1;
        int target = from + k - 1;
        int rounds = 0;
        while (hi > lo) {
            if (++rounds > 64) {
                Arrays.sort(a, lo, hi + 1);
                return;
            }
            int mid = (lo + hi) >>> 1;
            long x = a[lo];
            long y = a[mid];
            long z = a[hi];
            long pivot = x < y ? (y < z ? y : Math.max(x, z)) : (x < z ? x : Math.max(y, z));
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    long s = a[i];
                    a[i] = a[j];
                    a[j] = s;
                    i++;
                    j--;
                }
            }
            if (target <= j) {
                hi = j;
            } else if (target >= i) {
                lo = i;
            } else {
                return;
            }
        }
    }

    private static void validate(int items, int contexts, int[] itemOf, int[] contextOf, int[] keyRank) {
        if (items < 0 || contexts < 0) {
            throw new IllegalArgumentException("negative size: " + items + " items, " + contexts + " contexts");
        }
        if (itemOf.length != contextOf.length) {
            throw new IllegalArgumentException("itemOf has " + itemOf.length + " entries, contextOf " + contextOf.length);
        }
        if (keyRank.length != items) {
            throw new IllegalArgumentException("keyRank has " + keyRank.length + " entries for " + items + " items");
        }
        for (int e = 0; e < itemOf.length; e++) {
            if (itemOf[e] < 0 || itemOf[e] >= items || contextOf[e] < 0 || contextOf[e] >= contexts) {
                throw new IllegalArgumentException("interaction " + e + " (" + itemOf[e] + ", " + contextOf[e]
                        + ") is outside " + items + " items × " + contexts + " contexts");
            }
        }
        boolean[] seen = new boolean[items];
        for (int i = 0; i < items; i++) {
            int r = keyRank[i];
            if (r < 0 || r >= items || seen[r]) {
                throw new IllegalArgumentException("keyRank is not a permutation of [0, " + items + "): item " + i + " has rank " + r);
            }
            seen[r] = true;
        }
    }

    /** Per-worker buffers, reused across chunks; the accumulator is all zero between items. */
    private static final class Workspace {
        final int[] acc;
        final int[] touched;
        final long[] candidates;
        final long[] keys;
        final long[] scratch;

        Workspace(int n) {
            acc = new int[n];
            touched = new int[n];
            candidates = new long[n];
            keys = new long[n];
            scratch = new long[n];
        }
    }

    /** Reports a stage's progress from the workers, one call at a time. */
    private static final class Reporter {
        private final Progress progress;
        private final String stage;
        private final long total;
        private long done;

        Reporter(Progress progress, String stage, long total) {
            this.progress = progress == null ? Progress.NONE : progress;
            this.stage = stage;
            this.total = total;
            this.progress.report(stage, 0, total);
        }

        synchronized void add(long units) {
            done += units;
            progress.report(stage, done, total);
        }
    }
}
