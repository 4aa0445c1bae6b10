package spiky.algo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import spiky.Progress;
import spiky.algo.linalg.CsrMatrix;
import spiky.algo.linalg.DenseBlock;
import spiky.algo.ppmi.Ppmi;
import spiky.algo.ppmi.PpmiConfig;
import spiky.algo.ppmi.PpmiResult;
import spiky.algo.ppmi.RankRule;
import spiky.algo.spikes.SpikeCover;
import spiky.algo.spikes.SpikeLevel;
import spiky.algo.svd.SvdConfig;
import spiky.algo.svd.SvdMethod;
import spiky.algo.svd.SvdResult;
import spiky.algo.svd.TruncatedSvd;

/**
 * Seeded inputs that take every route of SpikeCover (rows only, panel, grouped panel with cones;
 * one and two threads) and of Ppmi (both rank rules, cut and uncut lists, dense and sparse rows),
 * and a digest of every output bit. {@link SavedRunsTest} compares the digests with those of a
 * saved run of the code before it was split into phases; {@code main} prints them, so the saved
 * values can be made again from any build:
 * {@code java -cp algo/target/classes algo/src/test/java/spiky/algo/SavedRuns.java}.
 */
public final class SavedRuns {
    private SavedRuns() {}

    /** The last matrix {@link #ppmiDigests} made (mutual, topK 2000): the input of {@link #svdDigests}. */
    private static PpmiResult lastPpmi;

    /** label → digest of SpikeCover.level's spikeOf, peaks and coverage curve. */
    public static List<String> spikeDigests() {
        List<String> out = new ArrayList<>();
        for (String g : new String[] {"few", "gaussian", "planted"}) {
            int n = g.equals("gaussian") ? 3000 : 20000;
            DenseBlock e = embeddings(g, n, 72, 20231);
            for (int threads : new int[] {1, 2}) {
                for (double cos : new double[] {0.9, 0.5}) {
                    SpikeLevel l = SpikeCover.level(e, 72, cos, 0.8, threads, Progress.NONE, Termination.NONE);
                    long h = 1469598103934665603L;
                    for (int s : l.spikeOf()) {
                        h = mix(h, s);
                    }
                    for (int p : l.peakItems()) {
                        h = mix(h, p);
                    }
                    for (int c : l.coveredAfter()) {
                        h = mix(h, c);
                    }
                    out.add(String.format(Locale.ROOT, "spk %s n=%d cos=%s threads=%d peaks=%d %016x", g, n, cos, threads, l.peaks(), h));
                }
            }
        }
        return out;
    }

    /** label → digest of Ppmi.compute's items, columns, PMI bits and counts. */
    public static List<String> ppmiDigests() {
        List<String> out = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(7);
        int items = 600;
        int contexts = 400;
        List<int[]> pairs = new ArrayList<>();
        boolean[] seen = new boolean[items * contexts];
        for (int x = 0; x < contexts; x++) {
            int length = 2 + rnd.nextInt(x % 10 == 0 ? 300 : 25); // a few long contexts make dense rows
            for (int k = 0; k < length; k++) {
                int i = (int) Math.min(items - 1, Math.floor(items * Math.pow(rnd.nextDouble(), 2))); // popular items first
                if (!seen[i * contexts + x]) {
                    seen[i * contexts + x] = true;
                    pairs.add(new int[] {i, x});
                }
            }
        }
        int[] itemOf = pairs.stream().mapToInt(p -> p[0]).toArray();
        int[] contextOf = pairs.stream().mapToInt(p -> p[1]).toArray();
        int[] keyRank = new int[items];
        for (int i = 0; i < items; i++) {
            keyRank[i] = (i * 7919) % items; // a key order other than the index order (600 and 7919 are coprime)
        }
        for (RankRule rule : RankRule.values()) {
            for (int topK : new int[] {5, 40, 2000}) {
                for (int threads : new int[] {1, 2}) {
                    PpmiResult r = Ppmi.compute(items, contexts, itemOf, contextOf, keyRank, new PpmiConfig(2, topK, rule), threads,
                            Progress.NONE, Termination.NONE);
                    lastPpmi = r;
                    CsrMatrix m = r.matrix();
                    long h = 1469598103934665603L;
                    for (int row = 0; row < m.rows(); row++) {
                        h = mix(h, r.items()[row]);
                        for (long p = m.rowStart(row); p < m.rowEnd(row); p++) {
                            h = mix(h, m.column(p));
                            h = mix(h, Double.doubleToLongBits(m.value(p)));
                            h = mix(h, r.counts().get(p));
                        }
                    }
                    h = mix(mix(mix(mix(h, r.cooccurringPairs()), r.pairsAfterMinCount()), r.pairsAfterRank()), r.pairsPositive());
                    out.add(String.format(Locale.ROOT, "ppmi %s topK=%d threads=%d n=%d nnz=%d %016x", rule.configName(), topK, threads,
                            m.rows(), m.nnz(), h));
                }
            }
        }
        return out;
    }

