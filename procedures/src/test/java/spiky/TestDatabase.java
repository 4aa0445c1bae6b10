package spiky;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;
import org.neo4j.io.ByteUnit;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import spiky.proc.ProcedureRegistry;

/**
 * A real embedded Neo4j in a directory, with the spiky.* procedures registered. Start one per
 * test class: starting takes a few seconds.
 */
public final class TestDatabase implements AutoCloseable {
    private final DatabaseManagementService dbms;
    private final GraphDatabaseAPI db;

    public TestDatabase(Path dir) {
        dbms = new DatabaseManagementServiceBuilder(dir)
                .setConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("spiky.*"))
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.mebiBytes(64))
                .setConfig(GraphDatabaseSettings.load_csv_file_url_root, dir.resolve("import").toAbsolutePath())
                .setConfig(BoltConnector.enabled, false)
                .setConfig(HttpConnector.enabled, false)
                .build();
        db = (GraphDatabaseAPI) dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        try {
            ProcedureRegistry.registerAll(db);
        } catch (Exception e) {
            dbms.shutdown();
            throw new IllegalStateException("Cannot register the spiky procedures: " + e.getMessage(), e);
        }
    }

    public GraphDatabaseAPI db() {
        return db;
    }

    /** Runs one statement in its own transaction and returns every row, read before the commit. */
    public List<Map<String, Object>> run(String cypher, Map<String, Object> params) {
        try (Transaction tx = db.beginTx()) {
            List<Map<String, Object>> rows = new ArrayList<>();
            try (Result result = tx.execute(cypher, params)) {
                result.forEachRemaining(rows::add);
            }
            tx.commit();
            return rows;
        }
    }

    public List<Map<String, Object>> run(String cypher) {
        return run(cypher, Map.of());
    }

    @Override
    public void close() {
        dbms.shutdown();
    }
}
