package spiky.graph;

import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Work that must leave nothing behind when it fails: on any failure the undo runs, and the
 * failure is rethrown as it was; should the undo fail too, its failure travels with the first as
 * a suppressed exception, so the cause the user sees is the one that stopped the work.
 */
public final class Undo {
    private Undo() {}

    /** Runs {@code work}; on a failure runs {@code undo}, then rethrows the failure. */
    public static void run(Runnable work, Runnable undo) {
        get(() -> {
            work.run();
            return null;
        }, undo);
    }

    /** Returns what {@code work} returns; on a failure runs {@code undo}, then rethrows the failure. */
    public static <T> T get(Supplier<T> work, Runnable undo) {
        return get(work, failure -> undo.run());
    }

    /** As {@link #get(Supplier, Runnable)}, for an undo that records the failure (a run marked failed with its reason). */
    public static <T> T get(Supplier<T> work, Consumer<Throwable> undo) {
        try {
            return work.get();
        } catch (RuntimeException | Error failure) {
            try {
                undo.accept(failure);
            } catch (RuntimeException | Error undoFailure) {
                failure.addSuppressed(undoFailure);
            }
            throw failure;
        }
    }
}
