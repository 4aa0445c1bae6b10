package spiky.algo.stability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NeighbourStabilityTest {
    private static final StabilityConfig COSINE = new StabilityConfig(4, 50, 10, false, 7, 2);
    private static final StabilityConfig DOT = new StabilityConfig(4, 50, 10, true, 7, 2);

    @Test
    void topKEqualsAFullSortWithTiesToTheLowerItem() {
        Random random = new Random(1);
        for (int trial = 0; trial < 200; trial++) {
            int m = 1 + random.nextInt(60);
            double[] scores = new double[m];
            int[] items = new int[m];
            for (int c = 0; c < m; c++) {
                scores[c] = random.nextInt(8); // many ties
                items[c] = c * 3 + random.nextInt(3);
            }
            int self = items[random.nextInt(m)];
            int k = 1 + random.nextInt(m + 2);
            int[] expected = IntStream.range(0, m).filter(c -> items[c] != self).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(c -> -scores[c]).thenComparingInt(c -> items[c]))
                    .limit(k).mapToInt(c -> items[c]).sorted().toArray();
            assertArrayEquals(expected, NeighbourStability.top(scores, items, self, k), "trial " + trial);
        }
    }

    @Test
    void jaccardAndPartitions() {
        assertEquals(2.0 / 5, NeighbourStability.jaccard(new int[] {1, 2, 3}, new int[] {2, 3, 4, 5}), 1e-12);
        assertEquals(0, NeighbourStability.jaccard(new int[] {1}, new int[0]));
        assertEquals(1, NeighbourStability.jaccard(new int[0], new int[0]));
        double[] norms = {5, 1, 4, 2, 3, 0.5, 6};
        int[][] parts = NeighbourStability.partitions(norms, 3);
        assertEquals(3, parts.length);
        assertArrayEquals(new int[] {5, 1}, parts[0]);
        assertArrayEquals(new int[] {3, 4}, parts[1]);
        assertArrayEquals(new int[] {2, 0, 6}, parts[2]);
        // equal norms by item index, -0.0 before 0.0 and NaN last, as Double.compare orders them
        assertArrayEquals(new int[] {4, 5, 1, 0, 3, 2, 6},
                NeighbourStability.byValueThenIndex(new double[] {2, 1, 3, 2, -1, -0.0, Double.NaN}));
        assertArrayEquals(new int[] {1, 0, 2}, NeighbourStability.byValueThenIndex(new double[] {0.0, -0.0, 0.0}));
        int[] sample = NeighbourStability.sample(new int[] {10, 11, 12, 13, 14}, 3, 9);
        assertEquals(3, Arrays.stream(sample).distinct().count());
        assertArrayEquals(sample, NeighbourStability.sample(new int[] {10, 11, 12, 13, 14}, 3, 9), "seeded");
    }

    @Test
    void aRotatedCopyIsPerfectlyStableAndAMissingItemCountsAsEmpty() {
        int n = 400;
        int d = 6;
        double[] v = spiky(n, d, new Random(3));
        NeighbourStability.Embedding reference = new NeighbourStability.Embedding(v, d, identity(n));
        // A rotation in the plane of the first two axes keeps every dot product and cosine.
        double c = Math.cos(0.7);
        double s = Math.sin(0.7);
        double[] rotated = v.clone();
        for (int i = 0; i < n; i++) {
            rotated[i * d] = c * v[i * d] - s * v[i * d + 1];
            rotated[i * d + 1] = s * v[i * d] + c * v[i * d + 1];
        }
        int[] rows = identity(n);
        int[] partsOfRef = NeighbourStability.partitions(norms(v, d), 4)[3];
        int gone = partsOfRef[partsOfRef.length - 1];
        rows[gone] = -1;
        for (StabilityConfig config : List.of(COSINE, DOT)) {
            List<NeighbourStability.Cell> cells = NeighbourStability.measure(norms(v, d), reference,
                    List.of(reference, new NeighbourStability.Embedding(rotated, d, identity(n)), new NeighbourStability.Embedding(rotated, d, rows)),
                    new StabilityConfig(4, 1000, 10, config.dot(), 7, 2), () -> {});
            assertEquals(12, cells.size());
            for (NeighbourStability.Cell cell : cells) {
                assertEquals(100, cell.sampled(), "a sample larger than the partition takes all of it");
                if (cell.run() < 2 || cell.partition() < 3) {
                    assertEquals(1.0, cell.meanJaccard(), 1e-12, cell.toString());
                    assertEquals(0, cell.missing());
                } else {
                    assertEquals(1, cell.missing());
                    // The missing item scores 0; every list that held it lost it to the next
                    // candidate: 9 shared of 11 in the union.
                    StabilityConfig all = new StabilityConfig(4, 1000, 10, config.dot(), 7, 2);
                    int[] sampled = NeighbourStability.sample(partsOfRef, 1000, 7 + 3);
                    int[][] lists = NeighbourStability.lists(reference, partsOfRef, sampled, all, () -> {});
                    long holding = Arrays.stream(lists).filter(l -> Arrays.binarySearch(l, gone) >= 0).count();
                    assertEquals((99 - holding * 2.0 / 11) / 100, cell.meanJaccard(), 1e-12, cell.toString());
                    assertEquals((99 - holding * 2.0 / 11) / 99, cell.meanJaccardPresent(), 1e-12, cell.toString());
                    assertTrue(cell.ciLow() <= cell.meanJaccard() && cell.meanJaccard() <= cell.ciHigh());
                }
            }
        }
    }

    @Test
    void theSameNoiseMovesTheListsOfLowNormItemsMoreThanThoseOfHighNormItems() {
        int n = 2000;
        int d = 8;
        Random random = new Random(5);
        double[] v = spiky(n, d, random);
        double[] noisy = v.clone();
        for (int i = 0; i < noisy.length; i++) {
            noisy[i] += 0.3 * random.nextGaussian();
        }
        List<NeighbourStability.Cell> cells = NeighbourStability.measure(norms(v, d), new NeighbourStability.Embedding(v, d, identity(n)),
                List.of(new NeighbourStability.Embedding(noisy, d, identity(n))), new StabilityConfig(5, 200, 20, false, 1, 2), () -> {});
        double lowest = cells.get(0).meanJaccard();
        double highest = cells.get(4).meanJaccard();
        assertTrue(cells.get(0).normMax() <= cells.get(4).normMin());
        assertTrue(highest > lowest + 0.1, "lowest-norm quantile " + lowest + ", highest " + highest);
    }

    /** Points along 10 random directions with Pareto norms: a spiky cloud. */
    private static double[] spiky(int n, int d, Random random) {
        double[][] directions = new double[10][d];
        for (double[] dir : directions) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                dir[j] = random.nextGaussian();
                s += dir[j] * dir[j];
            }
            for (int j = 0; j < d; j++) {
                dir[j] /= Math.sqrt(s);
            }
        }
        double[] v = new double[n * d];
        for (int i = 0; i < n; i++) {
            double norm = Math.pow(1 - random.nextDouble(), -1 / 1.5);
            double[] dir = directions[i % 10];
            for (int j = 0; j < d; j++) {
                v[i * d + j] = norm * (dir[j] + 0.05 * random.nextGaussian());
            }
        }
        return v;
    }

    private static double[] norms(double[] v, int d) {
        double[] norms = new double[v.length / d];
        for (int i = 0; i < norms.length; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += v[i * d + j] * v[i * d + j];
            }
            norms[i] = Math.sqrt(s);
        }
        return norms;
    }

    private static int[] identity(int n) {
        return IntStream.range(0, n).toArray();
    }
}
