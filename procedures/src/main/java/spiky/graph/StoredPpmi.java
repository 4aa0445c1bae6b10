package spiky.graph;

import spiky.algo.linalg.CsrMatrix;
import spiky.algo.linalg.PagedIntArray;

/**
 * A dataset's current PPMI relationships read back as the symmetric matrix that
 * {@link spiky.algo.ppmi.Ppmi} computed: row a is the a-th item, in the canonical item order, that
 * keeps a pair.
 *
 * @param rowItemNodes the Item node of every row
 * @param rowItemIds   the item id of every row
 * @param counts       the co-occurrence count of every stored entry, aligned with the matrix's positions
 * @param record       which write made them, with which settings (null for a run's set read by tag: its settings are the run's)
 */
public record StoredPpmi(String dataset, long[] rowItemNodes, Object[] rowItemIds, CsrMatrix matrix, PagedIntArray counts,
        PpmiRecord record) {}
