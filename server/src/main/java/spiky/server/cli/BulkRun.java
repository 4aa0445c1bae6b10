package spiky.server.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Supplier;
import spiky.server.db.DataDirectoryLock;
import spiky.server.db.DatabaseOptions;
import spiky.server.db.SpikyDatabase;

/** A bulk write runs under the data directory's lock; the first opening afterwards builds the schema's constraints and indexes. */
final class BulkRun {
    private BulkRun() {}

    static <T> T underLock(Path dataDir, Supplier<T> work) {
        try (DataDirectoryLock lock = DataDirectoryLock.acquire(dataDir)) {
            return work.get();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens the new store once (cypher/schema.cypher, the pending write time) and closes it; returns the seconds it took. */
    static double firstOpen(Path dataDir) {
        long started = System.nanoTime();
        try (SpikyDatabase database = SpikyDatabase.open(DatabaseOptions.local(dataDir))) {
            return (System.nanoTime() - started) / 1e9;
        }
    }
}
