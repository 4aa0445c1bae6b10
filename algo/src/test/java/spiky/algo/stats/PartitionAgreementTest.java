package spiky.algo.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** ARI against pair counting over all pairs, NMI against entropies of the joint labeling. */
class PartitionAgreementTest {

    /** ARI from the four pair counts, by looking at every pair of items. */
    private static double ariByPairs(int[] a, int[] b) {
        long same = 0;
        long onlyA = 0;
        long onlyB = 0;
        long neither = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = i + 1; j < a.length; j++) {
                boolean sa = a[i] == a[j];
                boolean sb = b[i] == b[j];
                if (sa && sb) {
                    same++;
                } else if (sa) {
                    onlyA++;
                } else if (sb) {
                    onlyB++;
                } else {
                    neither++;
                }
            }
        }
        double num = 2.0 * ((double) same * neither - (double) onlyA * onlyB);
        double den = (double) (same + onlyA) * (onlyA + neither) + (double) (same + onlyB) * (onlyB + neither);
        return num / den;
    }

    private static double entropy(int[] labels) {
        int[] counts = new int[Arrays.stream(labels).max().orElse(0) + 1];
        for (int l : labels) {
            counts[l]++;
        }
        double h = 0;
        for (int c : counts) {
            if (c > 0) {
                double p = c / (double) labels.length;
                h -= p * Math.log(p);
            }
        }
        return h;
    }

    private static double nmiByEntropies(int[] a, int[] b) {
        int kb = Arrays.stream(b).max().orElse(0) + 1;
        int[] joint = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            joint[i] = a[i] * kb + b[i];
        }
        double ha = entropy(a);
        double hb = entropy(b);
        return (ha + hb - entropy(joint)) / (0.5 * (ha + hb));
    }

    private static int[] random(SplittableRandom r, int n, int k) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = r.nextInt(k);
        }
        return out;
    }

    @Test
    void agreeWithIndependentComputationsOnRandomAndRelatedLabelings() {
        SplittableRandom r = new SplittableRandom(7);
        for (int round = 0; round < 30; round++) {
            int n = 20 + r.nextInt(300);
            int[] a = random(r, n, 1 + r.nextInt(8));
            int[] b = a.clone();
            for (int i = 0; i < n; i++) {
                if (r.nextDouble() < 0.3) {
                    b[i] = r.nextInt(6); // noisy copy: neither identical nor independent
                }
            }
            int[] denseA = Labels.dense(Arrays.stream(a).boxed().toList());
            int[] denseB = Labels.dense(Arrays.stream(b).boxed().toList());
            if (entropy(denseA) == 0 || entropy(denseB) == 0) {
                continue;
            }
            assertEquals(ariByPairs(denseA, denseB), PartitionAgreement.adjustedRandIndex(denseA, denseB), 1e-12, "round " + round);
            assertEquals(nmiByEntropies(denseA, denseB), PartitionAgreement.normalizedMutualInformation(denseA, denseB), 1e-12,
                    "round " + round);
        }
    }

    @Test
    void knownValues() {
        // Renaming the groups changes nothing.
        int[] a = {0, 0, 1, 1, 2, 2};
        int[] renamed = {2, 2, 0, 0, 1, 1};
        assertEquals(1.0, PartitionAgreement.adjustedRandIndex(a, renamed), 1e-15);
        assertEquals(1.0, PartitionAgreement.normalizedMutualInformation(a, renamed), 1e-15);
        // Splitting one of two groups: ARI = 4/7 (pairs: 1 together in both, 1 only in a, 4 in neither).
        assertEquals(4.0 / 7.0, PartitionAgreement.adjustedRandIndex(new int[] {0, 0, 1, 1}, new int[] {0, 0, 1, 2}), 1e-15);
        // Degenerate partitions.
        assertEquals(1.0, PartitionAgreement.adjustedRandIndex(new int[] {0, 0, 0}, new int[] {0, 0, 0}));
        assertEquals(1.0, PartitionAgreement.adjustedRandIndex(new int[] {0, 1, 2}, new int[] {2, 1, 0}));
        assertEquals(1.0, PartitionAgreement.normalizedMutualInformation(new int[] {0, 0, 0}, new int[] {1, 1, 1}));
        assertEquals(0.0, PartitionAgreement.normalizedMutualInformation(new int[] {0, 0, 0}, new int[] {0, 1, 2}));
        // Independent labelings of many items: both near 0.
        SplittableRandom r = new SplittableRandom(3);
        int[] x = random(r, 20_000, 5);
        int[] y = random(r, 20_000, 5);
        assertTrue(Math.abs(PartitionAgreement.adjustedRandIndex(x, y)) < 0.01);
        assertTrue(PartitionAgreement.normalizedMutualInformation(x, y) < 0.01);
    }

    @Test
    void labelsOfAnyKindWithNullAsAGroupOfItsOwn() {
        assertEquals(List.of(0, 0, 1, 2, 1, 2), Arrays.stream(Labels.dense(Arrays.asList("x", "x", null, 3L, null, 3.0))).boxed().toList());
        assertThrows(IllegalArgumentException.class, () -> PartitionAgreement.adjustedRandIndex(new int[] {0}, new int[] {0, 1}));
    }
}
