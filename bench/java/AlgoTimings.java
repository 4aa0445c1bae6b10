import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;
import java.util.SplittableRandom;
import spiky.Progress;
import spiky.algo.Termination;
import spiky.algo.linalg.CsrMatrix;
import spiky.algo.linalg.DenseBlock;
import spiky.algo.ppmi.Ppmi;
import spiky.algo.ppmi.PpmiConfig;
import spiky.algo.ppmi.PpmiResult;
import spiky.algo.spikes.SpikeCover;
import spiky.algo.spikes.SpikeLevel;
import spiky.algo.svd.SvdConfig;
import spiky.algo.svd.SvdMethod;
import spiky.algo.svd.SvdResult;
import spiky.algo.svd.TruncatedSvd;
import spiky.data.IdType;
import spiky.data.Interactions;
import spiky.data.InteractionsBuilder;

/**
 * Times Ppmi.compute and SpikeCover.level on fixed inputs and prints a digest of each result, so
 * that two builds (say main and a branch that moved the code) can be compared A/B: same digest =
 * bit-identical output; times are medians of RUNS after one warm-up in the same JVM. Run by bench/ab.sh.
 *
 * usage: java -cp CLASSES AlgoTimings.java ppmi NAME FILE RUNS CONCURRENCY
 *        java -cp CLASSES:JARS AlgoTimings.java svd-METHOD NAME FILE RUNS CONCURRENCY   (rank 128 on that PPMI matrix)
 *        java -cp CLASSES AlgoTimings.java spk GENERATOR N RUNS CONCURRENCY
 * FILE: ml-100k's u.data, ml-latest-small's ratings.csv or hetrec2011-lastfm-2k's user_artists.dat; with
 * NAME dcbm-ITEMS, a generated DCBM of ITEMS items and contexts instead (FILE ignored).
 * GENERATOR: planted (1,000 directions, Zipf popularity, heavy-tailed norms), few (8 tight
 * directions), gaussian (i.i.d. N(0, 1)); f' = 128, cosTheta 0.9, rho 0.5, seed 20231.
 */
