package spiky.algo.ppmi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.algo.Termination;
import spiky.algo.linalg.CsrMatrix;

class PpmiTest {

    /** A dataset: distinct (item, context) interactions and a key order. */
    record Data(int items, int contexts, int[] itemOf, int[] contextOf, int[] keyRank) {}

    private static PpmiResult run(Data d, PpmiConfig config, int concurrency) {
        return Ppmi.compute(d.items, d.contexts, d.itemOf, d.contextOf, d.keyRank, config, concurrency,
                Progress.NONE, Termination.NONE);
    }

    private static Data fromContexts(int items, int[][] contexts, int[] keyRank) {
        List<int[]> pairs = new ArrayList<>();
        for (int x = 0; x < contexts.length; x++) {
            for (int i : contexts[x]) {
                pairs.add(new int[] {i, x});
            }
        }
        int[] itemOf = new int[pairs.size()];
        int[] contextOf = new int[pairs.size()];
        for (int e = 0; e < pairs.size(); e++) {
            itemOf[e] = pairs.get(e)[0];
            contextOf[e] = pairs.get(e)[1];
        }
        return new Data(items, contexts.length, itemOf, contextOf, keyRank);
    }

    /** Random data with skewed item popularity (so counts tie often) and a shuffled key order. */
    private static Data random(long seed, int items, int contexts, int maxSize) {
        Random rnd = new Random(seed);
        double[] weight = new double[items];
        for (int i = 0; i < items; i++) {
            weight[i] = 1.0 / Math.pow(i + 1, 0.7);
        }
        double total = Arrays.stream(weight).sum();
        int[][] lists = new int[contexts][];
        for (int x = 0; x < contexts; x++) {
            int size = 1 + rnd.nextInt(maxSize);
            Set<Integer> set = new LinkedHashSet<>();
            for (int s = 0; s < size; s++) {
                double u = rnd.nextDouble() * total;
                int i = 0;
                while (i < items - 1 && u >= weight[i]) {
                    u -= weight[i];
                    i++;
                }
                set.add(i);
            }
            lists[x] = set.stream().mapToInt(Integer::intValue).toArray();
        }
        Data d = fromContexts(items, lists, shuffledRanks(items, rnd));
        // Shuffle the interactions too: the order of the input must not matter.
        int[] itemOf = d.itemOf.clone();
        int[] contextOf = d.contextOf.clone();
        for (int e = itemOf.length - 1; e > 0; e--) {
            int f = rnd.nextInt(e + 1);
            int t = itemOf[e];
            itemOf[e] = itemOf[f];
            itemOf[f] = t;
            t = contextOf[e];
            contextOf[e] = contextOf[f];
            contextOf[f] = t;
        }
        return new Data(items, contexts, itemOf, contextOf, d.keyRank);
    }

