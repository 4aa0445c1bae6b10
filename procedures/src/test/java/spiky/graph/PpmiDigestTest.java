package spiky.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import spiky.algo.linalg.CsrMatrix;
import spiky.algo.linalg.PagedDoubleArray;
import spiky.algo.linalg.PagedIntArray;
import spiky.algo.ppmi.PpmiResult;

class PpmiDigestTest {
    /** Three items, pairs (0, 1) and (1, 2), both triangles stored; node ids 10, 11, 12. */
    private static long digest(long[] nodes, int[] keyRank, double w01, int c12) {
        long[] offsets = {0, 1, 3, 4};
        int[] cols = {1, 0, 2, 1};
        double[] vals = {w01, w01, 0.5, 0.5};
        int[] counts = {3, 3, c12, c12};
        PagedIntArray columns = new PagedIntArray(4);
        PagedDoubleArray values = new PagedDoubleArray(4);
        PagedIntArray countArray = new PagedIntArray(4);
        for (int p = 0; p < 4; p++) {
            columns.set(p, cols[p]);
            values.set(p, vals[p]);
            countArray.set(p, counts[p]);
        }
        PpmiResult ppmi = new PpmiResult(new CsrMatrix(3, 3, offsets, columns, values), countArray, new int[] {0, 1, 2}, 2, 2, 2, 2);
        DatasetArrays items = new DatasetArrays("d", nodes, new Object[] {"a", "b", "c"}, keyRank, 1, new int[0], new int[0]);
        return PpmiDigest.of(items, ppmi);
    }

    @Test
    void equalSetsAgreeAndAnyChangeOfNodeCountOrWeightDisagrees() {
        long[] nodes = {10, 11, 12};
        int[] rank = {0, 1, 2};
        long base = digest(nodes, rank, 1.25, 2);
        assertEquals(base, digest(nodes, rank, 1.25, 2));
        assertNotEquals(base, digest(nodes, rank, 1.2500000001, 2), "weight");
        assertNotEquals(base, digest(nodes, rank, 1.25, 4), "count");
        assertNotEquals(base, digest(new long[] {10, 11, 13}, rank, 1.25, 2), "another node");
    }
}
