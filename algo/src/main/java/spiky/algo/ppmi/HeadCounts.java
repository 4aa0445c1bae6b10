package spiky.algo.ppmi;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import spiky.Progress;
import spiky.algo.Parallel;
import spiky.algo.Termination;

/**
 * Pass 0 of {@link Ppmi}, which allocates nothing per pair: each item's co-occurrence row is
 * accumulated as in pass 1, but only counted, so that the heads and the matrix can be sized
 * before they are allocated. Per item it counts its partners with c ≥ minCount on each side of
 * the rank rule, and of those the ones with PMI &gt; 0. Its head keeps min(partners, limit) per
 * ranked list, exactly as {@link RankedHeads} does (rank keys are distinct, so a cut keeps
 * exactly {@code limit}); its matrix row keeps a subset of its head with PMI &gt; 0, hence at most
 * min(positive partners, limit) per list: exact when no cut binds (then every head is mutual).
 *
 * @param headEntries   Σ over items of their head's length: the entries pass 1 stores
 * @param nonEmptyHeads items whose head is not empty (each is one array)
 * @param entryBound    an upper bound of the matrix's stored entries (both triangles)
 * @param rowBound      an upper bound of the matrix's rows: items with a positive partner
 */
public record HeadCounts(long headEntries, long nonEmptyHeads, long entryBound, long rowBound) {

    static HeadCounts count(Incidence m, int[] keyRank, long contexts, PpmiConfig config, int threads, Progress progress,
            Termination termination) {
        final int n = keyRank.length;
        final boolean sql = config.rankRule() == RankRule.SQL;
        final int limit = config.perListLimit();
        final int minCount = config.minCount();
        final AtomicLong headEntries = new AtomicLong();
        final AtomicLong nonEmpty = new AtomicLong();
        final AtomicLong entryBound = new AtomicLong();
        final AtomicLong rowBound = new AtomicLong();
        final ConcurrentLinkedQueue<int[][]> workspaces = new ConcurrentLinkedQueue<>();
        final StageReporter reporter = new StageReporter(progress, "PPMI: counting", n);
        Parallel.forRange(n, threads, termination, (from, to) -> {
            int[][] w = workspaces.poll();
            if (w == null) {
                w = new int[][] {new int[n], new int[n]};
            }
            final int[] acc = w[0];
            final int[] touched = w[1];
            long entries = 0;
            long heads = 0;
            long bound = 0;
            long rows = 0;
            for (int a = from; a < to; a++) {
                int t = m.accumulate(a, acc, touched);
                final int ra = keyRank[a];
                final long ca = m.contextsOf(a);
                int upper = 0;
                int lower = 0;
                int upperPositive = 0;
                int lowerPositive = 0;
                for (int k = 0; k < t; k++) {
                    int b = touched[k];
                    int c = acc[b];
                    acc[b] = 0;
                    if (b == a || c < minCount) {
                        continue;
                    }
                    boolean positive = Ppmi.positive(contexts, c, ca, m.contextsOf(b));
                    if (!sql || keyRank[b] > ra) {
                        upper++;
                        if (positive) {
                            upperPositive++;
                        }
                    } else {
                        lower++;
                        if (positive) {
                            lowerPositive++;
                        }
                    }
                }
                int head = Math.min(upper, limit) + Math.min(lower, limit);
                int row = Math.min(upperPositive, limit) + Math.min(lowerPositive, limit);
                entries += head;
                heads += head > 0 ? 1 : 0;
                bound += row;
                rows += row > 0 ? 1 : 0;
            }
            workspaces.add(w);
            headEntries.addAndGet(entries);
            nonEmpty.addAndGet(heads);
            entryBound.addAndGet(bound);
            rowBound.addAndGet(rows);
            reporter.add(to - from);
        });
        workspaces.clear();
        return new HeadCounts(headEntries.get(), nonEmpty.get(), entryBound.get(), rowBound.get());
    }
}
