package spiky.graph;

import java.util.concurrent.TimeUnit;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;

/** Applies cypher/schema.cypher (idempotent: every statement is IF NOT EXISTS). */
public final class Schema {
    private Schema() {}

    public static void apply(GraphDatabaseService db) {
        for (String statement : CypherFiles.in(db).statements("schema.cypher")) {
            try (Transaction tx = db.beginTx()) {
                tx.execute(statement).close();
                tx.commit();
            }
        }
        try (Transaction tx = db.beginTx()) {
            tx.schema().awaitIndexesOnline(5, TimeUnit.MINUTES);
        }
    }
}
