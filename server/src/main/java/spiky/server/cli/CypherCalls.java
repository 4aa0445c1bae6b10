package spiky.server.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.GraphDatabaseService;
import spiky.graph.CypherFiles;

/** The CLI and the server's first start go through the procedures, by the Cypher files of cypher/. */
public final class CypherCalls {
    private CypherCalls() {}

    public static Map<String, Object> generate(GraphDatabaseService db, String dataset, Map<String, Object> config) {
        return single(db, "dcbm-generate.cypher", Map.of("dataset", dataset, "config", config));
    }

    public static Map<String, Object> pipeline(GraphDatabaseService db, String dataset, Map<String, Object> config) {
        return single(db, "pipeline.cypher", Map.of("dataset", dataset, "config", config));
    }

    private static Map<String, Object> single(GraphDatabaseService db, String file, Map<String, Object> params) {
        return db.executeTransactionally(CypherFiles.in(db).load(file), params, result -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            result.forEachRemaining(rows::add);
            return rows.get(0);
        });
    }
}
