package spiky.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InteractionGridTest {
    private static final int ITEMS = 37;
    private static final int CONTEXTS = 53;

    private static int[][] interactions(int n, long seed) {
        Random random = new Random(seed);
        int[] itemOf = new int[n];
        int[] contextOf = new int[n];
        for (int k = 0; k < n; k++) {
            itemOf[k] = random.nextInt(ITEMS);
            contextOf[k] = random.nextInt(CONTEXTS);
        }
        return new int[][] {itemOf, contextOf};
    }

    @Test
    void everyInteractionIsInExactlyOneBlockInItsOrderAndTheBlocksOfARoundShareNoItemAndNoContext() {
        int[][] in = interactions(5_000, 3);
        for (int groups : new int[] {2, 3, 4}) {
            InteractionGrid grid = InteractionGrid.of(in[0], in[1], groups);
            boolean[] seen = new boolean[in[0].length];
            int blocksTaken = 0;
            for (int round = 0; round < groups; round++) {
                Set<Integer> itemsOfRound = new HashSet<>();
                Set<Integer> contextsOfRound = new HashSet<>();
                for (int writer = 0; writer < groups; writer++) {
                    int b = grid.blockOf(round, writer);
                    blocksTaken++;
                    Set<Integer> items = new HashSet<>();
                    Set<Integer> contexts = new HashSet<>();
                    int last = -1;
                    for (int p = grid.start(b); p < grid.end(b); p++) {
                        int k = grid.interaction(p);
                        assertFalse(seen[k], "interaction " + k + " twice");
                        seen[k] = true;
                        assertTrue(k > last, "a block keeps the dataset's order");
                        last = k;
                        items.add(in[0][k]);
                        contexts.add(in[1][k]);
                    }
                    assertTrue(grid.end(b) > grid.start(b), "no block is empty on this data");
                    for (int i : items) {
                        assertTrue(itemsOfRound.add(i), "item " + i + " in two blocks of round " + round + " (groups " + groups + ")");
                    }
                    for (int c : contexts) {
                        assertTrue(contextsOfRound.add(c), "context " + c + " in two blocks of round " + round + " (groups " + groups + ")");
                    }
                }
            }
            assertEquals(groups * groups, blocksTaken);
            for (int k = 0; k < seen.length; k++) {
                assertTrue(seen[k], "interaction " + k + " in no block taken (groups " + groups + ")");
            }
        }
    }

    @Test
    void oneGroupIsTheDatasetsOrder() {
        int[][] in = interactions(1_000, 5);
        InteractionGrid grid = InteractionGrid.of(in[0], in[1], 1);
        assertEquals(0, grid.blockOf(0, 0));
        assertEquals(0, grid.start(0));
        assertEquals(1_000, grid.end(0));
        for (int p = 0; p < 1_000; p++) {
            assertEquals(p, grid.interaction(p));
        }
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> InteractionGrid.of(new int[1], new int[1], 0));
        assertThrows(IllegalArgumentException.class, () -> InteractionGrid.of(new int[2], new int[1], 2));
    }
}
