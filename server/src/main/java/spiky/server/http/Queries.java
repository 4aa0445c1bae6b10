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
        List<Map<String, Object>> out = new ArrayList<>();
        each(file, params, out::add);
        return out;
    }

    /** Hands each row of cypher/{file} to {@code row} as it is read, inside the query's transaction (a whole run's rows, one at a time). */
    public void each(String file, Map<String, Object> params, java.util.function.Consumer<Map<String, Object>> row) {
        try {
            db.executeTransactionally(cypher.load(file), params, result -> {
                result.forEachRemaining(row);
                return null;
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
