package spiky.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import spiky.algo.linalg.CsrMatrix;
import spiky.algo.linalg.PagedDoubleArray;
import spiky.algo.linalg.PagedIntArray;

/**
 * The full PPMI matrix of a set whose relationships in the graph are only each item's strongest
 * pairs (a per-item top-k write, see {@link PpmiWriter}): one binary file per set,
 * {@code <home>/spiky-ppmi/<database>/<dataset>/<tag>.csr}, beside the store. The reports read a
 * set from its file when there is one ({@link RunPpmi}, {@link PpmiReader}), so that PPMI degrees,
 * the fitted DCBM and spiky.svd.write see the whole matrix, not the part in the graph. A file is
 * written to a temporary name and moved into place when whole, so a reader never sees half a file;
 * the writers delete it with the set's relationships.
 *
 * <p>Layout (big-endian): "SPKPPMI1", int rows, int cols, long nnz, long[rows] Item node ids,
 * long[rows + 1] row offsets, int[nnz] columns, double[nnz] weights, int[nnz] co-occurrence counts.
 */
public final class PpmiFiles {
    private static final byte[] MAGIC = "SPKPPMI1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int CHUNK = 1 << 20;

    private final Supplier<Path> root;

    /** @param root the folder of this database's files, found when first needed */
    public PpmiFiles(Supplier<Path> root) {
        this.root = root;
    }

    /** The instance of database {@code db} (see DatabaseServices). */
    public static PpmiFiles in(org.neo4j.graphdb.GraphDatabaseService db) {
        return DatabaseServices.resolve(db, PpmiFiles.class);
    }

    /** A set read from its file: row a is the Item node {@code rowItemNodes[a]}. */
    public record Contents(long[] rowItemNodes, CsrMatrix matrix, PagedIntArray counts) {}

    Path file(String dataset, String tag) {
        return root.get().resolve(DatasetNames.check(dataset)).resolve(tag + ".csr");
    }

    public boolean exists(String dataset, String tag) {
        return Files.isRegularFile(file(dataset, tag));
    }

    /** Writes the set's file (replacing one of that tag); returns its size in bytes. */
    public long write(String dataset, String tag, long[] rowItemNodes, CsrMatrix m, PagedIntArray counts) {
        Path target = file(dataset, tag);
        Path temp = target.resolveSibling(tag + ".csr.tmp");
        try {
            Files.createDirectories(target.getParent());
            try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE)) {
                ByteBuffer b = ByteBuffer.allocateDirect(CHUNK);
                b.put(MAGIC).putInt(m.rows()).putInt(m.cols()).putLong(m.nnz());
                for (long node : rowItemNodes) {
                    b = room(ch, b, 8).putLong(node);
                }
                for (int a = 0; a < m.rows(); a++) {
                    b = room(ch, b, 8).putLong(m.rowStart(a));
                }
                b = room(ch, b, 8).putLong(m.nnz());
                long nnz = m.nnz();
                for (long p = 0; p < nnz; p++) {
                    b = room(ch, b, 4).putInt(m.column(p));
                }
                for (long p = 0; p < nnz; p++) {
                    b = room(ch, b, 8).putDouble(m.value(p));
                }
                for (long p = 0; p < nnz; p++) {
                    b = room(ch, b, 4).putInt(counts.get(p));
                }
                drain(ch, b);
                ch.force(true);
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return Files.size(target);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                e.addSuppressed(ignored);
            }
            throw new UncheckedIOException("writing the PPMI file " + target + ": " + e.getMessage(), e);
        }
    }

    /** The set's matrix from its file, or null when it has none. */
    public Contents read(String dataset, String tag) {
        Path f = file(dataset, tag);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocateDirect(CHUNK);
            b.limit(0);
            byte[] magic = new byte[MAGIC.length];
            fill(ch, b, MAGIC.length + 16).get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new IllegalStateException(f + " is not a spiky PPMI file");
            }
            int rows = b.getInt();
            int cols = b.getInt();
            long nnz = b.getLong();
            long[] nodes = new long[rows];
            for (int a = 0; a < rows; a++) {
                nodes[a] = fill(ch, b, 8).getLong();
            }
            long[] offsets = new long[rows + 1];
            for (int a = 0; a <= rows; a++) {
                offsets[a] = fill(ch, b, 8).getLong();
            }
            PagedIntArray columns = new PagedIntArray(nnz);
            for (long p = 0; p < nnz; p++) {
                columns.set(p, fill(ch, b, 4).getInt());
            }
            PagedDoubleArray values = new PagedDoubleArray(nnz);
            for (long p = 0; p < nnz; p++) {
                values.set(p, fill(ch, b, 8).getDouble());
            }
            PagedIntArray counts = new PagedIntArray(nnz);
            for (long p = 0; p < nnz; p++) {
                counts.set(p, fill(ch, b, 4).getInt());
            }
            return new Contents(nodes, new CsrMatrix(rows, cols, offsets, columns, values), counts);
        } catch (IOException e) {
            throw new UncheckedIOException("reading the PPMI file " + f + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the set's file, if any. */
    public void delete(String dataset, String tag) {
        deleteWhere(dataset, tag::equals);
    }

    /** Deletes the dataset's files whose tag {@code doomed} accepts (and leftover temporary files); returns the tags deleted. */
    public List<String> deleteWhere(String dataset, Predicate<String> doomed) {
        List<String> deleted = new ArrayList<>();
        Path dir = root.get().resolve(DatasetNames.check(dataset));
        if (!Files.isDirectory(dir)) {
            return deleted;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.toList()) {
                String name = p.getFileName().toString();
                if (name.endsWith(".csr.tmp")) {
                    Files.deleteIfExists(p);
                } else if (name.endsWith(".csr") && doomed.test(name.substring(0, name.length() - 4))) {
                    Files.deleteIfExists(p);
                    deleted.add(name.substring(0, name.length() - 4));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("deleting PPMI files in " + dir + ": " + e.getMessage(), e);
        }
        return deleted;
    }

    private static ByteBuffer room(FileChannel ch, ByteBuffer b, int bytes) throws IOException {
        if (b.remaining() < bytes) {
            drain(ch, b);
        }
        return b;
    }

    private static void drain(FileChannel ch, ByteBuffer b) throws IOException {
        b.flip();
        while (b.hasRemaining()) {
            ch.write(b);
        }
        b.clear();
    }

    private static ByteBuffer fill(FileChannel ch, ByteBuffer b, int bytes) throws IOException {
        if (b.remaining() < bytes) {
            b.compact();
            while (b.position() < bytes) {
                if (ch.read(b) < 0) {
                    throw new IOException("the file ends early");
                }
            }
            b.flip();
        }
        return b;
    }
}
