package spiky.graph;

/**
 * A dataset read out of the graph as arrays, for the algorithms: items (with their node ids and
 * ids), and the binary item × context matrix as parallel (item, context) index arrays.
 *
 * @param itemNodes item index → node id
 * @param itemIds   item index → the item's id property (Long or String)
 * @param keyRank   item index → rank of its id in key order (numeric when the ids are integers)
 * @param contexts  the number of contexts with at least one interaction (N of the PMI)
 */
public record DatasetArrays(String dataset, long[] itemNodes, Object[] itemIds, int[] keyRank, int contexts, int[] itemOf, int[] contextOf) {
    public int items() {
        return itemNodes.length;
    }

    public int interactions() {
        return itemOf.length;
    }
}
