package spiky.graph;

import org.neo4j.exceptions.KernelException;
import org.neo4j.graphdb.Transaction;
import org.neo4j.internal.kernel.api.TokenWrite;
import org.neo4j.internal.kernel.api.Write;
import org.neo4j.kernel.api.KernelTransaction;
import org.neo4j.kernel.impl.coreapi.InternalTransaction;

/**
 * The kernel's write API beneath a core-API transaction, for writes of millions of entities: the
 * core API looks every label, type and property key up by name on each call and wraps each
 * entity in an object, where the kernel takes token ids resolved once and entity ids as longs.
 * Its checked {@link KernelException}s come out unchecked, their status kept as the cause (so
 * {@link TransientFailures} still sees a deadlock).
 */
final class KernelWrites {
    private KernelWrites() {}

    /** Kernel work that may throw the kernel's checked exceptions. */
    @FunctionalInterface
    interface KernelWork<T> {
        T run() throws KernelException;
    }

    static <T> T unchecked(KernelWork<T> work) {
        try {
            return work.run();
        } catch (KernelException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static KernelTransaction kernel(Transaction tx) {
        return ((InternalTransaction) tx).kernelTransaction();
    }

    static Write write(Transaction tx) {
        return unchecked(() -> kernel(tx).dataWrite());
    }

    static int label(Transaction tx, String name) {
        TokenWrite tokens = kernel(tx).tokenWrite();
        return unchecked(() -> tokens.labelGetOrCreateForName(name));
    }

    static int propertyKey(Transaction tx, String name) {
        TokenWrite tokens = kernel(tx).tokenWrite();
        return unchecked(() -> tokens.propertyKeyGetOrCreateForName(name));
    }

    static int relationshipType(Transaction tx, String name) {
        TokenWrite tokens = kernel(tx).tokenWrite();
        return unchecked(() -> tokens.relationshipTypeGetOrCreateForName(name));
    }
}
