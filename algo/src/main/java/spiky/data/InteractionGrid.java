package spiky.data;

/**
 * A dataset's interactions dealt into a square grid of blocks, by item group (item index mod g)
 * and context group (context index mod g), so that g writers can create relationships side by
 * side without ever waiting for one another: creating a relationship locks both of its end nodes,
 * and in round r writer w takes block (w, (w + r) mod g), so the g blocks of a round share no
 * item and no context. After g rounds every block has been taken once.
 *
 * Within a block the interactions keep their order in the dataset; with one group the grid is
 * the dataset's order itself. The grid holds one int per interaction (its index, block by block).
 */
public final class InteractionGrid {
    private final int groups;
    private final int[] order;
    private final int[] starts;

    private InteractionGrid(int groups, int[] order, int[] starts) {
        this.groups = groups;
        this.order = order;
        this.starts = starts;
    }

    /** Deals the interactions (item index and context index of each) into groups × groups blocks, stably. */
    public static InteractionGrid of(int[] itemOf, int[] contextOf, int groups) {
        if (groups < 1) {
            throw new IllegalArgumentException("groups must be at least 1, not " + groups);
        }
        if (itemOf.length != contextOf.length) {
            throw new IllegalArgumentException("itemOf and contextOf differ in length: " + itemOf.length + " and " + contextOf.length);
        }
        int blocks = groups * groups;
        int[] starts = new int[blocks + 1];
        for (int k = 0; k < itemOf.length; k++) {
            starts[block(itemOf[k], contextOf[k], groups) + 1]++;
        }
        for (int b = 0; b < blocks; b++) {
            starts[b + 1] += starts[b];
        }
        int[] next = java.util.Arrays.copyOf(starts, blocks);
        int[] order = new int[itemOf.length];
        for (int k = 0; k < itemOf.length; k++) {
            order[next[block(itemOf[k], contextOf[k], groups)]++] = k;
        }
        return new InteractionGrid(groups, order, starts);
    }

    private static int block(int item, int context, int groups) {
        return (item % groups) * groups + context % groups;
    }

    public int groups() {
        return groups;
    }

    /** The block that writer {@code writer} takes in round {@code round} (both in [0, groups)). */
    public int blockOf(int round, int writer) {
        return writer * groups + (writer + round) % groups;
    }

    /** Where block {@code b}'s interactions begin in {@link #order}. */
    public int start(int b) {
        return starts[b];
    }

    /** Where block {@code b}'s interactions end (exclusive) in {@link #order}. */
    public int end(int b) {
        return starts[b + 1];
    }

    /** The interaction at position {@code p} of the grid (blocks one after the other). */
    public int interaction(int p) {
        return order[p];
    }
}
