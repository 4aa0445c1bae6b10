package spiky.graph;

import org.neo4j.graphdb.TransientTransactionFailureException;
import org.neo4j.kernel.api.exceptions.Status;

/**
 * Whether a failed transaction may succeed when tried again unchanged: Neo4j's transient errors
 * (a deadlock its lock manager broke by failing one side, a lock wait that timed out), whichever
 * layer of the failure's causes says so.
 */
public final class TransientFailures {
    private TransientFailures() {}

    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransientTransactionFailureException) {
                return true;
            }
            if (t instanceof Status.HasStatus s && s.status().code().classification() == Status.Classification.TransientError) {
                return true;
            }
        }
        return false;
    }
}
