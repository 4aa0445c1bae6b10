package spiky.algo;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import spiky.Progress;
import spiky.algo.dcbm.DcbmConfig;
import spiky.algo.dcbm.DcbmGenerator;
import spiky.algo.linalg.DenseBlock;
import spiky.algo.pipeline.Pipeline;
import spiky.algo.ppmi.HeadCounts;
import spiky.algo.ppmi.Ppmi;
import spiky.algo.ppmi.PpmiConfig;
import spiky.algo.ppmi.PpmiResult;
import spiky.algo.spikes.SpikeConfig;
import spiky.algo.spikes.SpikeCover;
import spiky.algo.svd.Embeddings;
import spiky.algo.svd.SvdConfig;
import spiky.algo.svd.SvdMethod;
import spiky.algo.svd.SvdResult;
import spiky.algo.svd.TruncatedSvd;
import spiky.data.Interactions;

/**
 * Runs each pipeline stage alone in a heap that has exactly a given number of bytes free, to see
 * whether it fits: the measurement behind {@link MemoryEstimateTest}, in a JVM of its own started
 * with {@code -XX:+UseSerialGC -Xmn2m -XX:-UseGCOverheadLimit}.
 *
 * <p>How it measures. The stage's inputs (the previous stage's output) are live; everything else
 * is collected (System.gc(), which the serial collector honours with a full, compacting
 * collection). Ballast (byte arrays) then fills the old generation until exactly {@code free}
 * bytes of it are left, and the stage runs. The stage fits if it completes; it does not if it
 * throws OutOfMemoryError. This is the stage's true need, live data only: garbage never makes it
 * fail, because the collector reclaims all garbage before it gives up. The young generation
 * (2 MiB, so that what it holds beside the old generation is small) is the only slack. With
 * {@code free} = the estimate, a stage that completes shows estimate ≥ need − 2 MiB; with
 * {@code free} = estimate / 2, an OutOfMemoryError shows estimate &lt; 2 × need.
 *
 * <p>usage: StageHeapProbe SHAPE [FRACTION...] — with fractions, one line per stage and fraction:
 * {@code stage fraction estimate fits|oom}; without, the bisection of {@link #search}. SHAPE is
 * one of the test's shapes or {@code dcbm:ITEMS,CONTEXTS,MINLENGTH,MAXLENGTH}. The system property
 * {@code probe.threads} sets the concurrency (default 2); {@code probe.last=ppmi} stops after the PPMI;
 * {@code probe.only=STAGE} measures that stage alone (the stages before it run once, unmeasured,
 * for its input; those after it do not run).
 */
public final class StageHeapProbe {
    private static final int THREADS = Integer.getInteger("probe.threads", 2);
    private static final String ONLY = System.getProperty("probe.only");
    private static final List<byte[]> ballast = new ArrayList<>();
    private static boolean quiet;

    private StageHeapProbe() {}

    /** The shapes the test covers: seeded generated data small enough for a test, large enough to measure. */
    static Interactions shape(String name) {
        if (name.startsWith("dcbm:")) {
            // dcbm:ITEMS,CONTEXTS,MINLENGTH,MAXLENGTH: the generator's defaults otherwise (K = 8, seed 42), as
            // `spiky generate -c items=... -c contexts=... -c minLength=... -c maxLength=...` (bench/memory.sh).
            String[] v = name.substring(5).split(",");
            DcbmConfig c = new DcbmConfig(DcbmConfig.DEFAULT_COMMUNITIES, Integer.parseInt(v[0]), Integer.parseInt(v[1]),
                    DcbmConfig.DEFAULT_MIX, DcbmConfig.DEFAULT_EXPONENT, DcbmConfig.DEFAULT_THETA_MIN, Integer.parseInt(v[2]),
                    Integer.parseInt(v[3]), DcbmConfig.DEFAULT_SEED);
            return new DcbmGenerator(c, Progress.NONE).generate().interactions();
        }
        DcbmConfig c = switch (name) {
            // MovieLens-like: few items, long contexts, nearly every pair co-occurs (n·(n − 1) binds).
            case "dense" -> new DcbmConfig(4, 1_500, 1_200, 0.3, 2.5, 1.0, 60, 240, 7);
            // Many items, short contexts: most pairs co-occur once and fall to minCount.
            case "sparse" -> new DcbmConfig(16, 60_000, 60_000, 0.1, 2.0, 1.0, 4, 12, 11);
            // Heavy-tailed popularity: a few items co-occur with almost everything, the topK cut binds.
            case "skewed" -> new DcbmConfig(8, 12_000, 8_000, 0.2, 1.05, 1.0, 10, 80, 13);
            default -> throw new IllegalArgumentException("unknown shape " + name);
        };
        return new DcbmGenerator(c, Progress.NONE).generate().interactions();
    }

