package spiky.importer.bulk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;
import org.neo4j.io.ByteUnit;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.data.Interactions;
import spiky.graph.DatasetNames;
import spiky.graph.GraphModel;
import spiky.graph.Undo;

/**
 * Adds one dataset to a data directory that already holds a store by building a new store with
 * Neo4j's batch importer: the whole old store (every node, relationship and property, whatever
 * its kind) streamed together with the new dataset ({@link StoreStream}), then swapped in for
 * the old one ({@link StoreSwap}). The input is read and checked by the caller before this
 * begins. The old store is never opened: it is copied to {@code DATA/bulk-import.staging/source}
 * and the copy is read, so that until the swap every file of the data directory stays byte for
 * byte as it was, whatever fails or kills the process; the staging directory is cleared by the
 * next import. Files beside the store ({@code DATA/spiky-ppmi}, the import folder, the password
 * and token) are not touched: node ids are kept, so the PPMI files still name the right nodes.
 * Neo4j's system database (users, passwords) is carried over from the old store as it is.
 *
 * <p>Constraints and indexes (cypher/schema.cypher, and any other the old store had) are built
 * at the first opening of the new store, as after a bulk import: the old store's are noted in
 * {@link #SCHEMA} and created by {@link #finishPendingSchema}. The caller holds the data
 * directory's lock.
 */
public final class StoreRebuild {
    /** Under the staging directory: the copy of the old store that is read. */
    static final String SOURCE = "source";
    /** Moved in with the store: the old store's own index and constraint statements, one a line, made at the first opening. */
    public static final String SCHEMA = "rebuild-schema.cypher";
    /** The parts of a Neo4j home's data folder that the batch importer writes anew: the database's store and its transaction logs. */
    private static final List<String> REBUILT = List.of("databases/" + NeoBatchImport.DATABASE, "transactions/" + NeoBatchImport.DATABASE);

    private final Progress progress;

    public StoreRebuild(Progress progress) {
        this.progress = progress;
    }

    /** What a rebuild did, for the summary and the benchmark. */
    /**
     * @param copySeconds  copying the old store to the staging directory
     * @param openSeconds  starting a DBMS on the copy and shutting it down
     * @param importSeconds the batch importer, reading the copy as it writes
     * @param writeSeconds all of it, until the new store is swapped in
     */
    public record Result(long storeNodes, long storeRelationships, double copySeconds, double openSeconds, double importSeconds,
            double writeSeconds) {}

    /** Refuses what a rebuild cannot do before any reading: there must be a store to rebuild. */
    public static void checkHasStore(Path dataDir) {
        if (!BulkImporter.hasStore(dataDir)) {
            throw InvalidInputException.parameter("mode", "rebuild adds a dataset to the store of " + dataDir
                    + ", and it holds none: use --mode bulk (or auto)");
        }
    }

    /** Refuses --replace: a rebuild only adds. */
    public static void checkNotReplacing(boolean replace) {
        if (replace) {
            throw InvalidInputException.parameter("mode", "rebuild adds a new dataset and cannot replace one: use --mode transactional with --replace");
        }
    }

    /**
     * Writes {@code data}, already read and checked, as the new dataset {@code name} into a
     * rebuilt store of {@code dataDir}.
     *
     * @param extra the Dataset node's own properties (format, source, …)
     */
    public Result write(Path dataDir, String name, Interactions data, Map<String, Object> extra) {
        DatasetNames.check(name);
        StoreSwap.recover(dataDir);
        checkHasStore(dataDir);
        if (data.size() == 0) {
            throw InvalidInputException.of("Dataset '" + name + "' has no interactions: nothing to import");
        }
        Path staging = dataDir.resolve(BulkImporter.STAGING);
        Path source = staging.resolve(SOURCE);
        long started = System.nanoTime();
        return Undo.files("rebuild in " + staging, () -> {
            BulkImporter.clearStaging(dataDir);
            Files.createDirectories(staging);
            copy(dataDir.resolve(BulkImporter.STORE), source.resolve(BulkImporter.STORE), Set.of(), "copying the store (rebuild)");
            double copySeconds = (System.nanoTime() - started) / 1e9;
            long storeNodes;
            long storeRelationships;
            List<String> schema;
            long opening = System.nanoTime();
            DatabaseManagementService dbms = open(source);
            double importSeconds;
            double openSeconds;
            try {
                GraphDatabaseService db = dbms.database(NeoBatchImport.DATABASE);
                checkAbsent(db, name);
                schema = schemaStatements(db);
                StoreStream stream = new StoreStream(db, new BulkGraph(name, data, extra, 0.0), progress);
                storeNodes = stream.storeNodes();
                storeRelationships = stream.storeRelationships();
                long importing = System.nanoTime();
                NeoBatchImport.write(staging, stream, "writing the store (rebuild)", progress);
                importSeconds = (System.nanoTime() - importing) / 1e9;
            } finally {
                dbms.shutdown();
            }
            openSeconds = (System.nanoTime() - opening) / 1e9 - importSeconds;
            Path fresh = staging.resolve(BulkImporter.STORE);
            // Everything else of the old store's data folder (the system database with its users and passwords) comes as it is.
            copy(source.resolve(BulkImporter.STORE), fresh, Set.copyOf(REBUILT), "copying the system database (rebuild)");
            Files.write(fresh.resolve(SCHEMA), schema, StandardCharsets.UTF_8);
            double writeSeconds = (System.nanoTime() - started) / 1e9;
            BulkImporter.writePending(fresh, name, started);
            StoreSwap.swap(dataDir);
            return new Result(storeNodes, storeRelationships, copySeconds, openSeconds, importSeconds, writeSeconds);
        }, () -> {
            // the staging goes, unless the new store was whole and its swap begun: recovery finishes that
            if (!StoreSwap.pending(dataDir)) {
                BulkImporter.clearStaging(dataDir);
            }
        });
    }

