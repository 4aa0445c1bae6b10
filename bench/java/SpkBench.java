import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import spiky.Progress;
import spiky.algo.Termination;
import spiky.algo.linalg.DenseBlock;
import spiky.algo.spikes.SpikeCover;
import spiky.algo.spikes.SpikeLevel;

/**
 * spiky's side of the Spk benchmark: reads the same float64 .npy as spk_reference.py, runs
 * SpikeCover.level once to warm the JIT, then RUNS timed runs (file loading excluded). Writes the
 * last run's spikeOf as OUT_PREFIX-spikeOf.npy (int32) and prints one JSON object. Run by bench/spk.sh.
 *
 * usage: java -cp ... SpkBench.java EMB.npy FPRIME COS_THETA RHO RUNS CONCURRENCY OUT_PREFIX
 */
public class SpkBench {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int f = Integer.parseInt(args[1]);
        double cosTheta = Double.parseDouble(args[2]);
        double rho = Double.parseDouble(args[3]);
        int runs = Integer.parseInt(args[4]);
        int concurrency = Integer.parseInt(args[5]);
        String out = args[6];
        DenseBlock e = readNpy(file);

        long t0 = System.nanoTime();
        SpikeLevel warm = SpikeCover.level(e, f, cosTheta, rho, concurrency, Progress.NONE, Termination.NONE);
        double warmSeconds = (System.nanoTime() - t0) / 1e9;
        List<Double> seconds = new ArrayList<>();
        SpikeLevel last = warm;
        for (int r = 0; r < runs; r++) {
            long t = System.nanoTime();
            last = SpikeCover.level(e, f, cosTheta, rho, concurrency, Progress.NONE, Termination.NONE);
            seconds.add((System.nanoTime() - t) / 1e9);
            System.err.printf(Locale.ROOT, "spiky %s: %d peaks in %.3f s%n", file, last.peaks(), seconds.get(r));
            if (!Arrays.equals(last.spikeOf(), warm.spikeOf())) {
                throw new IllegalStateException("run " + r + " differs from the warm-up run");
            }
        }
        writeNpyInt32(Path.of(out + "-spikeOf.npy"), last.spikeOf());
        List<Double> sorted = new ArrayList<>(seconds);
        sorted.sort(null);
        int m = sorted.size();
        double median = m % 2 == 1 ? sorted.get(m / 2) : (sorted.get(m / 2 - 1) + sorted.get(m / 2)) / 2;
        System.out.printf(Locale.ROOT,
                "{\"file\": \"%s\", \"n\": %d, \"f\": %d, \"peaks\": %d, \"spk\": %.17g, \"covered\": %d, \"warmup\": %.4f, "
                        + "\"seconds\": %s, \"median\": %.6f, \"concurrency\": %d, \"java\": \"%s\"}%n",
                file, e.rows(), f, last.peaks(), last.spk(), last.covered(), warmSeconds, seconds, median, concurrency,
                System.getProperty("java.version"));
    }

    /** A little-endian float64, C-order, 2-d .npy file. */
    static DenseBlock readNpy(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] magic = in.readNBytes(8);
            if (magic.length < 8 || (magic[0] & 0xff) != 0x93 || magic[1] != 'N') {
                throw new IOException(file + ": not a .npy file");
            }
            int major = magic[6];
            int headerLen;
            if (major == 1) {
                byte[] h = in.readNBytes(2);
                headerLen = (h[0] & 0xff) | (h[1] & 0xff) << 8;
            } else {
                byte[] h = in.readNBytes(4);
                headerLen = ByteBuffer.wrap(h).order(ByteOrder.LITTLE_ENDIAN).getInt();
            }
            String header = new String(in.readNBytes(headerLen), StandardCharsets.ISO_8859_1);
            if (!header.contains("'descr': '<f8'") || !header.contains("'fortran_order': False")) {
                throw new IOException(file + ": expected little-endian float64 in C order, got " + header.trim());
            }
            Matcher s = Pattern.compile("'shape': \\((\\d+), (\\d+)\\)").matcher(header);
            if (!s.find()) {
                throw new IOException(file + ": expected a 2-d array, got " + header.trim());
            }
            int rows = Integer.parseInt(s.group(1));
            int cols = Integer.parseInt(s.group(2));
            double[] data = new double[Math.multiplyExact(rows, cols)];
            byte[] buf = new byte[1 << 20];
            int filled = 0;
            while (filled < data.length) {
                int want = Math.min(buf.length, (data.length - filled) * Double.BYTES);
                int got = in.readNBytes(buf, 0, want);
                if (got != want) {
                    throw new IOException(file + ": truncated");
                }
                ByteBuffer.wrap(buf, 0, got).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().get(data, filled, got / Double.BYTES);
                filled += got / Double.BYTES;
            }
            return new DenseBlock(rows, cols, data);
        }
    }

    /** A 1-d little-endian int32 .npy file (format 1.0). */
    static void writeNpyInt32(Path file, int[] v) throws IOException {
        StringBuilder header = new StringBuilder("{'descr': '<i4', 'fortran_order': False, 'shape': (" + v.length + ",), }");
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + 4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length()).put(header.toString().getBytes(StandardCharsets.US_ASCII));
        for (int x : v) {
            b.putInt(x);
        }
        try (OutputStream o = Files.newOutputStream(file)) {
            o.write(b.array());
        }
    }
}
