package spiky.server.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.GraphDatabaseService;
import spiky.graph.CypherFiles;

/** Runs cypher/dcbm-generate.cypher: the CLI and the server's first start go through the procedure. */
final class DcbmCall {
    private DcbmCall() {}

    static List<Map<String, Object>> generate(GraphDatabaseService db, String dataset, Map<String, Object> config) {
        return db.executeTransactionally(CypherFiles.load("dcbm-generate.cypher"), Map.of("dataset", dataset, "config", config), result -> {
            List<Map<String, Object>> rows = new ArrayList<>();
            result.forEachRemaining(rows::add);
            return rows;
        });
    }
}
