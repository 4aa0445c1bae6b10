package spiky.importer.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The swap of a rebuilt store, interrupted at each of its steps: once the note says the new store
 * is whole, {@link StoreSwap#recover} puts it in place whatever step the kill came at; without
 * the note the old store stays and the staging directory is only cleared.
 */
class StoreSwapTest {
    @TempDir
    Path data;

    private Path staging() {
        return data.resolve(BulkImporter.STAGING);
    }

    private void store(Path at, String content) throws IOException {
        Files.createDirectories(at.resolve("databases/neo4j"));
        Files.writeString(at.resolve("databases/neo4j/neostore"), content);
    }

    private String storeContent() throws IOException {
        return Files.readString(data.resolve(BulkImporter.STORE).resolve("databases/neo4j/neostore"));
    }

    @Test
    void aKillBeforeTheNoteLeavesTheOldStoreAndTheStagingIsCleared() throws IOException {
        store(data.resolve(BulkImporter.STORE), "old");
        store(staging().resolve(BulkImporter.STORE), "new, maybe half");
        StoreSwap.recover(data);
        assertEquals("old", storeContent(), "no note: nothing moves");
        assertTrue(BulkImporter.hasStore(data));
        BulkImporter.clearStaging(data);
        assertEquals("old", storeContent());
        assertFalse(Files.exists(staging()));
    }

    @Test
    void aKillAfterTheNoteAndBeforeAnyRenameIsFinishedWithTheNewStore() throws IOException {
        store(data.resolve(BulkImporter.STORE), "old");
        store(staging().resolve(BulkImporter.STORE), "new");
        Files.createFile(staging().resolve(StoreSwap.READY));
        StoreSwap.recover(data);
        assertEquals("new", storeContent());
        assertFalse(Files.exists(staging()), "the old store and the note are gone");
    }

    @Test
    void aKillBetweenTheTwoRenamesLeavesNoStoreInPlaceYetTheDirectoryHasOneAndRecoveryMovesItIn() throws IOException {
        store(staging().resolve(StoreSwap.PREVIOUS), "old");
        store(staging().resolve(BulkImporter.STORE), "new");
        Files.createFile(staging().resolve(StoreSwap.READY));
        assertFalse(Files.exists(data.resolve(BulkImporter.STORE)));
        assertTrue(BulkImporter.hasStore(data), "a pending swap counts as a store: auto must not start a bulk import here");
        BulkImporter.clearStaging(data); // what the next import does first
        assertEquals("new", storeContent());
        assertFalse(Files.exists(staging()));
    }

    @Test
    void aKillAfterBothRenamesOnlyLeavesTheNoteAndTheOldStoreToDelete() throws IOException {
        store(data.resolve(BulkImporter.STORE), "new");
        store(staging().resolve(StoreSwap.PREVIOUS), "old");
        Files.createFile(staging().resolve(StoreSwap.READY));
        StoreSwap.recover(data);
        assertEquals("new", storeContent());
        assertFalse(Files.exists(staging()));
    }

    @Test
    void theNameOfAnIndexOrConstraintIsReadFromNeo4jsOwnStatement() {
        assertEquals("note_key", StoreRebuild.nameOf("CREATE CONSTRAINT `note_key` FOR (n:`Note`) REQUIRE (n.`key`) IS UNIQUE"));
        assertEquals("odd`name", StoreRebuild.nameOf("CREATE RANGE INDEX `odd``name` FOR (n:`Note`) ON (n.`on`)"));
        assertNull(StoreRebuild.nameOf("CREATE INDEX FOR (n:Note) ON (n.on)"));
    }
}
