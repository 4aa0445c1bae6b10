package spiky.graph;

import spiky.algo.pipeline.InteractionArrays;

/**
 * A dataset read out of the graph as arrays, for the algorithms: items (with their node ids and
 * ids), and the binary item × context matrix as parallel (item, context) index arrays.
 *
 * @param itemNodes item index → node id
 * @param itemIds   item index → the item's id property (Long or String)
 * @param keyRank   item index → rank of its id in key order (numeric when the ids are integers)
 * @param contexts  the number of contexts with at least one interaction (N of the PMI)
 * @param pairs     the (item, context) pairs; the pipeline releases them once its PPMI incidence holds them
 */
public record DatasetArrays(String dataset, long[] itemNodes, Object[] itemIds, int[] keyRank, int contexts, InteractionArrays pairs) {
    public DatasetArrays(String dataset, long[] itemNodes, Object[] itemIds, int[] keyRank, int contexts, int[] itemOf, int[] contextOf) {
        this(dataset, itemNodes, itemIds, keyRank, contexts, new InteractionArrays(itemOf, contextOf));
    }

    public int items() {
        return itemNodes.length;
    }

    public int interactions() {
        return pairs.size();
    }

    public int[] itemOf() {
        return pairs.itemOf();
    }

    public int[] contextOf() {
        return pairs.contextOf();
    }
}
