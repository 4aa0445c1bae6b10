package spiky.server;

import java.util.Map;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Everything a refused request could have left behind, counted: nodes, relationships and the
 * total number of properties on both. Equal before and after means the database was not touched.
 */
record Footprint(long nodes, long relationships, long properties) {
    static Footprint of(GraphDatabaseService db) {
        Map<String, Object> row = db.executeTransactionally("""
                CALL () { MATCH (n) RETURN count(n) AS nodes, sum(size(keys(n))) AS nodeProperties }
                CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships, sum(size(keys(r))) AS relationshipProperties }
                RETURN nodes, relationships, nodeProperties + relationshipProperties AS properties
                """, Map.of(), r -> r.next());
        return new Footprint(((Number) row.get("nodes")).longValue(), ((Number) row.get("relationships")).longValue(),
                ((Number) row.get("properties")).longValue());
    }

    /** Nodes and Dataset nodes of one dataset: a refused import must leave none. */
    static long traces(GraphDatabaseService db, String dataset) {
        return db.executeTransactionally("""
                RETURN COUNT { MATCH (n {dataset: $d}) } + COUNT { MATCH (d:Dataset {name: $d}) } AS n
                """, Map.of("d", dataset), r -> ((Number) r.next().get("n")).longValue());
    }
}
