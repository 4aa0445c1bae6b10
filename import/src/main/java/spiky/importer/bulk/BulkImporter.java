package spiky.importer.bulk;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.data.Interactions;
import spiky.graph.DatasetNames;
import spiky.graph.Undo;
import spiky.graph.GraphModel;

/**
 * Imports one dataset into a data directory that holds no store yet, at the speed of Neo4j's own
 * importer: the whole input is read and checked first (a bad row stops it with file and line,
 * before anything is written); then the store is built in {@code DATA/bulk-import.staging} and
 * moved into place by one rename only when whole. A failure or a kill at any moment leaves the
 * data directory without a store, as it was; what a killed import left in the staging directory
 * is removed by the next one. The caller holds the data directory's lock; constraints and
 * indexes are created when the database is first opened (Community's importer cannot build them).
 */
public final class BulkImporter {
    public static final String STAGING = "bulk-import.staging";
    /** Neo4j's databases and transaction logs under a data directory (the home given to the DBMS). */
    public static final String STORE = "data";
    /**
     * Moved in with the store: which dataset the bulk import wrote and how long it took, for the
     * first opening to record on the Dataset node ({@link #finishPending}) and then delete.
     */
    public static final String PENDING = "bulk-import.properties";

    private final Progress progress;

    public BulkImporter(Progress progress) {
        this.progress = progress;
    }

    /** Whether the data directory already holds a Neo4j store (then only a transactional import can add to it). */
    public static boolean hasStore(Path dataDir) {
        return Files.exists(dataDir.resolve(STORE)) || StoreSwap.pending(dataDir);
    }

    /** Refuses before any reading when the directory already holds a store: the batch importer only creates new ones. */
    public static void checkEmpty(Path dataDir) {
        if (hasStore(dataDir)) {
            throw InvalidInputException.parameter("mode", "bulk builds a new store, and the data directory " + dataDir
                    + " already holds one (" + dataDir.resolve(STORE) + "): use --mode transactional or --mode rebuild (or auto) to add a dataset to it");
        }
    }

    /**
     * Writes {@code data}, already read and checked, as dataset {@code name} in a new store of {@code dataDir}.
     *
     * @param extra the Dataset node's own properties (format, source, …)
     * @return seconds spent writing the store
     */
    public double write(Path dataDir, String name, Interactions data, Map<String, Object> extra) {
        DatasetNames.check(name);
        StoreSwap.recover(dataDir);
        checkEmpty(dataDir);
        if (data.size() == 0) {
            throw InvalidInputException.of("Dataset '" + name + "' has no interactions: nothing to import");
        }
        Path staging = dataDir.resolve(STAGING);
        long started = System.nanoTime();
        Undo.files("bulk import into " + staging, () -> {
            clearStaging(dataDir);
            Files.createDirectories(staging);
            // writeSeconds is known only once written: the first opening records it from the PENDING file.
            NeoBatchImport.write(staging, new BulkGraph(name, data, extra, 0.0).source(), "writing the store (bulk)", progress);
            writePending(staging.resolve(STORE), name, started);
            Files.move(staging.resolve(STORE), dataDir.resolve(STORE), StandardCopyOption.ATOMIC_MOVE);
            deleteRecursively(staging);
            return null;
        }, () -> clearStaging(dataDir));
        return (System.nanoTime() - started) / 1e9;
    }

    /** The note for the first opening of a new store: which dataset was written and how long it took since {@code startedNanos}. */
    static void writePending(Path store, String name, long startedNanos) throws IOException {
        Properties pending = new Properties();
        pending.setProperty("dataset", name);
        pending.setProperty("writeSeconds", Double.toString((System.nanoTime() - startedNanos) / 1e9));
        try (Writer w = Files.newBufferedWriter(store.resolve(PENDING), StandardCharsets.UTF_8)) {
            pending.store(w, "spiky bulk import: recorded on the Dataset node at the first start, then deleted");
        }
    }

    /**
     * Removes what an interrupted bulk import or rebuild left in the staging directory; nothing
     * else is touched. A rebuilt store whose swap a kill interrupted is moved in first ({@link StoreSwap#recover}).
     */
    public static void clearStaging(Path dataDir) throws IOException {
        StoreSwap.recover(dataDir);
        deleteRecursively(dataDir.resolve(STAGING));
    }

    /**
     * At the first opening of a bulk-imported store: sets the Dataset node's writeSeconds (known
     * only once the store was written) and deletes the note. Returns the dataset, or null when
     * there was nothing pending.
     */
    public static String finishPending(GraphDatabaseService db, Path dataDir) {
        Path file = dataDir.resolve(STORE).resolve(PENDING);
        if (!Files.exists(file)) {
            return null;
        }
        Properties pending = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            pending.load(r);
            String name = pending.getProperty("dataset");
            try (Transaction tx = db.beginTx()) {
                Node d = tx.findNode(GraphModel.DATASET, "name", name);
                if (d != null) {
                    d.setProperty("writeSeconds", Double.parseDouble(pending.getProperty("writeSeconds", "0")));
                }
                tx.commit();
            }
            Files.delete(file);
            return name;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
