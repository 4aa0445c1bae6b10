import java.util.Arrays;
import java.util.Comparator;
import spiky.Progress;
import spiky.algo.Termination;
import spiky.algo.dcbm.DcbmConfig;
import spiky.algo.dcbm.DcbmGenerator;
import spiky.algo.ppmi.HeadCounts;
import spiky.algo.ppmi.Ppmi;
import spiky.algo.ppmi.PpmiConfig;
import spiky.data.Interactions;

/**
 * What pass 0 of the PPMI (HeadCounts, the counting that sizes the stage for the memory guard)
 * costs against passes 1–3, on a generated DCBM (defaults but items, contexts, lengths), keys in
 * the database's order. RUNS rounds of prepare + count + compute; prints each and the medians.
 *
 * usage: java -cp algo/target/classes:<commons-math3> bench/java/PpmiCountingCost.java ITEMS CONTEXTS MIN MAX RUNS THREADS
 */
public class PpmiCountingCost {
    public static void main(String[] args) {
        DcbmConfig c = new DcbmConfig(DcbmConfig.DEFAULT_COMMUNITIES, Integer.parseInt(args[0]), Integer.parseInt(args[1]),
                DcbmConfig.DEFAULT_MIX, DcbmConfig.DEFAULT_EXPONENT, DcbmConfig.DEFAULT_THETA_MIN, Integer.parseInt(args[2]),
                Integer.parseInt(args[3]), DcbmConfig.DEFAULT_SEED);
        int runs = Integer.parseInt(args[4]);
        int threads = Integer.parseInt(args[5]);
        Interactions d = new DcbmGenerator(c, Progress.NONE).generate().interactions();
        int n = d.itemCount();
        Integer[] byKey = new Integer[n];
        for (int i = 0; i < n; i++) {
            byKey[i] = i;
        }
        String[] keys = d.itemKeys();
        Arrays.sort(byKey, Comparator.comparingLong(i -> Long.parseLong(keys[i])));
        int[] keyRank = new int[n];
        for (int r = 0; r < n; r++) {
            keyRank[byKey[r]] = r;
        }
        long[] count = new long[runs];
        long[] rest = new long[runs];
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            Ppmi.Prepared p = Ppmi.prepare(n, d.contextCount(), d.itemOf(), d.contextOf(), keyRank);
            long t1 = System.nanoTime();
            HeadCounts h = p.count(PpmiConfig.DEFAULTS, threads, Progress.NONE, Termination.NONE);
            long t2 = System.nanoTime();
            long nnz = p.compute(PpmiConfig.DEFAULTS, threads, Progress.NONE, Termination.NONE).nnz();
            long t3 = System.nanoTime();
            count[r] = (t2 - t1) / 1_000_000;
            rest[r] = (t3 - t2) / 1_000_000;
            System.out.printf("run %d: prepare %d ms, pass 0 %d ms, passes 1-3 %d ms (nnz %d, heads %d)%n", r + 1, (t1 - t0) / 1_000_000,
                    count[r], rest[r], nnz, h.headEntries());
        }
        Arrays.sort(count);
        Arrays.sort(rest);
        System.out.printf("median: pass 0 %d ms, passes 1-3 %d ms%n", count[runs / 2], rest[runs / 2]);
    }
}