    private static int[] shuffledRanks(int n, Random rnd) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = r[i];
            r[i] = r[j];
            r[j] = t;
        }
        return r;
    }

    // ------------------------------------------------------------------------------------------
    // The brute force: sets, a dense count matrix, the SQL window functions done literally.
    // ------------------------------------------------------------------------------------------

    /** Per kept item, its partners (original index, ascending) with PMI and count. */
    record Expected(int[] items, Map<Integer, TreeMap<Integer, double[]>> rows, long cooccurring, long afterMinCount,
            long afterRank, long positive) {}

    private static long pair(int i, int j) {
        return ((long) i << 32) | j;
    }

    private static Expected bruteForce(Data d, PpmiConfig config) {
        int n = d.items;
        List<Set<Integer>> contextsOf = new ArrayList<>();
        List<Set<Integer>> itemsIn = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            contextsOf.add(new TreeSet<>());
        }
        for (int x = 0; x < d.contexts; x++) {
            itemsIn.add(new TreeSet<>());
        }
        for (int e = 0; e < d.itemOf.length; e++) {
            contextsOf.get(d.itemOf[e]).add(d.contextOf[e]);
            itemsIn.get(d.contextOf[e]).add(d.itemOf[e]);
        }
        // c(i, j) for every ordered pair of distinct items sharing a context.
        Map<Long, Integer> c = new HashMap<>();
        for (Set<Integer> context : itemsIn) {
            for (int i : context) {
                for (int j : context) {
                    if (i != j) {
                        c.merge(pair(i, j), 1, Integer::sum);
                    }
                }
            }
        }
        long cooccurring = c.keySet().stream().filter(k -> (int) (k >>> 32) < (int) (long) k).count();
        // Candidate pairs, each once as (t1, t2) with key(t1) < key(t2), count >= minCount.
        List<int[]> pairs = new ArrayList<>();
        c.forEach((k, count) -> {
            int i = (int) (k >>> 32);
            int j = (int) (long) k;
            if (d.keyRank[i] < d.keyRank[j] && count >= config.minCount()) {
                pairs.add(new int[] {i, j, count});
            }
        });
        long afterMinCount = pairs.size();
        List<int[]> ranked = new ArrayList<>();
        if (config.rankRule() == RankRule.SQL) {
            // row_number() over (partition by t1 order by c desc, t2) and over (partition by t2 order by c desc, t1)
            Map<int[], Integer> r1 = rowNumbers(pairs, 0, 1, d.keyRank);
            Map<int[], Integer> r2 = rowNumbers(pairs, 1, 0, d.keyRank);
            for (int[] p : pairs) {
                if (r1.get(p) < config.topK() && r2.get(p) < config.topK()) {
                    ranked.add(p);
                }
            }
        } else {
            // Each item ranks all its partners: rank of j in i's list, from 1.
            Map<Integer, List<int[]>> partners = new HashMap<>();
            c.forEach((k, count) -> {
                if (count >= config.minCount()) {
                    partners.computeIfAbsent((int) (k >>> 32), x -> new ArrayList<>()).add(new int[] {(int) (long) k, count});
                }
            });
            Map<Long, Integer> rank = new HashMap<>();
            partners.forEach((i, list) -> {
                list.sort(Comparator.<int[]>comparingInt(p -> -p[1]).thenComparingInt(p -> d.keyRank[p[0]]));
                for (int r = 0; r < list.size(); r++) {
                    rank.put(pair(i, list.get(r)[0]), r + 1);
                }
            });
            for (int[] p : pairs) {
                if (rank.get(pair(p[0], p[1])) <= config.topK() && rank.get(pair(p[1], p[0])) <= config.topK()) {
                    ranked.add(p);
                }
            }
        }
        Map<Integer, TreeMap<Integer, double[]>> rows = new TreeMap<>();
        long positive = 0;
        for (int[] p : ranked) {
            int ci = contextsOf.get(p[0]).size();
            int cj = contextsOf.get(p[1]).size();
            double v = Math.log((double) d.contexts * p[2] / ((double) ci * cj));
            if (v > 0) {
                positive++;
                rows.computeIfAbsent(p[0], x -> new TreeMap<>()).put(p[1], new double[] {v, p[2]});
                rows.computeIfAbsent(p[1], x -> new TreeMap<>()).put(p[0], new double[] {v, p[2]});
            }
        }
        int[] items = rows.keySet().stream().mapToInt(Integer::intValue).toArray();
        return new Expected(items, rows, cooccurring, afterMinCount, ranked.size(), positive);
    }

    /** Sorts each partition literally and numbers its rows from 1. */
    private static Map<int[], Integer> rowNumbers(List<int[]> pairs, int partitionSide, int partnerSide, int[] keyRank) {
        Map<Integer, List<int[]>> partitions = new HashMap<>();
        for (int[] p : pairs) {
            partitions.computeIfAbsent(p[partitionSide], k -> new ArrayList<>()).add(p);
        }
        Map<int[], Integer> numbers = new IdentityHashMap<>();
        for (List<int[]> part : partitions.values()) {
            part.sort(Comparator.<int[]>comparingInt(p -> -p[2]).thenComparingInt(p -> keyRank[p[partnerSide]]));
            for (int r = 0; r < part.size(); r++) {
                numbers.put(part.get(r), r + 1);
            }
        }
        return numbers;
    }

    private static void assertMatches(Expected expected, PpmiResult actual, String what) {
        assertArrayEquals(expected.items, actual.items(), what + ": kept items");
        assertEquals(expected.cooccurring, actual.cooccurringPairs(), what + ": co-occurring pairs");
        assertEquals(expected.afterMinCount, actual.pairsAfterMinCount(), what + ": pairs after minCount");
        assertEquals(expected.afterRank, actual.pairsAfterRank(), what + ": pairs after rank");
        assertEquals(expected.positive, actual.pairsPositive(), what + ": positive pairs");
        CsrMatrix a = actual.matrix();
        int m = actual.size();
        assertEquals(m, a.rows());
        assertEquals(m, a.cols());
        long nnz = 0;
        for (int r = 0; r < m; r++) {
            int i = actual.items()[r];
            TreeMap<Integer, double[]> row = expected.rows.get(i);
            assertEquals(row.size(), a.degree(r), what + ": degree of row " + r);
            long p = a.rowStart(r);
            for (Map.Entry<Integer, double[]> e : row.entrySet()) {
                int j = e.getKey();
                assertEquals(Arrays.binarySearch(actual.items(), j), a.column(p), what + ": column order in row " + r);
                assertEquals(e.getValue()[0], a.value(p), 1e-12, what + ": PMI(" + i + ", " + j + ")");
                assertEquals((int) e.getValue()[1], actual.counts().get(p), what + ": count(" + i + ", " + j + ")");
                p++;
            }
            nnz += a.degree(r);
        }
        assertEquals(2 * expected.positive, nnz, what + ": nnz");
        assertEquals(nnz, actual.nnz());
        assertEquals(nnz, actual.counts().size());
    }

    // ------------------------------------------------------------------------------------------

    @Test
    void matchesTheBruteForceOnRandomDataForBothRulesAndSmallTopK() {
        long filteredByRank = 0;
        for (long seed = 1; seed <= 6; seed++) {
            Data d = random(seed, 60, 200, 12);
            for (RankRule rule : RankRule.values()) {
                for (int topK : new int[] {1, 2, 3, 5, 2000}) {
                    for (int minCount : new int[] {1, 2, 3}) {
                        PpmiConfig config = new PpmiConfig(minCount, topK, rule);
                        Expected expected = bruteForce(d, config);
                        String what = "seed " + seed + ", " + config;
                        PpmiResult actual = run(d, config, 2);
                        assertMatches(expected, actual, what);
                        assertTrue(actual.matrix().isSymmetric(), what + ": symmetric");
                        filteredByRank += expected.afterMinCount - expected.afterRank;
                    }
                }
            }
        }
        assertTrue(filteredByRank > 1000, "the rank filter must actually bite in these cases: " + filteredByRank);
    }

    @Test
    void theTwoRulesDifferWhenTheRankFilterBites() {
        Data d = random(7, 60, 200, 12);
        PpmiResult sql = run(d, new PpmiConfig(2, 5, RankRule.SQL), 1);
        PpmiResult mutual = run(d, new PpmiConfig(2, 5, RankRule.MUTUAL), 1);
        assertNotEquals(sql.pairsAfterRank(), mutual.pairsAfterRank());
        assertTrue(sql.pairsAfterRank() < sql.pairsAfterMinCount());
        assertTrue(mutual.pairsAfterRank() < mutual.pairsAfterMinCount());
    }

    @Test
    void largerRowsThanTheSelectionLimitAcrossManyChunks() {
        // 700 items: rows longer than topK, several chunks per thread, keys in reverse order.
        Data d = random(11, 700, 300, 40);
        for (RankRule rule : RankRule.values()) {
            PpmiConfig config = new PpmiConfig(2, 17, rule);
            Expected expected = bruteForce(d, config);
            assertTrue(expected.afterRank < expected.afterMinCount);
            assertMatches(expected, run(d, config, 3), rule.configName());
        }
    }

    @Test
    void sparseRowsAndDenseRowsTogether() {
        // 3,000 items in small contexts: most rows touch few items (their heads are sorted), the
        // popular items' rows touch many (visited by scanning the accumulator).
        Data d = random(13, 3_000, 8_000, 10);
        for (RankRule rule : RankRule.values()) {
            for (int topK : new int[] {4, 2000}) {
                PpmiConfig config = new PpmiConfig(2, topK, rule);
                Expected expected = bruteForce(d, config);
                assertTrue(expected.positive > 100, "enough pairs: " + expected.positive);
                assertMatches(expected, run(d, config, 2), rule.configName() + " topK " + topK);
            }
        }
        PpmiConfig one = new PpmiConfig(1, 3, RankRule.SQL);
        assertMatches(bruteForce(d, one), run(d, one, 1), "minCount 1");
    }

    @Test
    void aHandComputedExample() {
        // Contexts {0,1,2} {0,1} {1,2,3} {0,1,3} {3}; N = 5; c0 = 3, c1 = 4, c2 = 2, c3 = 3.
        // Co-occurrence: (0,1) = 3, (0,2) = 1, (0,3) = 1, (1,2) = 2, (1,3) = 2, (2,3) = 1.
        int[][] contexts = {{0, 1, 2}, {0, 1}, {1, 2, 3}, {0, 1, 3}, {3}};
        Data byIndex = fromContexts(4, contexts, new int[] {0, 1, 2, 3});
        double ln125 = Math.log(5.0 * 3 / (3 * 4)); // (0,1); (1,2): ln(5·2 / (4·2)) is the same; (1,3): ln(10/12) < 0

        PpmiResult r = run(byIndex, PpmiConfig.DEFAULTS, 1);
        assertArrayEquals(new int[] {0, 1, 2}, r.items());
        assertEquals(6, r.cooccurringPairs());
        assertEquals(3, r.pairsAfterMinCount());
        assertEquals(3, r.pairsAfterRank());
        assertEquals(2, r.pairsPositive());
        assertEquals(4, r.nnz());
        CsrMatrix a = r.matrix();
        assertEquals(Math.log(1.25), ln125, 1e-15);
        assertEquals(ln125, a.get(0, 1), 0.0);
        assertEquals(ln125, a.get(1, 0), 0.0);
        assertEquals(Math.log(1.25), a.get(1, 2), 1e-15);
        assertEquals(0.0, a.get(0, 2));
        assertArrayEquals(new int[] {3, 3, 2, 2}, countsInOrder(r));
        assertArrayEquals(new int[] {1, 0, 2, 1}, columnsInOrder(a));

        // SQL, topK 2, keys in reverse order (key(3) < key(2) < key(1) < key(0)): pairs (2,1) and (3,1)
        // tie at 2 in the partition t2 = 1; the partner key breaks the tie for item 3, r2(2,1) = 2 is cut.
        Data reversed = fromContexts(4, contexts, new int[] {3, 2, 1, 0});
        PpmiResult cut = run(reversed, new PpmiConfig(2, 2, RankRule.SQL), 1);
        assertEquals(2, cut.pairsAfterRank());
        assertEquals(1, cut.pairsPositive());
        assertArrayEquals(new int[] {0, 1}, cut.items());
        assertEquals(ln125, cut.matrix().get(0, 1), 0.0);
        // By index the tie goes the other way: (1,2) has r1 = 1 and survives, (1,3) is cut.
        PpmiResult kept = run(byIndex, new PpmiConfig(2, 2, RankRule.SQL), 1);
        assertEquals(2, kept.pairsAfterRank());
        assertEquals(2, kept.pairsPositive());
        assertArrayEquals(new int[] {0, 1, 2}, kept.items());

        // Mutual, topK 1: item 1's best partner is 0 (count 3), 0's is 1: only (0,1) survives.
        PpmiResult mutual = run(byIndex, new PpmiConfig(2, 1, RankRule.MUTUAL), 1);
        assertEquals(1, mutual.pairsAfterRank());
        assertArrayEquals(new int[] {0, 1}, mutual.items());
        // SQL, topK 1: r < 1 never holds.
        PpmiResult none = run(byIndex, new PpmiConfig(2, 1, RankRule.SQL), 1);
        assertEquals(0, none.pairsAfterRank());
        assertEquals(0, none.size());
        assertEquals(0, none.nnz());
    }

    private static int[] countsInOrder(PpmiResult r) {
        int[] out = new int[(int) r.nnz()];
        for (int p = 0; p < out.length; p++) {
            out[p] = r.counts().get(p);
        }
        return out;
    }

    private static int[] columnsInOrder(CsrMatrix a) {
        int[] out = new int[(int) a.nnz()];
        for (int p = 0; p < out.length; p++) {
            out[p] = a.column(p);
        }
        return out;
    }

    @Test
    void symmetricSortedAndTheSameForAnyConcurrency() {
        Data d = random(3, 400, 500, 30);
        for (RankRule rule : RankRule.values()) {
            PpmiConfig config = new PpmiConfig(2, 9, rule);
            PpmiResult one = run(d, config, 1);
            PpmiResult two = run(d, config, 2);
            PpmiResult four = run(d, config, 4);
            assertTrue(one.matrix().isSymmetric());
            assertTrue(one.nnz() > 0);
            CsrMatrix a = one.matrix();
            for (int r = 0; r < a.rows(); r++) {
                for (long p = a.rowStart(r) + 1; p < a.rowEnd(r); p++) {
                    assertTrue(a.column(p - 1) < a.column(p), "columns ascending in row " + r);
                }
                assertTrue(a.degree(r) > 0, "every kept item keeps a pair");
            }
            for (PpmiResult other : List.of(two, four)) {
                assertArrayEquals(one.items(), other.items());
                assertArrayEquals(columnsInOrder(a), columnsInOrder(other.matrix()));
                assertArrayEquals(countsInOrder(one), countsInOrder(other));
                for (long p = 0; p < a.nnz(); p++) {
                    assertEquals(a.value(p), other.matrix().value(p), 0.0);
                }
                for (int r = 0; r <= a.rows(); r++) {
                    assertEquals(r == a.rows() ? a.nnz() : a.rowStart(r),
                            r == a.rows() ? other.nnz() : other.matrix().rowStart(r));
                }
                assertEquals(one.pairsAfterRank(), other.pairsAfterRank());
                assertEquals(one.pairsPositive(), other.pairsPositive());
            }
        }
    }

    @Test
    void emptyInputGivesAnEmptyMatrix() {
        PpmiResult r = Ppmi.compute(5, 3, new int[0], new int[0], new int[] {4, 3, 2, 1, 0}, PpmiConfig.DEFAULTS, 2,
                Progress.NONE, Termination.NONE);
        assertEquals(0, r.size());
        assertEquals(0, r.nnz());
        assertEquals(0, r.cooccurringPairs());
        assertTrue(r.matrix().isSymmetric());
    }

    @Test
    void progressReachesTheTotalAndTerminationStops() {
        Data d = random(5, 300, 200, 20);
        Map<String, long[]> last = new java.util.concurrent.ConcurrentHashMap<>();
        Ppmi.compute(d.items, d.contexts, d.itemOf, d.contextOf, d.keyRank, PpmiConfig.DEFAULTS, 2,
                (stage, done, total) -> last.put(stage, new long[] {done, total}), Termination.NONE);
        assertTrue(last.size() >= 2, last.keySet().toString());
        for (long[] v : last.values()) {
            assertEquals(v[1], v[0]);
        }
        RuntimeException stop = new IllegalStateException("terminated");
        assertThrows(IllegalStateException.class, () -> Ppmi.compute(d.items, d.contexts, d.itemOf, d.contextOf,
                d.keyRank, PpmiConfig.DEFAULTS, 2, Progress.NONE, () -> {
                    throw stop;
                }));
    }

    @Test
    void badInputIsRefused() {
        int[] rank = {0, 1};
        assertThrows(IllegalArgumentException.class, () -> Ppmi.compute(2, 1, new int[] {0, 0}, new int[] {0, 0}, rank,
                PpmiConfig.DEFAULTS, 1, Progress.NONE, Termination.NONE), "duplicate interaction");
        assertThrows(IllegalArgumentException.class, () -> Ppmi.compute(2, 1, new int[] {0, 2}, new int[] {0, 0}, rank,
                PpmiConfig.DEFAULTS, 1, Progress.NONE, Termination.NONE), "item out of range");
        assertThrows(IllegalArgumentException.class, () -> Ppmi.compute(2, 1, new int[] {0, 1}, new int[] {0, 0},
                new int[] {1, 1}, PpmiConfig.DEFAULTS, 1, Progress.NONE, Termination.NONE), "not a permutation");
    }

    @Test
    void configParsingAndValidation() {
        assertEquals(RankRule.SQL, RankRule.parse("sql"));
        assertEquals(RankRule.MUTUAL, RankRule.parse("Mutual"));
        assertEquals("sql", RankRule.SQL.configName());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RankRule.parse("symmetric"));
        assertEquals("Invalid value for `rankRule`: 'symmetric' is not one of [sql, mutual]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PpmiConfig(0, 10, RankRule.SQL));
        assertThrows(IllegalArgumentException.class, () -> new PpmiConfig(2, 0, RankRule.SQL));
        assertEquals(new PpmiConfig(2, 2000, RankRule.SQL), PpmiConfig.DEFAULTS);
    }

    @Test
    void selectionKeepsExactlyTheSmallest() {
        Random rnd = new Random(9);
        for (int trial = 0; trial < 200; trial++) {
            int size = 1 + rnd.nextInt(300);
            int offset = rnd.nextInt(5);
            long[] a = new long[offset + size + 3];
            Set<Long> distinct = new LinkedHashSet<>();
            while (distinct.size() < size) {
                distinct.add((long) rnd.nextInt(trial % 2 == 0 ? 1000 : 100_000));
            }
            int q = offset;
            for (long v : distinct) {
                a[q++] = v;
            }
            int k = 1 + rnd.nextInt(size);
            Ppmi.selectSmallest(a, offset, offset + size, k);
            long[] head = Arrays.copyOfRange(a, offset, offset + k);
            Arrays.sort(head);
            long[] all = distinct.stream().mapToLong(Long::longValue).sorted().toArray();
            assertArrayEquals(Arrays.copyOf(all, k), head);
        }
    }

    @Test
    void estimateGrowsWithTheData() {
        long small = Ppmi.estimateBytes(1_682, 943, 100_000, PpmiConfig.DEFAULTS);
        long large = Ppmi.estimateBytes(100_000, 50_000, 10_000_000, PpmiConfig.DEFAULTS);
        assertTrue(small > 1_682L * 1_681 * 8, "at least the heads of every pair for MovieLens: " + small);
        assertTrue(small < 1L << 30, "and not absurd: " + small);
        assertTrue(large > small);
    }
}
