package spiky.server.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.GraphDatabaseService;
import spiky.graph.CypherFiles;

/** Runs the Cypher files of cypher/ against the database, read-only, and returns plain rows. */
public final class Queries {
    private final GraphDatabaseService db;
    private final CypherFiles cypher;

    public Queries(GraphDatabaseService db) {
        this.db = db;
        this.cypher = CypherFiles.in(db);
    }

    public List<Map<String, Object>> rows(String file, Map<String, Object> params) {
        return db.executeTransactionally(cypher.load(file), params, result -> {
            List<Map<String, Object>> out = new ArrayList<>();
            result.forEachRemaining(out::add);
            return out;
        });
    }
}
