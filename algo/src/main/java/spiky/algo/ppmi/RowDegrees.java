package spiky.algo.ppmi;

import java.util.concurrent.atomic.AtomicLong;
import spiky.Progress;
import spiky.algo.Parallel;
import spiky.algo.Termination;

/**
 * Pass 2 of {@link Ppmi}: the rank filter (a keeps b and b keeps a) and PMI &gt; 0, counted per row.
 *
 * @param degree    per item, the entries its row keeps
 * @param afterRank pairs that pass the rank filter
 * @param positive  pairs that pass it with PMI &gt; 0
 */
record RowDegrees(int[] degree, long afterRank, long positive) {

    static RowDegrees count(Incidence m, RankedHeads heads, long contexts, int threads, Progress progress, Termination termination) {
        final int[] keyRank = heads.keyRank();
        final long[][] headOf = heads.heads();
        final long[] upperCut = heads.upperCut();
        final long[] lowerCut = heads.lowerCut();
        final boolean sql = heads.sql();
        final int[] itemStart = m.itemStart();
        final int n = keyRank.length;
        final int[] degree = new int[n];
        final AtomicLong afterRank = new AtomicLong();
        final AtomicLong positive = new AtomicLong();
        final StageReporter reporter = new StageReporter(progress, "PPMI: rank filter", n);
        Parallel.forRange(n, threads, termination, (from, to) -> {
            long ranked = 0;
            long pos = 0;
            for (int a = from; a < to; a++) {
                final int ra = keyRank[a];
                final long ca = itemStart[a + 1] - itemStart[a];
                int d = 0;
                for (long entry : headOf[a]) {
                    int b = (int) (entry >>> 32);
                    int c = (int) entry;
                    if (!RankedHeads.keptBy(b, c, ra, keyRank, upperCut, lowerCut, sql)) {
                        continue;
                    }
                    boolean once = a < b;
                    if (once) {
                        ranked++;
                    }
                    if (Ppmi.positive(contexts, c, ca, itemStart[b + 1] - itemStart[b])) {
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
            reporter.add(to - from);
        });
        return new RowDegrees(degree, afterRank.get(), positive.get());
    }
}
