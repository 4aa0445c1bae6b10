package spiky.server.db;

import static org.neo4j.configuration.GraphDatabaseSettings.DEFAULT_DATABASE_NAME;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.config.Setting;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import spiky.graph.DatasetEraser;
import spiky.graph.PpmiWriter;
import spiky.graph.RunStore;
import spiky.graph.Schema;
import spiky.proc.ProcedureRegistry;
import spiky.Progress;

/**
 * The embedded Neo4j of one data directory, with spiky's and GDS's procedures registered, the
 * schema applied, and datasets left half-imported by a crash erased.
 */
public final class SpikyDatabase implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SpikyDatabase.class);

    private final DataDirectoryLock lock;
    private final DatabaseManagementService dbms;
    private final GraphDatabaseAPI db;

    private SpikyDatabase(DataDirectoryLock lock, DatabaseManagementService dbms, GraphDatabaseAPI db) {
        this.lock = lock;
        this.dbms = dbms;
        this.db = db;
    }

    public static SpikyDatabase open(DatabaseOptions options) {
        DataDirectoryLock lock = DataDirectoryLock.acquire(options.dataDir());
        DatabaseManagementService dbms = null;
        try {
            dbms = new DatabaseManagementServiceBuilder(options.dataDir().toAbsolutePath())
                    .setConfig(settings(options))
                    .build();
            GraphDatabaseAPI db = (GraphDatabaseAPI) dbms.database(DEFAULT_DATABASE_NAME);
            LOG.info("Registered the procedures and functions of {} classes (spiky, GDS)", ProcedureRegistry.registerAll(db));
            Schema.apply(db);
            List<String> erased = new DatasetEraser(db, Progress.NONE).eraseUnfinished();
            if (!erased.isEmpty()) {
                LOG.warn("Erased datasets left half-imported by an earlier crash: {}", erased);
            }
            List<String> abandoned = new PpmiWriter(db, Progress.NONE).removeInterrupted();
            if (!abandoned.isEmpty()) {
                LOG.warn("Removed PPMI relationships half-written by an earlier crash: {}", abandoned);
            }
            List<String> failed = new RunStore(db, Progress.NONE).failUnfinished();
            if (!failed.isEmpty()) {
                LOG.warn("Marked runs interrupted by an earlier crash as failed: {}", failed);
            }
            return new SpikyDatabase(lock, dbms, db);
        } catch (RuntimeException e) {
            if (dbms != null) {
                dbms.shutdown();
            }
            closeQuietly(lock);
            throw e;
        }
    }

    static Map<Setting<?>, Object> settings(DatabaseOptions options) {
        return Map.of(
                GraphDatabaseSettings.load_csv_file_url_root, options.importDir().toAbsolutePath(),
                GraphDatabaseSettings.procedure_unrestricted, List.of("spiky.*", "gds.*"),
                GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(512),
                BoltConnector.enabled, options.network(),
                BoltConnector.listen_address, new SocketAddress(options.boltHost(), options.boltPort()),
                HttpConnector.enabled, options.network(),
                HttpConnector.listen_address, new SocketAddress(options.httpHost(), options.httpPort()));
    }

    public GraphDatabaseAPI db() {
        return db;
    }

    @Override
    public void close() {
        try {
            dbms.shutdown();
        } finally {
            closeQuietly(lock);
        }
    }

    private static void closeQuietly(DataDirectoryLock lock) {
        try {
            lock.close();
        } catch (IOException e) {
            LOG.warn("Could not release the data directory lock: {}", e.getMessage());
        }
    }
}
