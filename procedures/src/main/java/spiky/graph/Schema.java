package spiky.graph;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.neo4j.exceptions.KernelException;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import org.neo4j.internal.kernel.api.SchemaRead;
import org.neo4j.internal.schema.IndexDescriptor;
import org.neo4j.kernel.api.KernelTransaction;
import org.neo4j.kernel.impl.coreapi.InternalTransaction;

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

    /**
     * At start-up, before {@link #apply}: drops every uniqueness index that no constraint owns,
     * and returns their names. Neo4j makes a uniqueness constraint in two steps, its index in a
     * transaction of its own and then the constraint; a process killed between them (during the
     * first opening after a bulk import or a rebuild, which builds the constraints) leaves the
     * index behind. Neo4j never adopts such an index, and {@code CREATE CONSTRAINT name IF NOT
     * EXISTS} then fails on the name at every later start: the store could not be opened again.
     * The constraint is built anew right after by {@link #apply} (or by the pending rebuild
     * schema). Only at start-up, when nothing else can be creating a constraint.
     */
    public static List<String> dropOrphanedConstraintIndexes(GraphDatabaseService db) {
        List<String> dropped = new ArrayList<>();
        try (Transaction tx = db.beginTx()) {
            KernelTransaction ktx = ((InternalTransaction) tx).kernelTransaction();
            SchemaRead read = ktx.schemaRead();
            List<IndexDescriptor> orphans = new ArrayList<>();
            for (Iterator<IndexDescriptor> all = read.indexesGetAll(); all.hasNext(); ) {
                IndexDescriptor index = all.next();
                if (index.isUnique() && read.indexGetOwningUniquenessConstraintId(index) == null) {
                    orphans.add(index);
                }
            }
            for (IndexDescriptor orphan : orphans) {
                ktx.schemaWrite().indexDrop(orphan);
                dropped.add(orphan.getName());
            }
            tx.commit();
        } catch (KernelException e) {
            throw new IllegalStateException("cannot drop a uniqueness index that no constraint owns: " + e.getMessage(), e);
        }
        return dropped;
    }
}
