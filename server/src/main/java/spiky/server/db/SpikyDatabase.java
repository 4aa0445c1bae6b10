package spiky.server.db;

import static org.neo4j.configuration.GraphDatabaseSettings.DEFAULT_DATABASE_NAME;
import static org.neo4j.configuration.GraphDatabaseSettings.SYSTEM_DATABASE_NAME;

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
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.server.configuration.ServerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import spiky.graph.DatasetEraser;
import spiky.graph.PpmiWriter;
import spiky.graph.RunStore;
import spiky.graph.Schema;
import spiky.importer.bulk.BulkImporter;
import spiky.importer.bulk.StoreRebuild;
import spiky.importer.bulk.StoreSwap;
import spiky.proc.ProcedureRegistry;
import spiky.InvalidInputException;
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
    private final Secret newPassword;
    private final RunChanges runChanges;

    private SpikyDatabase(DataDirectoryLock lock, DatabaseManagementService dbms, GraphDatabaseAPI db, Secret newPassword,
            RunChanges runChanges) {
        this.lock = lock;
        this.dbms = dbms;
        this.db = db;
        this.newPassword = newPassword;
        this.runChanges = runChanges;
    }

    /** Moves whenever a run or dataset record changes (see RunChanges). */
    public RunChanges runChanges() {
        return runChanges;
    }

    public static SpikyDatabase open(DatabaseOptions options) {
        DataDirectoryLock lock = DataDirectoryLock.acquire(options.dataDir());
        DatabaseManagementService dbms = null;
        try {
            // a rebuilt store whose swap a kill cut short is moved in before anything opens the store
            StoreSwap.recover(options.dataDir());
            dbms = new DatabaseManagementServiceBuilder(options.dataDir())
                    .setConfig(settings(options))
                    .build();
            GraphDatabaseAPI db = (GraphDatabaseAPI) dbms.database(DEFAULT_DATABASE_NAME);
            Secret newPassword = options.network() ? setInitialPassword(dbms, options) : null;
            LOG.info("Registered the procedures and functions of {} classes (spiky, GDS)", ProcedureRegistry.registerAll(db));
            List<String> orphans = Schema.dropOrphanedConstraintIndexes(db);
            if (!orphans.isEmpty()) {
                LOG.warn("Dropped the indexes of constraints whose creation an earlier crash cut short (built again now): {}", orphans);
            }
            Schema.apply(db);
            int rebuiltSchema = StoreRebuild.finishPendingSchema(db, options.dataDir());
            if (rebuiltSchema >= 0) {
                LOG.info("First start after a rebuild: the old store's {} other constraints and indexes built", rebuiltSchema);
            }
            String bulk = BulkImporter.finishPending(db, options.dataDir());
            if (bulk != null) {
                LOG.info("First start after the bulk import of {}: constraints and indexes built", bulk);
            }
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
            RunChanges runChanges = new RunChanges();
            dbms.registerTransactionEventListener(DEFAULT_DATABASE_NAME, runChanges);
            return new SpikyDatabase(lock, dbms, db, newPassword, runChanges);
        } catch (RuntimeException e) {
            if (dbms != null) {
                dbms.shutdown();
            }
            closeQuietly(lock);
            throw e;
        }
    }

    /**
     * At the first start with the network on, the user neo4j still has Neo4j's default password
     * and must change it: sets the operator's password (option, or SPIKY_NEO4J_PASSWORD) or a
     * generated one kept in the data directory (mode 600). Returns the secret when it set one.
     */
    private static Secret setInitialPassword(DatabaseManagementService dbms, DatabaseOptions options) {
        GraphDatabaseService system = dbms.database(SYSTEM_DATABASE_NAME);
        boolean initial = system.executeTransactionally("SHOW USERS YIELD user, passwordChangeRequired WHERE user = 'neo4j' "
                + "RETURN passwordChangeRequired", Map.of(), r -> r.hasNext() && Boolean.TRUE.equals(r.next().get("passwordChangeRequired")));
        if (!initial) {
            return null;
        }
        String given = options.password() != null ? options.password() : System.getenv(DatabaseOptions.PASSWORD_ENV);
        Secret password = Secret.of(given, options.dataDir().resolve(DatabaseOptions.PASSWORD_FILE));
        if (password.value().length() < 8) {
            throw InvalidInputException.parameter(DatabaseOptions.PASSWORD_ENV, "Neo4j needs a password of at least 8 characters");
        }
        system.executeTransactionally("ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", Map.of("password", password.value()));
        return password;
    }

    /** The password set at this start (the first one), to show once; null on later starts. */
    public Secret newPassword() {
        return newPassword;
    }

    static Map<Setting<?>, Object> settings(DatabaseOptions options) {
        return Map.ofEntries(
                Map.entry(GraphDatabaseSettings.auth_enabled, options.network()),
                Map.entry(GraphDatabaseSettings.load_csv_file_url_root, options.importDir()),
                Map.entry(GraphDatabaseSettings.procedure_unrestricted, List.of("spiky.*", "gds.*")),
                Map.entry(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(512)),
                // An offline tool does not phone home: no daily usage report from the DBMS, and
                // Browser starts with its product-analytics consent off (no banner asking for it).
                Map.entry(GraphDatabaseSettings.udc_enabled, false),
                Map.entry(ServerSettings.allow_telemetry, false),
                // Browser plays remote guides only from these hosts: spiky's own guide is served
                // by the API, on the host every port listens on (http://localhost:7070/guide/).
                Map.entry(ServerSettings.browser_remote_content_hostname_whitelist, guideHosts(options.httpHost())),
                Map.entry(BoltConnector.enabled, options.network()),
                Map.entry(BoltConnector.listen_address, new SocketAddress(options.boltHost(), options.boltPort())),
                Map.entry(HttpConnector.enabled, options.network()),
                Map.entry(HttpConnector.listen_address, new SocketAddress(options.httpHost(), options.httpPort())));
    }

    /** localhost and 127.0.0.1, and the API's host when it is another (the API listens where Neo4j's HTTP connector does). */
    static String guideHosts(String host) {
        List<String> hosts = new java.util.ArrayList<>(List.of("localhost", "127.0.0.1"));
        if (host != null && !host.isBlank() && !hosts.contains(host) && !host.equals("0.0.0.0")) {
            hosts.add(host);
        }
        return String.join(",", hosts);
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
