package spiky.graph;

import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Finds, in a database's dependency resolver, the shared state that spiky's kernel extension
 * created for that database (SpikyExtension): code that holds a database, not a procedure
 * context, reaches the same instances the procedures receive with {@code @Context}.
 */
public final class DatabaseServices {
    private DatabaseServices() {}

    public static <T> T resolve(GraphDatabaseService db, Class<T> type) {
        if (!(db instanceof GraphDatabaseAPI api)) {
            throw new IllegalStateException("spiky needs an embedded Neo4j database (GraphDatabaseAPI), not " + db.getClass().getName());
        }
        return api.getDependencyResolver().resolveDependency(type);
    }
}
