package spiky.algo.ppmi;

import java.util.Arrays;
import spiky.Progress;
import spiky.algo.Parallel;
import spiky.algo.Termination;
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
 *
 * <p>The phases: {@link Incidence} (the two CSRs), {@link HeadCounts} (pass 0, only for callers
 * that size the stage before it allocates: {@link #prepare}), {@link RankedHeads} (pass 1), {@link RowDegrees}
 * (pass 2), {@link PpmiAssembly} (pass 3).
 */
public final class Ppmi {
    private Ppmi() {}

    /**
     * @param items      n, the number of items
     * @param contexts   N, the number of contexts of the dataset (the N of the PMI)
     * @param itemOf     per distinct interaction, its item in [0, n)
     * @param contextOf  per distinct interaction, its context in [0, N)
     * @param keyRank    per item, the rank of its key in key order: a permutation of [0, n)
     */
    public static PpmiResult compute(int items, int contexts, int[] itemOf, int[] contextOf, int[] keyRank,
            PpmiConfig config, int concurrency, Progress progress, Termination termination) {
        return prepare(items, contexts, itemOf, contextOf, keyRank).compute(config, concurrency, progress, termination);
    }

    /**
     * Checks the input and builds the incidence M and Mᵀ (see {@link #prepareBytes} for its heap),
     * for a caller that sizes the rest with {@link Prepared#count} before computing it.
     */
    public static Prepared prepare(int items, int contexts, int[] itemOf, int[] contextOf, int[] keyRank) {
        validate(items, contexts, itemOf, contextOf, keyRank);
        return new Prepared(Incidence.of(items, contexts, itemOf, contextOf), keyRank, contexts);
    }

    /**
     * The input checked and its incidence, which every pass reads: the PPMI in two steps, so that
     * the memory guard can be given counted figures before the heads and the matrix are allocated.
     */
    public static final class Prepared {
        private final Incidence m;
        private final int[] keyRank;
        private final int contexts;

        private Prepared(Incidence m, int[] keyRank, int contexts) {
            this.m = m;
            this.keyRank = keyRank;
            this.contexts = contexts;
        }

        /** Pass 0: the sizes of the heads and a bound of the matrix, counted (see {@link HeadCounts}). */
        public HeadCounts count(PpmiConfig config, int concurrency, Progress progress, Termination termination) {
            return HeadCounts.count(m, keyRank, contexts, config, Math.max(1, concurrency), progress, termination);
        }

        /**
         * Heap that {@link #compute} allocates beyond this incidence, from the counts of pass 0.
         * Live at its peak: the heads (8 bytes per entry, an array header per non-empty head, a
         * reference per item) and their two cuts (16 bytes per item), and then the larger of pass
         * 1's per-worker buffers (32 bytes per item and worker) and pass 2–3's arrays (the row
         * degrees and kept index, 8 bytes per item; the kept items and the 64-bit offsets, 12
         * per row; the output, 16 bytes per stored entry: column, value, count), with rows and
         * entries at their bounds. Exact up to array headers when no rank cut binds.
         */
        public long estimateBytes(HeadCounts counts, PpmiConfig config, int concurrency) {
            long n = keyRank.length;
            int workers = Parallel.threads(keyRank.length, Math.max(1, concurrency));
            long heads = array(n, 8) + 16L * counts.nonEmptyHeads() + 8L * counts.headEntries() + 2 * array(n, 8);
            long pass1 = workers * (2 * array(n, 4) + 3 * array(n, 8));
            long rows = counts.rowBound();
            long entries = counts.entryBound();
            long pages = 3 * 16L * (((entries + (1L << PagedIntArray.DEFAULT_PAGE_SHIFT) - 1) >>> PagedIntArray.DEFAULT_PAGE_SHIFT) + 1);
            long pass3 = 2 * array(n, 4) + array(rows, 4) + array(rows + 1, 8) + 16L * entries + pages;
            return heads + Math.max(pass1, pass3) + SMALL;
        }

        /**
         * Heap of the whole stage beyond its inputs, as the memory guard is told it: the incidence,
         * then the larger of pass 0's buffers and {@link #estimateBytes} (pass 0's are garbage by then).
         */
        public long stageBytes(HeadCounts counts, PpmiConfig config, int concurrency) {
            int items = keyRank.length;
            long interactions = m.itemContexts().length;
            long incidence = incidenceBytes(items, contexts, interactions);
            return incidence + Math.max(prepareBytes(items, contexts, interactions, concurrency) - incidence,
                    estimateBytes(counts, config, concurrency));
        }

        public PpmiResult compute(PpmiConfig config, int concurrency, Progress progress, Termination termination) {
            int threads = Math.max(1, concurrency);
            RankedHeads heads = RankedHeads.compute(m, keyRank, config, threads, progress, termination);
            RowDegrees degrees = RowDegrees.count(m, heads, contexts, threads, progress, termination);
            return PpmiAssembly.assemble(m, heads, degrees, contexts, threads, progress, termination);
        }
    }

    /**
     * Objects of fixed size a stage allocates besides its arrays (records, lambdas, a thread pool,
     * the progress reporters), with room to spare: the arrays are counted to the byte, this is the
     * estimate's only margin.
     */
    private static final long SMALL = 1L << 20;

    /** Bytes of a Java array of {@code length} elements of {@code width} bytes: a 16-byte header, padded to 8. */
    static long array(long length, int width) {
        return 16 + ((length * width + 7) & ~7L);
    }

    /** Heap of the incidence alone, the two CSRs of M, which every pass reads until the PPMI is done. */
    public static long incidenceBytes(int items, int contexts, long interactions) {
        return array(items + 1L, 4) + array(contexts + 1L, 4) + 2 * array(interactions, 4);
    }

    /**
     * Heap of {@link #prepare} and of {@link Prepared#count} (its result excluded, which is a few
     * longs): the two CSRs of M (8 bytes per interaction, 4 per item and context), while they are
     * built a cursor of the larger side, and the validation's flags; then per worker of pass 0 an
     * accumulator and a touched list (8 bytes per item). All of it known from the sizes alone.
     */
    public static long prepareBytes(int items, int contexts, long interactions, int concurrency) {
        long incidence = incidenceBytes(items, contexts, interactions);
        long building = Math.max(array(items, 1), Math.max(array(items, 4), array(contexts, 4)));
        long counting = Parallel.threads(items, Math.max(1, concurrency)) * 2L * array(items, 4);
        return incidence + Math.max(building, counting) + SMALL;
    }

    /**
     * PMI &gt; 0 ⇔ N·c &gt; cᵢ·cⱼ: exact in longs, and the same as ln(N·c / (cᵢ·cⱼ)) &gt; 0 in doubles
     * while both products are below 2^53.
     */
    static boolean positive(long contexts, int c, long ci, long cj) {
        return contexts * c > ci * cj;
    }

    /**
     * A worst-case bound of the peak heap of {@link #compute} from the sizes alone, assuming up to 4
     * workers; a caller that has the data counts instead ({@link #prepareBytes},
     * {@link Prepared#estimateBytes}), which the pipeline and the procedures do.
     */
    public static long estimateBytes(int items, int contexts, long interactions, PpmiConfig config) {
        return estimateBytes(items, contexts, interactions, config, 4);
    }

    /**
     * A worst-case bound of the peak heap of {@link #compute} with {@code concurrency} workers, from
     * the sizes alone (see {@link Prepared#estimateBytes} for the counted estimate). Live at the peak:
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
}
