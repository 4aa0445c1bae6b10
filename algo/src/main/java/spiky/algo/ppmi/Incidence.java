package spiky.algo.ppmi;

import java.util.Arrays;

/**
 * The binary item × context matrix M twice, as CSR: item → its contexts and context → its items
 * (items ascending within a context). The co-occurrence row of an item walks one, then the other.
 */
record Incidence(int[] itemStart, int[] itemContexts, int[] contextStart, int[] contextItems) {

    static Incidence of(int items, int contexts, int[] itemOf, int[] contextOf) {
        int interactions = itemOf.length;
        int[] itemStart = new int[items + 1];
        int[] contextStart = new int[contexts + 1];
        for (int e = 0; e < interactions; e++) {
            itemStart[itemOf[e] + 1]++;
            contextStart[contextOf[e] + 1]++;
        }
        for (int i = 0; i < items; i++) {
            itemStart[i + 1] += itemStart[i];
        }
        for (int x = 0; x < contexts; x++) {
            contextStart[x + 1] += contextStart[x];
        }
        int[] itemContexts = new int[interactions];
        int[] contextItems = new int[interactions];
        int[] cursor = Arrays.copyOf(itemStart, items);
        for (int e = 0; e < interactions; e++) {
            itemContexts[cursor[itemOf[e]]++] = contextOf[e];
        }
        cursor = Arrays.copyOf(contextStart, contexts);
        for (int i = 0; i < items; i++) {
            for (int p = itemStart[i]; p < itemStart[i + 1]; p++) {
                int x = itemContexts[p];
                contextItems[cursor[x]++] = i;
            }
        }
        return new Incidence(itemStart, itemContexts, contextStart, contextItems);
    }

    /** cᵢ, the number of contexts of item i. */
    int contextsOf(int i) {
        return itemStart[i + 1] - itemStart[i];
    }

    /** The co-occurrence row of item a into acc; returns how many entries it touched (a included), listed in touched. */
    int accumulate(int a, int[] acc, int[] touched) {
        final int[] itemStart = this.itemStart;
        final int[] itemContexts = this.itemContexts;
        final int[] contextStart = this.contextStart;
        final int[] contextItems = this.contextItems;
        int t = 0;
        for (int p = itemStart[a], pe = itemStart[a + 1]; p < pe; p++) {
            int x = itemContexts[p];
            for (int q = contextStart[x], qe = contextStart[x + 1]; q < qe; q++) {
                int b = contextItems[q];
                if (acc[b]++ == 0) {
                    touched[t++] = b;
                }
            }
        }
        return t;
    }
}
