package spiky.graph;

import java.io.IOException;
import java.io.UncheckedIOException;
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

    /** File work: it may throw an IOException. */
    @FunctionalInterface
    public interface FileWork<T> {
        T get() throws IOException;
    }

    /** An undo of file work. */
    @FunctionalInterface
    public interface FileUndo {
        void run() throws IOException;
    }

    /**
     * As {@link #get(Supplier, Runnable)} for work on files: an IOException of the work comes out
     * as an UncheckedIOException whose message is "{@code what} failed: " and the cause's; one of
     * the undo travels with the failure, suppressed.
     */
    public static <T> T files(String what, FileWork<T> work, FileUndo undo) {
        return get(() -> {
            try {
                return work.get();
            } catch (IOException e) {
                throw new UncheckedIOException(what + " failed: " + e.getMessage(), e);
            }
        }, () -> {
            try {
                undo.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
