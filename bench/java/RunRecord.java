import java.nio.file.Path;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Prints the write timings of the latest run a spiky data directory holds, from its EmbeddingRun
 * node, the same way for any version of spiky (older command lines do not print them):
 *   java -cp "server/target/spiky-server.jar:server/target/lib/*" bench/java/RunRecord.java DATA
 * prints "millisWritePpmi=… ppmiRelationships=… millisWriteEmbeddings=… millisWrite=…".
 */
public final class RunRecord {
    public static void main(String[] args) {
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(Path.of(args[0]))
                .setConfig(BoltConnector.enabled, false)
                .setConfig(HttpConnector.enabled, false)
                .build();
        try {
            GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            Map<String, Object> row = db.executeTransactionally("""
                    MATCH (r:EmbeddingRun) RETURN r.millisWritePpmi AS millisWritePpmi, r.ppmiRelationships AS ppmiRelationships,
                           r.millisWriteEmbeddings AS millisWriteEmbeddings, r.millisWrite AS millisWrite
                    ORDER BY r.createdAt DESC LIMIT 1""", Map.of(), r -> r.next());
            System.out.println("millisWritePpmi=" + row.get("millisWritePpmi") + " ppmiRelationships=" + row.get("ppmiRelationships")
                    + " millisWriteEmbeddings=" + row.get("millisWriteEmbeddings") + " millisWrite=" + row.get("millisWrite"));
        } finally {
            dbms.shutdown();
        }
    }
}
