package spiky.importer.bulk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Puts a whole rebuilt store ({@code DATA/bulk-import.staging/data}) in the place of the data
 * directory's store ({@code DATA/data}). A directory cannot replace another one that holds files
 * in one rename, so the swap is two, made safe by a note written before the first: once the
 * note {@code DATA/bulk-import.staging/swap.ready} exists the new store is whole, and whatever
 * moment a kill comes, the next opening of the data directory ({@link #recover}) finishes the
 * swap; before the note nothing outside the staging directory has been touched, and the next
 * import clears it. The old store is moved aside (to {@code staging/previous}) and deleted only
 * when the new one is in place.
 */
public final class StoreSwap {
    /** The note that the staging directory's store is whole and is to replace the store. */
    static final String READY = "swap.ready";
    /** Where the old store waits while the new one is moved in. */
    static final String PREVIOUS = "previous";

    private StoreSwap() {}

    /** Whether a swap was begun and not finished (then the data directory has a store: the one in staging). */
    static boolean pending(Path dataDir) {
        return Files.exists(dataDir.resolve(BulkImporter.STAGING).resolve(READY));
    }

    /** Swaps the staging directory's store in; the caller holds the data directory's lock. */
    static void swap(Path dataDir) throws IOException {
        Path staging = dataDir.resolve(BulkImporter.STAGING);
        Path note = staging.resolve(READY);
        try (FileChannel ch = FileChannel.open(note, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        syncDirectory(staging);
        finish(dataDir);
    }

    /**
     * Called with the data directory's lock before anything opens or imports into its store:
     * finishes a swap a kill interrupted (the new store was whole). Does nothing otherwise.
     */
    public static void recover(Path dataDir) {
        if (!pending(dataDir)) {
            return;
        }
        try {
            finish(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish the store swap begun in " + dataDir.resolve(BulkImporter.STAGING)
                    + ": " + e.getMessage(), e);
        }
    }

    private static void finish(Path dataDir) throws IOException {
        Path staging = dataDir.resolve(BulkImporter.STAGING);
        Path store = dataDir.resolve(BulkImporter.STORE);
        Path fresh = staging.resolve(BulkImporter.STORE);
        if (Files.exists(fresh)) {
            if (Files.exists(store)) {
                Files.move(store, staging.resolve(PREVIOUS), StandardCopyOption.ATOMIC_MOVE);
            }
            Files.move(fresh, store, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(dataDir);
        }
        // The new store is in place: the note goes with the rest of the staging directory, the old store included.
        Files.delete(staging.resolve(READY));
        syncDirectory(staging);
        BulkImporter.clearStaging(dataDir);
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Some file systems cannot sync a directory; the renames are still atomic.
        }
    }
}
