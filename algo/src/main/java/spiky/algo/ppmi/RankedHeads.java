package spiky.algo.ppmi;

import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import spiky.Progress;
import spiky.algo.Parallel;
import spiky.algo.Termination;

/**
 * Pass 1 of {@link Ppmi}: each item's co-occurrence row, the minCount filter, and the head it keeps
 * under the rank rule, with the cut of each of its ranked lists (see the class comment of Ppmi).
 *
 * @param heads         per item, the partners it keeps, ascending, each as (partner index &lt;&lt; 32 | count)
 * @param upperCut      per item, the largest rank key it keeps among partners with a larger key (t1
 *                      role; all partners for the mutual rule); Long.MAX_VALUE when it keeps them all
 * @param lowerCut      the same among partners with a smaller key (t2 role)
 * @param cooccurring   pairs that co-occur at all
 * @param afterMinCount pairs that co-occur at least minCount times
 */
record RankedHeads(long[][] heads, long[] upperCut, long[] lowerCut, int[] keyRank, boolean sql, long cooccurring,
        long afterMinCount) {

    private static final long[] NONE = new long[0];

    static RankedHeads compute(Incidence m, int[] keyRank, PpmiConfig config, int threads, Progress progress,
            Termination termination) {
        final int n = keyRank.length;
        final boolean sql = config.rankRule() == RankRule.SQL;
        final int limit = config.perListLimit();
        final int minCount = config.minCount();
        final long[][] heads = new long[n][];
        final long[] upperCut = new long[n];
        final long[] lowerCut = new long[n];
        final AtomicLong cooccurring = new AtomicLong();
        final AtomicLong afterMinCount = new AtomicLong();
        final ConcurrentLinkedQueue<Workspace> workspaces = new ConcurrentLinkedQueue<>();
        final StageReporter reporter = new StageReporter(progress, "PPMI: co-occurrence", n);
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
                int t = m.accumulate(a, acc, touched);
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
                final int ca = m.contextsOf(a);
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
            reporter.add(to - from);
        });
        workspaces.clear();
        return new RankedHeads(heads, upperCut, lowerCut, keyRank, sql, cooccurring.get(), afterMinCount.get());
    }

    /**
     * Whether item b keeps its partner of rank ra, with which it co-occurs c times (c ≥ minCount):
     * one comparison. Static on the arrays, as the passes' inner loops call it.
     */
    static boolean keptBy(int b, int c, int ra, int[] keyRank, long[] upperCut, long[] lowerCut, boolean sql) {
        long cut = !sql || ra > keyRank[b] ? upperCut[b] : lowerCut[b];
        return rankKey(c, ra) <= cut;
    }

    /**
     * The rank key of a partner: ascending keys order partners by count descending, then by
     * partner key ascending (row_number's order).
     */
    static long rankKey(int count, int partnerRank) {
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
        Ppmi.selectSmallest(scratch, 0, size, limit);
        long max = Long.MIN_VALUE;
        for (int k = 0; k < limit; k++) {
            max = Math.max(max, scratch[k]);
        }
        return max;
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
}
