package spiky.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import spiky.algo.linalg.CsrMatrix;
import spiky.algo.linalg.PagedDoubleArray;
import spiky.algo.linalg.PagedIntArray;

/** The per-item top-k of a PPMI write: the k largest values of each row, ties to the smaller column. */
class PpmiStrongestTest {
    private static CsrMatrix matrix(long[] offsets, int[] cols, double[] vals) {
        PagedIntArray c = new PagedIntArray(cols.length);
        PagedDoubleArray v = new PagedDoubleArray(vals.length);
        for (int i = 0; i < cols.length; i++) {
            c.set(i, cols[i]);
            v.set(i, vals[i]);
        }
        return new CsrMatrix(offsets.length - 1, 5, offsets, c, v);
    }

    private static String bits(long[] marks, long nnz) {
        StringBuilder b = new StringBuilder();
        for (long p = 0; p < nnz; p++) {
            b.append((marks[(int) (p >>> 6)] >>> (p & 63) & 1) == 1 ? '1' : '0');
        }
        return b.toString();
    }

    @Test
    void eachRowMarksItsKLargestValuesAndTiesGoToTheSmallerColumn() {
        // row 0: 5 entries, top 2 are 0.9 and 0.8; row 1: ties at 0.5 (columns 1, 3, 4), one above;
        // row 2: fewer entries than k, all marked.
        CsrMatrix m = matrix(new long[] {0, 5, 9, 10},
                new int[] {0, 1, 2, 3, 4, 0, 1, 3, 4, 2},
                new double[] {0.1, 0.9, 0.3, 0.8, 0.2, 0.7, 0.5, 0.5, 0.5, 0.4});
        assertEquals("01010" + "1100" + "1", bits(PpmiWriter.strongest(m, 2), m.nnz()));
        assertEquals("01110" + "1110" + "1", bits(PpmiWriter.strongest(m, 3), m.nnz()));
        assertEquals("11111" + "1111" + "1", bits(PpmiWriter.strongest(m, 5), m.nnz()));
    }

    @Test
    void marksPastTheFirst64EntriesLandInTheirOwnWords() {
        int n = 130;
        long[] offsets = {0, n};
        int[] cols = new int[n];
        double[] vals = new double[n];
        for (int i = 0; i < n; i++) {
            cols[i] = i;
            vals[i] = i == 70 || i == 129 ? 10 + i : 1;
        }
        PagedIntArray c = new PagedIntArray(n);
        PagedDoubleArray v = new PagedDoubleArray(n);
        for (int i = 0; i < n; i++) {
            c.set(i, cols[i]);
            v.set(i, vals[i]);
        }
        long[] marks = PpmiWriter.strongest(new CsrMatrix(1, n, offsets, c, v), 2);
        assertEquals(1L << (70 - 64), marks[1]);
        assertEquals(1L << (129 - 128), marks[2]);
        assertEquals(0L, marks[0]);
    }
}