    public static void main(String[] args) {
        // Warm-up: the stages once on a small DCBM, so that the classes they use are loaded and
        // initialised (static tables, lambda forms: about 1–2 MiB of heap, once per JVM) before any
        // measure. The measure is then the stage's need for its data, which is what the estimates model.
        run(shape("dcbm:2000,5000,10,50"), new double[] {2.0}, false);
        run(shape(args[0]), fractionsOf(args), true);
    }

    private static double[] fractionsOf(String[] args) {
        double[] fractions = new double[args.length - 1];
        for (int i = 1; i < args.length; i++) {
            fractions[i - 1] = Double.parseDouble(args[i]);
        }
        return fractions;
    }

    private static void run(Interactions d, double[] fractions, boolean print) {
        quiet = !print;
        int n = d.itemCount();
        int contexts = d.contextCount();
        int[] itemOf = d.itemOf();
        int[] contextOf = d.contextOf();
        // Key order as the database's read gives it (DatasetReader.keyRank): the generator's keys are integers.
        Integer[] byKey = new Integer[n];
        for (int i = 0; i < n; i++) {
            byKey[i] = i;
        }
        String[] keys = d.itemKeys();
        java.util.Arrays.sort(byKey, java.util.Comparator.comparingLong(i -> Long.parseLong(keys[i])));
        int[] keyRank = new int[n];
        for (int r = 0; r < n; r++) {
            keyRank[byKey[r]] = r;
        }
        PpmiConfig pc = PpmiConfig.DEFAULTS;
        // The estimate as Pipeline.run has it: pass 0's counts on the prepared incidence, then dropped.
        Ppmi.Prepared sizing = Ppmi.prepare(n, contexts, itemOf, contextOf, keyRank);
        HeadCounts counts = sizing.count(pc, THREADS, Progress.NONE, Termination.NONE);
        long ppmiEstimate = sizing.stageBytes(counts, pc, THREADS);
        sizing = null;
        PpmiResult ppmi = probe("ppmi", ppmiEstimate, fractions, () -> {
            Ppmi.Prepared p = Ppmi.prepare(n, contexts, itemOf, contextOf, keyRank);
            HeadCounts h = p.count(pc, THREADS, Progress.NONE, Termination.NONE);
            return p.compute(pc, THREADS, Progress.NONE, Termination.NONE);
        });
        print("# n=" + n + " contexts=" + contexts + " interactions=" + itemOf.length + " kept=" + ppmi.size()
                + " nnz=" + ppmi.nnz() + " heads=" + counts.headEntries() + " entryBound=" + counts.entryBound());
        if (print && "ppmi".equals(System.getProperty("probe.last"))) {
            return;
        }

        SvdConfig krylov = SvdConfig.DEFAULTS.withMethod(SvdMethod.BLOCK_KRYLOV);
        SvdConfig randomized = SvdConfig.DEFAULTS.withMethod(SvdMethod.RANDOMIZED);
        if (!print || ONLY == null || ONLY.equals("svd-randomized")) {
            probe("svd-randomized", TruncatedSvd.estimateBytes(ppmi.size(), ppmi.nnz(), randomized), fractions,
                    () -> TruncatedSvd.compute(ppmi.matrix(), randomized, THREADS, Progress.NONE, Termination.NONE));
        }
        SvdResult svd = probe("svd-block-krylov", TruncatedSvd.estimateBytes(ppmi.size(), ppmi.nnz(), krylov), fractions,
                () -> TruncatedSvd.compute(ppmi.matrix(), krylov, THREADS, Progress.NONE, Termination.NONE));
        if (print && ONLY != null && ONLY.startsWith("svd-")) {
            return;
        }

        DenseBlock e = probe("embed", Embeddings.estimateBytes(svd.u().rows(), svd.u().cols()), fractions, () -> {
            DenseBlock x = Embeddings.scale(svd.u(), svd.singularValues(), 1.0);
            Pipeline.rowNorms(x);
            return x;
        });
        SpikeConfig sc = SpikeConfig.DEFAULTS;
        int maxF = sc.dims().stream().mapToInt(Integer::intValue).max().orElse(e.cols());
        probe("spikes", SpikeCover.estimateBytes(e.rows(), maxF), fractions,
                () -> SpikeCover.compute(e, sc, THREADS, Progress.NONE, Termination.NONE));
    }

