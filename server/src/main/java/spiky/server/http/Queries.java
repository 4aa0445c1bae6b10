package spiky.server.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.QueryExecutionException;
import spiky.InvalidInputException;
import spiky.graph.CypherFiles;

/** Runs the Cypher files of cypher/ against the database, read-only, and returns plain rows. */
public final class Queries {
    private final GraphDatabaseService db;
    private final CypherFiles cypher;

    public Queries(GraphDatabaseService db) {
        this.db = db;
        this.cypher = CypherFiles.in(db);
    }

    /**
     * The rows of cypher/{file}. A user's mistake that a procedure raised comes out as it was
     * raised (its InvalidInputException, not Cypher's wrapping), so the routes answer with its
     * kind and words.
     */
    public List<Map<String, Object>> rows(String file, Map<String, Object> params) {
        try {
            return db.executeTransactionally(cypher.load(file), params, result -> {
                List<Map<String, Object>> out = new ArrayList<>();
                result.forEachRemaining(out::add);
                return out;
            });
        } catch (QueryExecutionException e) {
            InvalidInputException mistake = InvalidInputException.in(e);
            if (mistake != null) {
                throw mistake;
            }
            throw e;
        }
    }
}
