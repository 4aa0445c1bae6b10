package spiky.algo.ppmi;

import spiky.algo.linalg.CsrMatrix;
import spiky.algo.linalg.PagedIntArray;

/**
 * The PPMI matrix of a dataset over the items that keep at least one pair.
 *
 * @param matrix             symmetric m × m, A(a, b) = A(b, a) = PMI &gt; 0, columns ascending in each row;
 *                           row / column a is the item {@code items[a]}
 * @param counts             the co-occurrence count of each stored entry, aligned with the matrix's positions
 * @param items              kept index → original item index, ascending
 * @param cooccurringPairs   unordered pairs of distinct items sharing at least one context
 * @param pairsAfterMinCount of those, pairs with count ≥ minCount
 * @param pairsAfterRank     of those, pairs that pass the rank filter
 * @param pairsPositive      of those, pairs with PMI &gt; 0: the matrix holds 2 × this many entries
 */
public record PpmiResult(CsrMatrix matrix, PagedIntArray counts, int[] items, long cooccurringPairs,
        long pairsAfterMinCount, long pairsAfterRank, long pairsPositive) {

    /** The number of kept items m (rows of the matrix). */
    public int size() {
        return items.length;
    }

    /** Stored entries, both triangles. */
    public long nnz() {
        return matrix.nnz();
    }
}