    /** Runs the stage once per fraction with that fraction of its estimate free; returns the last result. */
    private static <T> T probe(String stage, long estimate, double[] fractions, Supplier<T> run) {
        if (!quiet && ONLY != null && !ONLY.equals(stage)) {
            return run.get();
        }
        if (fractions.length == 0) {
            return search(stage, estimate, run);
        }
        T last = null;
        for (double fraction : fractions) {
            long free = (long) (fraction * estimate);
            leaveFree(free);
            String outcome;
            try {
                last = run.get();
                outcome = "fits";
            } catch (RuntimeException | OutOfMemoryError e) {
                if (!outOfMemory(e)) {
                    throw e;
                }
                outcome = "oom";
            }
            ballast.clear();
            print(String.format(Locale.ROOT, "%s %.3f %d %s", stage, fraction, estimate, outcome));
        }
        ballast.clear();
        System.gc();
        return last;
    }

    /**
     * Without fractions: the smallest free heap the stage runs in, by bisection between 0 and 2× the
     * estimate to 1/128 of the estimate; prints {@code stage need estimate estimate/need}.
     */
    private static <T> T search(String stage, long estimate, Supplier<T> run) {
        long lo = 0;
        long hi = 2 * estimate;
        T last = attempt(hi, run);
        if (last == null) {
            print(stage + " need>" + hi + " estimate=" + estimate);
            return null;
        }
        while (hi - lo > Math.max(4096, estimate / 128)) {
            long mid = (lo + hi) >>> 1;
            T r = attempt(mid, run);
            if (r == null) {
                lo = mid;
            } else {
                hi = mid;
                last = r;
            }
        }
        print(String.format(Locale.ROOT, "%s need=%d estimate=%d ratio=%.3f", stage, hi, estimate, estimate / (double) hi));
        return last;
    }

    private static <T> T attempt(long free, Supplier<T> run) {
        leaveFree(free);
        try {
            return run.get();
        } catch (RuntimeException | OutOfMemoryError e) {
            if (!outOfMemory(e)) {
                throw e;
            }
            return null;
        } finally {
            ballast.clear();
            System.gc();
        }
    }

    private static void print(String line) {
        if (!quiet) {
            System.out.println(line);
        }
    }

    private static boolean outOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    /** Fills the old generation with ballast until {@code free} bytes of it are left (to 4 KiB). */
    private static void leaveFree(long free) {
        MemoryPoolMXBean old = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getName().equals("Tenured Gen"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("run with -XX:+UseSerialGC"));
        ballast.clear();
        for (int round = 0; round < 256; round++) {
            System.gc();
            long left = old.getUsage().getMax() - old.getUsage().getUsed();
            long excess = left - free;
            if (Math.abs(excess) <= 4096) {
                return;
            }
            if (excess < 0) {
                if (ballast.isEmpty()) {
                    throw new IllegalStateException("the heap has only " + left + " bytes free, " + free + " asked: raise -Xmx");
                }
                ballast.remove(ballast.size() - 1);
                continue;
            }
            // Arrays above the young generation's size go straight to the old one.
            long chunk = Math.min(excess, 1L << 30);
            ballast.add(new byte[(int) Math.max(0, chunk - 16)]);
        }
        throw new IllegalStateException("could not leave " + free + " bytes free");
    }
}
