package spiky.importer;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.data.Interactions;
import spiky.data.InteractionsBuilder;

/** Writing small input files and looking at what a reader made of them. */
final class TestFiles {
    private TestFiles() {}

    static Path write(Path file, String text) throws IOException {
        return Files.write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code text} gzip-compressed. */
    static Path writeGzip(Path file, String text) throws IOException {
        return Files.write(file, gzip(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Writes {@code text} plain, or gzip-compressed under the same name plus ".gz". */
    static Path write(Path file, String text, boolean gzip) throws IOException {
        return gzip ? writeGzip(file.resolveSibling(file.getFileName() + ".gz"), text) : write(file, text);
    }

    static byte[] gzip(byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * The line a reader of this truncated gzip data reaches: one past the complete lines that
     * decompress before the data runs out.
     */
    static long lineReached(byte[] truncatedGzip) throws IOException {
        long newlines = 0;
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(truncatedGzip))) {
            byte[] buffer = new byte[8192];
            int n;
            while ((n = in.read(buffer)) > 0) {
                for (int i = 0; i < n; i++) {
                    newlines += buffer[i] == '\n' ? 1 : 0;
                }
            }
        } catch (EOFException e) {
            return newlines + 1;
        }
        throw new AssertionError("the gzip data is complete");
    }

    static Interactions read(InteractionReader reader, Path file) throws IOException {
        InteractionsBuilder builder = new InteractionsBuilder();
        reader.read(file, builder, Progress.NONE);
        return builder.build();
    }

    /** The reader's error on {@code file}. */
    static String error(InteractionReader reader, Path file) {
        return assertThrows(InvalidInputException.class, () -> read(reader, file)).getMessage();
    }

    /** Each interaction as "item context timestamp weight", "-" for none, sorted. */
    static List<String> rows(Interactions interactions) {
        List<String> rows = new ArrayList<>();
        for (int k = 0; k < interactions.size(); k++) {
            long t = interactions.timestamps() == null ? InteractionsBuilder.NO_TIMESTAMP : interactions.timestamps()[k];
            double w = interactions.weights() == null ? Double.NaN : interactions.weights()[k];
            rows.add(interactions.itemKeys()[interactions.itemOf()[k]] + " "
                    + interactions.contextKeys()[interactions.contextOf()[k]] + " "
                    + (t == InteractionsBuilder.NO_TIMESTAMP ? "-" : Long.toString(t)) + " "
                    + (Double.isNaN(w) ? "-" : Double.toString(w)));
        }
        Collections.sort(rows);
        return rows;
    }

    /** Item key → name, for the items that have one. */
    static Map<String, String> names(Interactions interactions) {
        Map<String, String> names = new HashMap<>();
        for (int i = 0; i < interactions.itemCount(); i++) {
            if (interactions.itemNames()[i] != null) {
                names.put(interactions.itemKeys()[i], interactions.itemNames()[i]);
            }
        }
        return names;
    }
}