    /** label → digest of TruncatedSvd.compute's singular values and U, both methods, on a PPMI matrix of {@link #ppmiDigests}' data. */
    public static List<String> svdDigests() {
        List<String> out = new ArrayList<>();
        CsrMatrix a = lastPpmi.matrix();
        for (SvdMethod method : SvdMethod.values()) {
            for (int threads : new int[] {1, 2}) {
                SvdResult r = TruncatedSvd.compute(a, new SvdConfig(16, 10, 3, 42, method), threads, Progress.NONE, Termination.NONE);
                long h = 1469598103934665603L;
                for (double v : r.singularValues()) {
                    h = mix(h, Double.doubleToLongBits(v));
                }
                for (double v : r.u().data()) {
                    h = mix(h, Double.doubleToLongBits(v));
                }
                out.add(String.format(Locale.ROOT, "svd %s threads=%d %016x", method.configName(), threads, h));
            }
        }
        return out;
    }

    /** planted: 300 directions, Zipf popularity, heavy-tailed norms; few: 8 tight directions; gaussian: i.i.d. N(0, 1). */
    static DenseBlock embeddings(String generator, int n, int f, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = new double[n * f];
        if (generator.equals("gaussian")) {
            for (int i = 0; i < x.length; i++) {
                x[i] = gauss(rnd);
            }
            return new DenseBlock(n, f, x);
        }
        int k = generator.equals("few") ? 8 : 300;
        double spread = generator.equals("few") ? 0.02 : 0.3;
        double[] dir = new double[k * f];
        for (int i = 0; i < dir.length; i++) {
            dir[i] = gauss(rnd);
        }
        double total = 0;
        for (int c = 0; c < k; c++) {
            total += 1.0 / (c + 1);
        }
        for (int i = 0; i < n; i++) {
            double u = rnd.nextDouble() * total;
            int c = 0;
            while (c < k - 1 && (u -= 1.0 / (c + 1)) > 0) {
                c++;
            }
            double itemSpread = spread * (0.5 + rnd.nextDouble());
            double norm = Math.pow(1 - rnd.nextDouble(), -1 / 1.5);
            double s = 0;
            for (int j = 0; j < f; j++) {
                double v = dir[c * f + j] + itemSpread * gauss(rnd);
                x[i * f + j] = v;
                s += v * v;
            }
            for (int j = 0; j < f; j++) {
                x[i * f + j] *= norm / Math.sqrt(s);
            }
        }
        return new DenseBlock(n, f, x);
    }

    static double gauss(SplittableRandom rnd) {
        double u = 1 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    static long mix(long h, long v) {
        h ^= v;
        h *= 1099511628211L;
        return h ^ (h >>> 29);
    }

    public static void main(String[] args) {
        spikeDigests().forEach(System.out::println);
        ppmiDigests().forEach(System.out::println);
        svdDigests().forEach(System.out::println);
    }
}
