package spiky.server;

import java.nio.file.Path;
import java.util.function.BiConsumer;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import spiky.Progress;
import spiky.graph.GraphModel;
import spiky.importer.bulk.BulkImporter;
import spiky.server.db.DatabaseOptions;
import spiky.server.db.Secret;
import spiky.server.db.SpikyDatabase;
import spiky.server.http.ApiOptions;
import spiky.server.http.ApiServer;

/** The main job: the embedded database with its connectors, and the HTTP API over it. */
public final class SpikyServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SpikyServer.class);

    /**
     * @param defaultDataset the dataset generated (and embedded by a first pipeline run) when the database holds none, or null
     */
    public record ServerOptions(DatabaseOptions database, ApiOptions api, String defaultDataset) {}

    private final ServerOptions options;
    private final SpikyDatabase database;
    private final ApiServer api;
    private final Secret token;

    private SpikyServer(ServerOptions options, SpikyDatabase database, ApiServer api, Secret token) {
        this.options = options;
        this.database = database;
        this.api = api;
        this.token = token;
    }

    /** The bearer token of the API's write endpoints. */
    public String apiToken() {
        return token.value();
    }

    /**
     * @param firstStart what to do on an empty database with the default dataset name: generate it and run the pipeline
     */
    public static SpikyServer start(ServerOptions options, Progress progress, BiConsumer<GraphDatabaseService, String> firstStart) {
        return start(options, progress, null, firstStart);
    }

    /**
     * @param bulkFirstStart what to do first on a data directory without a store, before the database opens: write the default
     *                       dataset through the bulk path; or null. firstStart still runs after it (to embed the dataset)
     */
    public static SpikyServer start(ServerOptions options, Progress progress, BiConsumer<Path, String> bulkFirstStart,
            BiConsumer<GraphDatabaseService, String> firstStart) {
        boolean bulkWritten = false;
        if (options.defaultDataset() != null && bulkFirstStart != null && !BulkImporter.hasStore(options.database().dataDir())) {
            LOG.info("Data directory without a store: writing the default dataset {} through the bulk path", options.defaultDataset());
            bulkFirstStart.accept(options.database().dataDir(), options.defaultDataset());
            bulkWritten = true;
        }
        SpikyDatabase database = SpikyDatabase.open(options.database());
        try {
            if (options.defaultDataset() != null && (bulkWritten || isEmpty(database.db()))) {
                LOG.info("Empty data directory: generating and embedding the default dataset {}", options.defaultDataset());
                firstStart.accept(database.db(), options.defaultDataset());
            }
            String given = options.api().token() != null ? options.api().token() : System.getenv(ApiOptions.TOKEN_ENV);
            Secret token = Secret.of(given, options.database().dataDir().resolve(ApiOptions.TOKEN_FILE));
            ApiServer api = ApiServer.start(database.db(), database.runChanges()::generation, options.api().withToken(token.value())
                    .withBrowser(options.database().httpPort(), options.defaultDataset()), progress);
            return new SpikyServer(options, database, api, token);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    private static boolean isEmpty(GraphDatabaseService db) {
        try (Transaction tx = db.beginTx()) {
            return !tx.findNodes(GraphModel.DATASET).hasNext();
        }
    }

    public SpikyDatabase database() {
        return database;
    }

    public int apiPort() {
        return api.port();
    }

    /** The HTTP API's routes as "METHOD /path". */
    public java.util.List<String> apiRoutes() {
        return api.routes();
    }

    public String describe() {
        DatabaseOptions db = options.database();
        return String.join("\n",
                "spiky is up (data directory " + db.dataDir().toAbsolutePath() + ")",
                "  spiky API      http://" + options.api().host() + ":" + api.port() + "/api/health",
                "  Neo4j Browser  http://" + db.httpHost() + ":" + db.httpPort() + "/browser/",
                "  Bolt           bolt://" + db.boltHost() + ":" + db.boltPort(),
                "  import folder  " + options.api().importDir().toAbsolutePath(),
                database.newPassword() == null || !database.newPassword().generated()
                        ? "  Neo4j user neo4j: its password is " + (database.newPassword() != null ? "the one given" : "the one set at the first start")
                                + " (a generated one is kept in " + db.dataDir().resolve(DatabaseOptions.PASSWORD_FILE) + ")"
                        : "  Neo4j user neo4j, password " + database.newPassword().value() + " (generated now; kept in "
                                + db.dataDir().resolve(DatabaseOptions.PASSWORD_FILE) + ", mode 600)",
                token.generated()
                        ? "  API token for POST requests: " + token.value() + " (generated now; kept in "
                                + db.dataDir().resolve(ApiOptions.TOKEN_FILE) + ", mode 600)"
                        : "  API token for POST requests: SPIKY_API_TOKEN or " + db.dataDir().resolve(ApiOptions.TOKEN_FILE),
                "Stop with Ctrl-C.");
    }

    @Override
    public void close() {
        try {
            api.close();
        } finally {
            database.close();
        }
    }
}
