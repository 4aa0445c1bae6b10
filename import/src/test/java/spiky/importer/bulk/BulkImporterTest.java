package spiky.importer.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.data.Interactions;
import spiky.data.InteractionsBuilder;

/** The bulk writer's directory handling, on real stores written by Neo4j's importer. */
class BulkImporterTest {
    @TempDir
    Path dir;

    private static Interactions small() {
        InteractionsBuilder b = new InteractionsBuilder();
        for (int r = 0; r < 5_000; r++) {
            b.add("i" + (r % 300), "c" + (r / 7), 1_600_000_000L + r, r % 5);
        }
        return b.build();
    }

    @Test
    void aWholeStoreIsMovedInWithItsPendingNoteAndTheStagingDirectoryIsGone() {
        Path data = dir.resolve("data");
        double seconds = new BulkImporter(Progress.NONE).write(data, "d", small(), Map.of("format", "csv"));
        assertTrue(seconds > 0);
        assertTrue(Files.isDirectory(data.resolve(BulkImporter.STORE).resolve("databases/neo4j")), "the store is in place");
        assertTrue(Files.exists(data.resolve(BulkImporter.STORE).resolve(BulkImporter.PENDING)), "the write time waits for the first opening");
        assertFalse(Files.exists(data.resolve(BulkImporter.STAGING)));
        assertEquals(ImportMode.TRANSACTIONAL, ImportMode.AUTO.resolve(data), "auto: a directory with a store takes transactions");
        InvalidInputException again = assertThrows(InvalidInputException.class,
                () -> new BulkImporter(Progress.NONE).write(data, "e", small(), Map.of()));
        assertTrue(again.getMessage().contains("already holds one"), again.getMessage());
    }

    @Test
    void aFailureInsideTheImporterLeavesNoStoreAndNoStaging() throws IOException {
        Path data = dir.resolve("data");
        Files.createDirectories(data.resolve(BulkImporter.STAGING).resolve("left-by-a-killed-import"));
        assertEquals(ImportMode.BULK, ImportMode.AUTO.resolve(data), "auto: a directory without a store takes the bulk path");
        // a property value Neo4j cannot store makes the importer fail in the middle of the node stage
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> new BulkImporter(Progress.NONE).write(data, "d", small(), Map.of("bad", new Object())));
        assertFalse(e instanceof InvalidInputException, "not a user mistake: " + e);
        assertFalse(Files.exists(data.resolve(BulkImporter.STORE)), "no store");
        assertFalse(Files.exists(data.resolve(BulkImporter.STAGING)), "no staging left, the old leftovers included");
    }
}
