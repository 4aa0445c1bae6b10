import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import spiky.Progress;
import spiky.algo.HeapMeter;
import spiky.algo.Termination;
import spiky.algo.linalg.CsrMatrix;
import spiky.algo.linalg.PagedDoubleArray;
import spiky.algo.linalg.PagedIntArray;
import spiky.algo.svd.SvdConfig;
import spiky.algo.svd.SvdMethod;
import spiky.algo.svd.SvdResult;
import spiky.algo.svd.TruncatedSvd;

/**
 * spiky's side of the SVD benchmark: reads the same Matrix Market file as svd_reference.py and
 * times TruncatedSvd (each method, RUNS runs) at the same rank, oversampling 10 and 7 power
 * iterations, and the peak heap of the computation (JVM-wide, the matrix A included). Prints one
 * JSON object. Run by bench/svd.sh.
 *
 * usage: java -cp ... SvdBench.java MATRIX.mtx RANK RUNS CONCURRENCY
 */
public class SvdBench {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int rank = Integer.parseInt(args[1]);
        int runs = Integer.parseInt(args[2]);
        int concurrency = Integer.parseInt(args[3]);
        CsrMatrix a = read(file);
        StringBuilder json = new StringBuilder("{\"n\": " + a.rows() + ", \"nnz\": " + a.nnz());
        for (SvdMethod method : SvdMethod.values()) {
            List<Double> seconds = new ArrayList<>();
            SvdResult last = null;
            long peak = 0;
            for (int r = 0; r < runs; r++) {
                HeapMeter.reset();
                long t = System.nanoTime();
                last = TruncatedSvd.compute(a, new SvdConfig(rank, 10, 7, 42 + r, method), concurrency, Progress.NONE, Termination.NONE);
                seconds.add((System.nanoTime() - t) / 1e9);
                peak = Math.max(peak, HeapMeter.peakBytes());
            }
            json.append(", \"").append(method.configName()).append("\": {\"seconds\": ").append(seconds)
                    .append(", \"matrixProducts\": ").append(last.matrixProducts())
                    .append(", \"peakHeapMiB\": ").append(peak >> 20).append(", \"sigma\": [");
            double[] s = last.singularValues();
            for (int i = 0; i < s.length; i++) {
                json.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.17g", s[i]));
            }
            json.append("]}");
        }
        System.out.println(json.append('}'));
    }

    /** A 'coordinate real symmetric' Matrix Market file (lower triangle) as a full CSR matrix. */
    static CsrMatrix read(Path file) throws Exception {
        try (BufferedReader r = Files.newBufferedReader(file)) {
            String line = r.readLine();
            if (!line.startsWith("%%MatrixMarket matrix coordinate real symmetric")) {
                throw new IllegalArgumentException(file + ": not a symmetric coordinate Matrix Market file");
            }
            while ((line = r.readLine()).startsWith("%")) {
                // comments
            }
            String[] size = line.trim().split("\\s+");
            int n = Integer.parseInt(size[0]);
            int entries = Integer.parseInt(size[2]);
            int[] row = new int[entries];
            int[] col = new int[entries];
            double[] val = new double[entries];
            long[] degree = new long[n + 1];
            for (int k = 0; k < entries; k++) {
                String[] p = r.readLine().trim().split("\\s+");
                row[k] = Integer.parseInt(p[0]) - 1;
                col[k] = Integer.parseInt(p[1]) - 1;
                val[k] = Double.parseDouble(p[2]);
                degree[row[k] + 1]++;
                if (row[k] != col[k]) {
                    degree[col[k] + 1]++;
                }
            }
            long[] offsets = new long[n + 1];
            for (int i = 0; i < n; i++) {
                offsets[i + 1] = offsets[i] + degree[i + 1];
            }
            long[] next = offsets.clone();
            PagedIntArray cols = new PagedIntArray(offsets[n]);
            PagedDoubleArray vals = new PagedDoubleArray(offsets[n]);
            for (int k = 0; k < entries; k++) {
                cols.set(next[row[k]], col[k]);
                vals.set(next[row[k]]++, val[k]);
                if (row[k] != col[k]) {
                    cols.set(next[col[k]], row[k]);
                    vals.set(next[col[k]]++, val[k]);
                }
            }
            // Columns ascending within each row.
            for (int i = 0; i < n; i++) {
                int len = (int) (offsets[i + 1] - offsets[i]);
                long[] packed = new long[len];
                for (int j = 0; j < len; j++) {
                    long p = offsets[i] + j;
                    packed[j] = ((long) cols.get(p) << 32) | j;
                }
                java.util.Arrays.sort(packed);
                double[] v = new double[len];
                for (int j = 0; j < len; j++) {
                    v[j] = vals.get(offsets[i] + (int) packed[j]);
                }
                for (int j = 0; j < len; j++) {
                    cols.set(offsets[i] + j, (int) (packed[j] >>> 32));
                    vals.set(offsets[i] + j, v[j]);
                }
            }
            return new CsrMatrix(n, n, offsets, cols, vals);
        }
    }
}
