package spiky.graph;

import spiky.algo.linalg.CsrMatrix;
import spiky.algo.ppmi.PpmiResult;

/**
 * A 64-bit fingerprint of a PPMI set as the writer stores it: every pair's two Item nodes, count
 * and weight. Two computations with the same fingerprint wrote (or would write) the same
 * relationships, so a pipeline run whose matrix matches the dataset's current set keeps that set
 * instead of writing and deleting hundreds of thousands of identical relationships. The sum of
 * independently mixed pair hashes does not depend on the order of the pairs.
 */
public final class PpmiDigest {
    private PpmiDigest() {}

    /** The fingerprint of {@code ppmi} over the items of {@code items}; never 0 (0 means "unknown" on a Dataset node). */
    public static long of(DatasetArrays items, PpmiResult ppmi) {
        CsrMatrix m = ppmi.matrix();
        int[] kept = ppmi.items();
        int[] rank = items.keyRank();
        long[] nodes = items.itemNodes();
        long sum = 0;
        for (int a = 0; a < m.rows(); a++) {
            for (long p = m.rowStart(a); p < m.rowEnd(a); p++) {
                int b = m.column(p);
                if (rank[kept[a]] > rank[kept[b]]) {
                    continue; // stored once, from the smaller item key to the larger
                }
                long h = mix(nodes[kept[a]]);
                h = mix(h ^ nodes[kept[b]]);
                h = mix(h ^ ppmi.counts().get(p));
                h = mix(h ^ Double.doubleToLongBits(m.value(p)));
                sum += h;
            }
        }
        return sum == 0 ? 1 : sum;
    }

    /** SplitMix64's finaliser: every input bit flips about half of the output bits. */
    static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
