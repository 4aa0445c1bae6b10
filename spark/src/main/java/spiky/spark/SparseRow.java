package spiky.spark;

import java.io.Serializable;

/** One row of the distributed sparse matrix: columns ascending, with their values. */
record SparseRow(int[] columns, double[] values) implements Serializable {}
