package spiky.server.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.GraphDatabaseService;
import spiky.graph.CypherFiles;

/** Runs the Cypher files of cypher/ against the database, read-only, and returns plain rows. */
public final class Queries {
    private final GraphDatabaseService db;

    public Queries(GraphDatabaseService db) {
        this.db = db;
    }

    public List<Map<String, Object>> rows(String file, Map<String, Object> params) {
        return db.executeTransactionally(CypherFiles.load(file), params, result -> {
            List<Map<String, Object>> out = new ArrayList<>();
            result.forEachRemaining(out::add);
            return out;
        });
    }
}