    /** The copy of the old store, opened by a DBMS of its own (no network, no procedures needed). */
    private static DatabaseManagementService open(Path home) {
        return new DatabaseManagementServiceBuilder(home)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(512))
                .setConfig(GraphDatabaseSettings.udc_enabled, false)
                .setConfig(GraphDatabaseSettings.auth_enabled, false)
                .setConfig(BoltConnector.enabled, false)
                .setConfig(HttpConnector.enabled, false)
                .setConfig(HttpsConnector.enabled, false)
                .build();
    }

    /** A dataset name the store has is refused as the transactional import refuses it. */
    private static void checkAbsent(GraphDatabaseService db, String name) {
        try (Transaction tx = db.beginTx()) {
            Node existing = tx.findNode(GraphModel.DATASET, "name", name);
            if (existing != null) {
                throw InvalidInputException.of("Dataset '" + name + "' already exists: use replace (--replace) to import it again"
                        + " (with --mode transactional: a rebuild only adds)");
            }
        }
    }

    /**
     * The old store's constraints and its indexes that no constraint owns, as Neo4j states them
     * (the label and relationship-type lookup indexes aside: the importer makes those).
     */
    private static List<String> schemaStatements(GraphDatabaseService db) {
        List<String> out = new ArrayList<>();
        db.executeTransactionally("SHOW CONSTRAINTS YIELD createStatement RETURN createStatement", Map.of(),
                r -> {
                    r.forEachRemaining(row -> out.add(oneLine((String) row.get("createStatement"))));
                    return null;
                });
        db.executeTransactionally("SHOW INDEXES YIELD type, owningConstraint, createStatement "
                + "WHERE type <> 'LOOKUP' AND owningConstraint IS NULL RETURN createStatement", Map.of(), r -> {
                    r.forEachRemaining(row -> out.add(oneLine((String) row.get("createStatement"))));
                    return null;
                });
        return out;
    }

    private static String oneLine(String statement) {
        return statement.replace('\n', ' ').replace('\r', ' ');
    }

    /**
     * At the first opening of a rebuilt store, after cypher/schema.cypher: creates each of the
     * old store's constraints and indexes that the store does not have by name, waits for them
     * to be online, deletes the note. Returns how many it created, or -1 when there was no note.
     */
    public static int finishPendingSchema(GraphDatabaseService db, Path dataDir) {
        Path file = dataDir.resolve(BulkImporter.STORE).resolve(SCHEMA);
        if (!Files.exists(file)) {
            return -1;
        }
        try {
            Set<String> names = new HashSet<>();
            for (String show : List.of("SHOW INDEXES YIELD name RETURN name", "SHOW CONSTRAINTS YIELD name RETURN name")) {
                db.executeTransactionally(show, Map.of(), r -> {
                    r.forEachRemaining(row -> names.add((String) row.get("name")));
                    return null;
                });
            }
            int created = 0;
            for (String statement : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String name = nameOf(statement);
                if (statement.isBlank() || name == null || names.contains(name)) {
                    continue;
                }
                try (Transaction tx = db.beginTx()) {
                    tx.execute(statement).close();
                    tx.commit();
                }
                created++;
            }
            try (Transaction tx = db.beginTx()) {
                tx.schema().awaitIndexesOnline(30, TimeUnit.MINUTES);
            }
            Files.delete(file);
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The name in Neo4j's own statement: {@code CREATE ... INDEX `name` FOR ...} / {@code CREATE CONSTRAINT `name` FOR ...}. */
    static String nameOf(String statement) {
        int open = statement.indexOf('`');
        if (open < 0) {
            return null;
        }
        StringBuilder name = new StringBuilder();
        for (int i = open + 1; i < statement.length(); i++) {
            char c = statement.charAt(i);
            if (c == '`') {
                if (i + 1 < statement.length() && statement.charAt(i + 1) == '`') {
                    name.append('`');
                    i++;
                    continue;
                }
                return name.toString();
            }
            name.append(c);
        }
        return null;
    }

    /** Copies a folder tree, leaving out the subtrees named in {@code skip} (relative paths) and files the target already has. */
    private void copy(Path from, Path to, Set<String> skip, String stage) throws IOException {
        AtomicLong copied = new AtomicLong();
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                String rel = from.relativize(dir).toString().replace('\\', '/');
                if (skip.contains(rel)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(to.resolve(from.relativize(dir)));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path target = to.resolve(from.relativize(file));
                if (!Files.exists(target)) {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                    progress.report(stage, copied.addAndGet(attrs.size()), -1);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
