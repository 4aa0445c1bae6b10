package spiky.importer;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes spiky's csv interchange ({@code item,context,timestamp}, which {@link CsvReader} reads)
 * or its planted-truth file ({@code item,community,theta}, which {@link TruthFileReader} reads),
 * gzip when the name ends in {@code .gz}. Rows are encoded into a byte buffer without a String per
 * row, so that generated files of tens of millions of rows cost no garbage. The file appears
 * under its name only when {@link #commit()} is called; until then it is written beside it
 * ({@code name.partial}) and {@link #close()} without a commit removes it.
 */
public final class InterchangeWriter implements Closeable {
    private final Path target;
    private final Path partial;
    private final OutputStream out;
    private final byte[] row = new byte[128];
    private boolean committed;

    private InterchangeWriter(Path target, String header) throws IOException {
        this.target = target;
        this.partial = target.resolveSibling(target.getFileName() + ".partial");
        OutputStream file = Files.newOutputStream(partial);
        // Level 1: a generated file is written once and read once; level 6 is three times slower for ~20 % less.
        OutputStream raw = target.getFileName().toString().endsWith(".gz")
                ? new GZIPOutputStream(file, 1 << 16) {
                    {
                        def.setLevel(Deflater.BEST_SPEED);
                    }
                }
                : file;
        this.out = new BufferedOutputStream(raw, 1 << 16);
        out.write((header + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    /** A writer of interaction rows {@code item,context,timestamp}. */
    public static InterchangeWriter interactions(Path target) throws IOException {
        return new InterchangeWriter(target, "item,context,timestamp");
    }

    /** A writer of planted-truth rows {@code item,community,theta}. */
    public static InterchangeWriter truth(Path target) throws IOException {
        return new InterchangeWriter(target, "item,community,theta");
    }

    /** One interaction of numeric item and context ids. */
    public void interaction(long item, long context, long timestamp) {
        int n = digits(item, 0);
        row[n++] = ',';
        n = digits(context, n);
        row[n++] = ',';
        n = digits(timestamp, n);
        row[n++] = '\n';
        emit(n);
    }

    /** One interaction of textual ids, which must not hold a comma, a quote or a line break. */
    public void interaction(String item, String context, long timestamp) {
        byte[] text = (item + "," + context + ",").getBytes(StandardCharsets.UTF_8);
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int n = digits(timestamp, 0);
        row[n++] = '\n';
        emit(n);
    }

    /** One item's truth: its community and θ (written with all the digits Java's shortest repr needs). */
    public void truth(String item, int community, double theta) {
        byte[] text = (item + "," + community + "," + theta + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void emit(int n) {
        try {
            out.write(row, 0, n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private int digits(long value, int at) {
        if (value < 0) {
            row[at++] = '-';
            value = -value;
        }
        int start = at;
        do {
            row[at++] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value > 0);
        for (int i = start, j = at - 1; i < j; i++, j--) {
            byte t = row[i];
            row[i] = row[j];
            row[j] = t;
        }
        return at;
    }

    /** Finishes the file and moves it under its name (replacing a file there). */
    public void commit() throws IOException {
        out.close();
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            try {
                out.close();
            } finally {
                Files.deleteIfExists(partial);
            }
        }
    }
}
