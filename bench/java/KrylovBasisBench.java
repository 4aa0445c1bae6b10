import java.nio.file.Path;
import java.util.Locale;
import spiky.Progress;
import spiky.algo.Termination;
import spiky.algo.linalg.CsrMatrix;
import spiky.algo.svd.BlockKrylovSvd;
import spiky.algo.svd.SvdConfig;
import spiky.algo.svd.SvdMethod;
import spiky.algo.svd.SvdResult;
import spiky.algo.svd.TruncatedSvd;

/**
 * What a narrower Krylov basis costs in accuracy: block Krylov at each powerIterations q given
 * (the basis has ⌈(q + 7)·k/4⌉ columns), and the randomized method at q = 7, against the widest
 * basis given (the default q = 7 measured within 8e-9 of eigsh on the 100k-item matrix,
 * bench/RESULTS.md), on an exported PPMI matrix: time, the SVD's estimated heap at this n and at
 * the MPD's n, and the largest relative error of the top 64 and of all 128 singular values.
 * When the memory guard proposes a smaller q for a big matrix, this says what it gives up.
 *
 * usage: java -cp ... KrylovBasisBench.java MATRIX.mtx CONCURRENCY Q [Q ...]   (the first Q the reference)
 */
public class KrylovBasisBench {
    public static void main(String[] args) throws Exception {
        CsrMatrix a = SvdBench.read(Path.of(args[0]));
        int concurrency = Integer.parseInt(args[1]);
        System.out.printf(Locale.ROOT, "%s: n %,d, nnz %,d%n", args[0], a.rows(), a.nnz());
        System.out.println("| method | q | basis columns | seconds | estimate here | estimate at n = 2,081,724 | max rel. error top 64 | top 128 |");
        System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        double[] reference = null;
        for (int i = 2; i < args.length + 1; i++) {
            boolean randomized = i == args.length;
            int q = randomized ? 7 : Integer.parseInt(args[i]);
            SvdConfig config = new SvdConfig(128, 10, q, 42, randomized ? SvdMethod.RANDOMIZED : SvdMethod.BLOCK_KRYLOV);
            long t = System.nanoTime();
            SvdResult r = TruncatedSvd.compute(a, config, concurrency, Progress.NONE, Termination.NONE);
            double seconds = (System.nanoTime() - t) / 1e9;
            double[] s = r.singularValues();
            if (reference == null) {
                reference = s;
            }
            BlockKrylovSvd.Plan plan = BlockKrylovSvd.plan(config, a.rows());
            System.out.printf(Locale.ROOT, "| %s | %d | %s | %.1f | %.2f GiB | %.2f GiB | %.2e | %.2e |%n", config.method().configName(), q,
                    randomized ? "-" : String.valueOf((long) plan.blocks() * plan.blockSize()), seconds,
                    TruncatedSvd.estimateBytes(a.rows(), a.nnz(), config) / (double) (1L << 30),
                    TruncatedSvd.estimateBytes(2_081_724, 0, config) / (double) (1L << 30), maxRel(reference, s, 64), maxRel(reference, s, 128));
        }
    }

    static double maxRel(double[] ref, double[] s, int k) {
        double m = 0;
        for (int i = 0; i < k; i++) {
            m = Math.max(m, Math.abs(s[i] - ref[i]) / ref[i]);
        }
        return m;
    }
}