public class AlgoTimings {
    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[3]);
        int concurrency = Integer.parseInt(args[4]);
        if (args[0].equals("ppmi")) {
            ppmi(args[1], Path.of(args[2]), runs, concurrency);
        } else if (args[0].startsWith("svd-")) {
            svd(SvdMethod.parse(args[0].substring(4)), args[1], Path.of(args[2]), runs, concurrency);
        } else {
            spk(args[1], Integer.parseInt(args[2]), runs, concurrency);
        }
    }

    static void ppmi(String name, Path file, int runs, int concurrency) throws Exception {
        PpmiResult[] last = new PpmiResult[1];
        double[] t = time(ppmiOf(name, file, concurrency, last), runs);
        CsrMatrix m = last[0].matrix();
        long h = 1469598103934665603L;
        for (int r = 0; r < m.rows(); r++) {
            h = mix(h, last[0].items()[r]);
            for (long p = m.rowStart(r); p < m.rowEnd(r); p++) {
                h = mix(h, m.column(p));
                h = mix(h, Double.doubleToLongBits(m.value(p)));
                h = mix(h, last[0].counts().get(p));
            }
        }
        report("ppmi " + name, t, String.format(Locale.ROOT, "%016x n=%d nnz=%d", h, m.rows(), m.nnz()));
    }

    static void svd(SvdMethod method, String name, Path file, int runs, int concurrency) throws Exception {
        PpmiResult[] ppmi = new PpmiResult[1];
        ppmiOf(name, file, concurrency, ppmi).run();
        SvdResult[] last = new SvdResult[1];
        double[] t = time(() -> last[0] = TruncatedSvd.compute(ppmi[0].matrix(), new SvdConfig(128, 10, 7, 42, method), concurrency,
                Progress.NONE, Termination.NONE), runs);
        long h = 1469598103934665603L;
        for (double v : last[0].singularValues()) {
            h = mix(h, Double.doubleToLongBits(v));
        }
        for (double v : last[0].u().data()) {
            h = mix(h, Double.doubleToLongBits(v));
        }
        report("svd " + method.configName() + " " + name, t, String.format(Locale.ROOT, "%016x", h));
    }

    /** A run of Ppmi.compute with the defaults on a dataset file, its result into out[0]. */
    static Runnable ppmiOf(String name, Path file, int concurrency, PpmiResult[] out) throws Exception {
        if (name.startsWith("dcbm-")) {
            // A generated DCBM of ITEMS items and as many contexts of 10–50 items (the generator's
            // other defaults, seed 42), as bench/krylov-basis.sh generates; FILE is ignored.
            int items = Integer.parseInt(name.substring(5));
            Interactions data = new spiky.algo.dcbm.DcbmGenerator(new spiky.algo.dcbm.DcbmConfig(spiky.algo.dcbm.DcbmConfig.DEFAULT_COMMUNITIES,
                    items, items, spiky.algo.dcbm.DcbmConfig.DEFAULT_MIX, spiky.algo.dcbm.DcbmConfig.DEFAULT_EXPONENT,
                    spiky.algo.dcbm.DcbmConfig.DEFAULT_THETA_MIN, 10, 50, spiky.algo.dcbm.DcbmConfig.DEFAULT_SEED), Progress.NONE)
                    .generate().interactions();
            int[] keyRank = keyRank(data.itemKeys(), IdType.allIntegers(data.itemKeys()));
            return () -> out[0] = Ppmi.compute(data.itemCount(), data.contextCount(), data.itemOf(), data.contextOf(), keyRank,
                    PpmiConfig.DEFAULTS, concurrency, Progress.NONE, Termination.NONE);
        }
        InteractionsBuilder builder = new InteractionsBuilder();
        try (BufferedReader r = Files.newBufferedReader(file)) {
            String line;
            boolean first = true;
            while ((line = r.readLine()) != null) {
                String[] f = line.split(name.equals("ml-latest-small") ? "," : "\t");
                if (first && !name.equals("ml-100k")) {
                    first = false; // header
                    continue;
                }
                first = false;
                if (f.length < 2) {
                    continue;
                }
                // item = movie / artist, context = user
                builder.add(f[1].trim(), f[0].trim(), InteractionsBuilder.NO_TIMESTAMP, Double.NaN);
            }
        }
        Interactions data = builder.build();
        int[] keyRank = keyRank(data.itemKeys(), IdType.allIntegers(data.itemKeys()));
        return () -> out[0] = Ppmi.compute(data.itemCount(), data.contextCount(), data.itemOf(), data.contextOf(), keyRank,
                PpmiConfig.DEFAULTS, concurrency, Progress.NONE, Termination.NONE);
    }

    static void spk(String generator, int n, int runs, int concurrency) {
        int f = 128;
        DenseBlock e = generate(generator, n, f, 20231);
        SpikeLevel[] last = new SpikeLevel[1];
        double[] t = time(() -> last[0] = SpikeCover.level(e, f, 0.9, 0.5, concurrency, Progress.NONE, Termination.NONE), runs);
        long h = 1469598103934665603L;
        for (int s : last[0].spikeOf()) {
            h = mix(h, s);
        }
        for (int p : last[0].peakItems()) {
            h = mix(h, p);
        }
        for (int c : last[0].coveredAfter()) {
            h = mix(h, c);
        }
        report("spk " + generator + " " + n, t, String.format(Locale.ROOT, "%016x peaks=%d", h, last[0].peaks()));
    }

    static DenseBlock generate(String generator, int n, int f, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = new double[n * f];
        if (generator.equals("gaussian")) {
            for (int i = 0; i < x.length; i++) {
                x[i] = gauss(rnd);
            }
            return new DenseBlock(n, f, x);
        }
        int k = generator.equals("few") ? 8 : 1000;
        double spread = generator.equals("few") ? 0.02 : 0.15;
        double[] dir = new double[k * f];
        for (int i = 0; i < dir.length; i++) {
            dir[i] = gauss(rnd);
        }
        double[] zipf = new double[k];
        double total = 0;
        for (int c = 0; c < k; c++) {
            total += zipf[c] = 1.0 / (c + 1);
        }
        for (int i = 0; i < n; i++) {
            double u = rnd.nextDouble() * total;
            int c = 0;
            while (c < k - 1 && (u -= zipf[c]) > 0) {
                c++;
            }
            double itemSpread = spread * (0.5 + rnd.nextDouble());
            double norm = Math.pow(1 - rnd.nextDouble(), -1 / 1.5); // heavy-tailed norms
            double s = 0;
            for (int j = 0; j < f; j++) {
                double v = dir[c * f + j] / Math.sqrt(f) + itemSpread * gauss(rnd) / Math.sqrt(f);
                x[i * f + j] = v;
                s += v * v;
            }
            double scale = norm / Math.sqrt(s);
            for (int j = 0; j < f; j++) {
                x[i * f + j] *= scale;
            }
        }
        return new DenseBlock(n, f, x);
    }

    static double gauss(SplittableRandom rnd) {
        double u = 1 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** CPU seconds of the last {@link #time} runs, all threads of the process: far less sensitive than wall time to other jobs. */
    static double[] cpu;

    static double[] time(Runnable body, int runs) {
        body.run(); // warm-up
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        double[] t = new double[runs];
        cpu = new double[runs];
        for (int r = 0; r < runs; r++) {
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            body.run();
            t[r] = (System.nanoTime() - t0) / 1e9;
            cpu[r] = (os.getProcessCpuTime() - c0) / 1e9;
        }
        return t;
    }

    static void report(String what, double[] t, String digest) {
        StringBuilder runs = new StringBuilder();
        for (double x : t) {
            runs.append(runs.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.3f", x));
        }
        System.out.printf(Locale.ROOT, "%s\tmedian %.3f s\truns %s\tdigest %s\tcpu median %.3f s%n", what, median(t), runs, digest,
                median(cpu));
    }

    static double median(double[] t) {
        double[] s = t.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    static long mix(long h, long v) {
        h ^= v;
        h *= 1099511628211L;
        return h ^ (h >>> 29);
    }

    static int[] keyRank(String[] keys, boolean numeric) {
        Integer[] order = new Integer[keys.length];
        for (int i = 0; i < keys.length; i++) {
            order[i] = i;
        }
        Comparator<Integer> byKey = numeric ? Comparator.comparingLong(i -> Long.parseLong(keys[i])) : Comparator.comparing(i -> keys[i]);
        Arrays.sort(order, byKey);
        int[] rank = new int[keys.length];
        for (int r = 0; r < keys.length; r++) {
            rank[order[r]] = r;
        }
        return rank;
    }
}
