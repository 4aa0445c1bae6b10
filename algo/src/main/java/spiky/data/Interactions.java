package spiky.data;

import java.util.Map;

/**
 * A dataset ready to be written: distinct items and contexts, and distinct (item, context)
 * interactions as parallel primitive arrays. Built by {@link InteractionsBuilder}; produced by
 * every reader and by the DCBM generator, consumed by the graph writer.
 *
 * @param itemKeys       the items' ids as read, in order of first appearance
 * @param itemNames      a display name per item, or null entries
 * @param contextKeys    the contexts' ids as read, in order of first appearance
 * @param itemOf         per interaction, the index of its item in itemKeys
 * @param contextOf      per interaction, the index of its context in contextKeys
 * @param timestamps     per interaction, epoch seconds (the earliest among duplicates), or null when the source has none
 * @param weights        per interaction, the weight of the kept row, or null when the source has none
 * @param itemTruth      planted truth per item (community, theta), or null
 * @param rowsRead       input rows seen, duplicates and skipped rows included
 * @param rowsSkipped    rows deliberately skipped by the format's rules (e.g. short playlists)
 */
public record Interactions(
        String[] itemKeys,
        String[] itemNames,
        String[] contextKeys,
        int[] itemOf,
        int[] contextOf,
        long[] timestamps,
        double[] weights,
        Truth itemTruth,
        long rowsRead,
        long rowsSkipped) {

    /** Planted community and degree parameter per item (generated data, or imported with --items). */
    public record Truth(int[] community, double[] theta) {}

    public int itemCount() {
        return itemKeys.length;
    }

    public int contextCount() {
        return contextKeys.length;
    }

    public int size() {
        return itemOf.length;
    }

    /** Rows that repeated an (item, context) pair already seen and were collapsed into it. */
    public long duplicates() {
        return rowsRead - rowsSkipped - size();
    }

    public boolean integerItemIds() {
        return IdType.allIntegers(itemKeys);
    }

    public boolean integerContextIds() {
        return IdType.allIntegers(contextKeys);
    }

    /** Returns a copy with planted truth attached, read from a map item key → (community, theta). */
    public Interactions withTruth(Map<String, double[]> truthByKey, java.util.function.Function<String, RuntimeException> missing) {
        int[] community = new int[itemKeys.length];
        double[] theta = new double[itemKeys.length];
        for (int i = 0; i < itemKeys.length; i++) {
            double[] t = truthByKey.get(itemKeys[i]);
            if (t == null) {
                throw missing.apply(itemKeys[i]);
            }
            community[i] = (int) t[0];
            theta[i] = t[1];
        }
        return new Interactions(itemKeys, itemNames, contextKeys, itemOf, contextOf, timestamps, weights,
                new Truth(community, theta), rowsRead, rowsSkipped);
    }
}
