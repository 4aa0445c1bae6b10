package spiky.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.graphdb.QueryExecutionException;
import org.neo4j.graphdb.Transaction;
import org.neo4j.internal.schema.IndexPrototype;
import org.neo4j.internal.schema.SchemaDescriptors;
import org.neo4j.kernel.api.KernelTransaction;
import org.neo4j.kernel.impl.coreapi.InternalTransaction;
import org.neo4j.kernel.impl.api.KernelTransactionImplementation;
import spiky.TestDatabase;

/**
 * A process killed while Neo4j builds a uniqueness constraint leaves the constraint's index
 * without its constraint; the start-up repair drops it so that cypher/schema.cypher builds the
 * constraint again (before the repair, every later start failed on the name).
 */
class SchemaTest {
    @TempDir
    Path dir;

    /** What Neo4j's first step of CREATE CONSTRAINT commits on its own: the unique index, named as the constraint. */
    private static void leaveOrphan(TestDatabase database, String name, String label, String... properties) throws Exception {
        try (Transaction tx = database.db().beginTx()) {
            KernelTransaction ktx = ((InternalTransaction) tx).kernelTransaction();
            int labelId = ktx.tokenWrite().labelGetOrCreateForName(label);
            int[] propertyIds = new int[properties.length];
            for (int i = 0; i < properties.length; i++) {
                propertyIds[i] = ktx.tokenWrite().propertyKeyGetOrCreateForName(properties[i]);
            }
            IndexPrototype prototype = IndexPrototype.uniqueForSchema(SchemaDescriptors.forLabel(labelId, propertyIds),
                    ktx.schemaWrite().indexProviderByName("range-1.0")).withName(name);
            ((KernelTransactionImplementation) ktx).indexUniqueCreate(prototype);
            tx.commit();
        }
    }

    @Test
    void anIndexLeftByAnInterruptedConstraintIsDroppedAndTheConstraintBuiltAgain() throws Exception {
        try (TestDatabase database = new TestDatabase(dir)) {
            database.run("CREATE (:Item {dataset: 'd', id: 1}), (:Context {dataset: 'd', id: 1})");
            leaveOrphan(database, "context_key", "Context", "dataset", "id");
            QueryExecutionException refused = assertThrows(QueryExecutionException.class, () -> Schema.apply(database.db()));
            assertTrue(refused.getMessage().contains("context_key"), refused.getMessage());

            assertEquals(List.of("context_key"), Schema.dropOrphanedConstraintIndexes(database.db()));
            Schema.apply(database.db());
            List<Map<String, Object>> constraints = database.run(
                    "SHOW CONSTRAINTS YIELD name, type WHERE name = 'context_key' RETURN type");
            assertEquals(List.of(Map.of("type", "UNIQUENESS")), constraints);
            // the rebuilt constraint is enforced
            assertThrows(QueryExecutionException.class, () -> database.run("CREATE (:Context {dataset: 'd', id: 1})"));
            // and a store without orphans is left alone: every constraint keeps its index
            assertEquals(List.of(), Schema.dropOrphanedConstraintIndexes(database.db()));
            assertEquals(4L, database.run("SHOW CONSTRAINTS YIELD name RETURN count(*) AS n").get(0).get("n"));
            assertEquals(4L, database.run("SHOW INDEXES YIELD owningConstraint WHERE owningConstraint IS NOT NULL RETURN count(*) AS n")
                    .get(0).get("n"));
        }
    }
}
