package spiky.importer;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import spiky.InvalidInputException;
import spiky.Progress;

/**
 * Opens input files as text. Gzip is recognised by its magic bytes, not by the file's name, so a
 * renamed or extension-less download still reads. Text is decoded strictly: a byte sequence that
 * is not valid in the charset is an error at its line, never a silent replacement character that
 * would turn two different ids into one.
 */
public final class InputFiles {
    /** Longer lines are refused: no dataset has them, and reading one whole could exhaust memory. */
    public static final int MAX_LINE_LENGTH = 1 << 20;

    static final String TRUNCATED_GZIP = "truncated or corrupt gzip data";
    static final String EMPTY_FILE = "empty file";

    private static final int BUFFER_SIZE = 1 << 16;

    private InputFiles() {}

    /** The file's lines as strict UTF-8. */
    public static LineSource lines(Path file, Progress progress) throws IOException {
        return lines(file, StandardCharsets.UTF_8, progress);
    }

    public static LineSource lines(Path file, Charset charset, Progress progress) throws IOException {
        return new LineSource(file, charset, new DecodingReader(open(file, progress), charset));
    }

    /**
     * The file's text as strict UTF-8, for a parser that does its own tokenising. Decoding and
     * gzip errors surface from {@code read} as {@link java.nio.charset.CharacterCodingException},
     * {@link EOFException} or {@link ZipException}, after every character before them was read.
     */
    public static Reader reader(Path file, Progress progress) throws IOException {
        return new DecodingReader(open(file, progress), StandardCharsets.UTF_8);
    }

    /** The file called {@code name} (or {@code name.gz}) in the same folder as {@code file}, or null. */
    public static Path sibling(Path file, String name) {
        for (String candidate : new String[] {name, name + ".gz"}) {
            Path path = file.resolveSibling(candidate);
            if (Files.isRegularFile(path)) {
                return path;
            }
        }
        return null;
    }

    /** The file's bytes, decompressed when it is gzip; never empty. */
    static InputStream open(Path file, Progress progress) throws IOException {
        if (Files.isDirectory(file)) {
            throw InvalidInputException.inFile(file, "is a folder, not a file");
        }
        InputStream raw;
        long size;
        try {
            size = Files.size(file);
            raw = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw InvalidInputException.inFile(file, "no such file");
        } catch (AccessDeniedException e) {
            throw InvalidInputException.inFile(file, "permission denied");
        }
        String stage = "reading " + file.getFileName();
        BufferedInputStream buffered = new BufferedInputStream(new ProgressStream(raw, stage, size, progress), BUFFER_SIZE);
        try {
            InputStream data = isGzip(buffered) ? new GZIPInputStream(buffered, BUFFER_SIZE) : buffered;
            PushbackInputStream peekable = new PushbackInputStream(data, 1);
            int first = peekable.read();
            if (first < 0) {
                throw InvalidInputException.inFile(file, EMPTY_FILE);
            }
            peekable.unread(first);
            return peekable;
        } catch (EOFException | ZipException e) {
            buffered.close();
            throw InvalidInputException.inFile(file, TRUNCATED_GZIP, e);
        } catch (IOException | RuntimeException e) {
            buffered.close();
            throw e;
        }
    }

    private static boolean isGzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b;
    }

    /**
     * Reports the bytes read from disk (compressed bytes for gzip, so that done reaches the
     * file's size) every mebibyte, and once more when closed: a gzip reader stops at the end of
     * its data without reading the end of the file, so the end is not always seen.
     */
    private static final class ProgressStream extends FilterInputStream {
        private static final long STEP = 1 << 20;

        private final String stage;
        private final long total;
        private final Progress progress;
        private long done;
        private long nextReport = STEP;
        private boolean closed;

        ProgressStream(InputStream in, String stage, long total, Progress progress) {
            super(in);
            this.stage = stage;
            this.total = total;
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            done += n;
            if (done >= nextReport) {
                progress.report(stage, done, total);
                nextReport = done + STEP;
            }
        }

        @Override
        public void close() throws IOException {
            if (!closed) {
                closed = true;
                progress.report(stage, done, total);
            }
            super.close();
        }
    }
}
