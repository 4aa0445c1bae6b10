package spiky.algo;

/**
 * Asked by long loops whether to stop: a terminated Neo4j transaction, a cancelled HTTP run.
 * {@link #check()} throws when the work must stop; it is called every few thousand units.
 */
@FunctionalInterface
public interface Termination {
    Termination NONE = () -> {};

    /** Throws (an unchecked exception of the caller's choice) when the work must stop. */
    void check();
}
