package spiky.algo.ppmi;

import spiky.Progress;
import spiky.algo.Parallel;
import spiky.algo.Termination;
import spiky.algo.linalg.CsrMatrix;
import spiky.algo.linalg.PagedDoubleArray;
import spiky.algo.linalg.PagedIntArray;

/**
 * Pass 3 of {@link Ppmi}: the symmetric CSR over the items that keep a pair, each row in its
 * head's order (ascending item index, hence ascending kept index), with 64-bit offsets.
 */
final class PpmiAssembly {
    private PpmiAssembly() {}

    static PpmiResult assemble(Incidence m, RankedHeads heads, RowDegrees degrees, long contexts, int threads, Progress progress,
            Termination termination) {
        final int[] degree = degrees.degree();
        final int[] keyRank = heads.keyRank();
        final long[][] headOf = heads.heads();
        final long[] upperCut = heads.upperCut();
        final long[] lowerCut = heads.lowerCut();
        final boolean sql = heads.sql();
        final int[] itemStart = m.itemStart();
        final int n = degree.length;
        int kept = 0;
        for (int a = 0; a < n; a++) {
            if (degree[a] > 0) {
                kept++;
            }
        }
        final int[] keptItems = new int[kept];
        final int[] keptIndex = new int[n];
        final long[] offsets = new long[kept + 1];
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
        final long nnz = offsets[kept];
        final PagedIntArray columns = new PagedIntArray(nnz);
        final PagedDoubleArray values = new PagedDoubleArray(nnz);
        final PagedIntArray counts = new PagedIntArray(nnz);
        final StageReporter reporter = new StageReporter(progress, "PPMI: matrix", kept);
        Parallel.forRange(kept, threads, termination, (from, to) -> {
            for (int r = from; r < to; r++) {
                final int a = keptItems[r];
                final int ra = keyRank[a];
                final long ca = itemStart[a + 1] - itemStart[a];
                long p = offsets[r];
                for (long entry : headOf[a]) {
                    int b = (int) (entry >>> 32);
                    int c = (int) entry;
                    long cb = itemStart[b + 1] - itemStart[b];
                    if (!RankedHeads.keptBy(b, c, ra, keyRank, upperCut, lowerCut, sql) || !Ppmi.positive(contexts, c, ca, cb)) {
                        continue;
                    }
                    columns.set(p, keptIndex[b]);
                    values.set(p, Ppmi.pmi(contexts, c, (int) ca, (int) cb));
                    counts.set(p, c);
                    p++;
                }
                if (p != offsets[r + 1]) {
                    throw new IllegalStateException("row " + r + " changed between passes");
                }
            }
            reporter.add(to - from);
        });
        CsrMatrix matrix = new CsrMatrix(kept, kept, offsets, columns, values);
        return new PpmiResult(matrix, counts, keptItems, heads.cooccurring(), heads.afterMinCount(), degrees.afterRank(),
                degrees.positive());
    }
}
