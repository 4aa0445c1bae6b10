package spiky.graph;

import spiky.algo.linalg.DenseBlock;

/**
 * A finished run's Embedding nodes read back: row a of {@code vectors} is the a-th embedded item in
 * the canonical item order, the order in which the run computed them.
 *
 * @param embeddingNodes the Embedding node of every row
 * @param itemIds        the item id of every row
 * @param vectors        the stored float vectors, widened to double
 * @param norms          the stored norms (of the double embedding the run computed)
 */
public record StoredEmbeddings(String runId, String dataset, long[] embeddingNodes, Object[] itemIds, DenseBlock vectors,
        double[] norms) {}
