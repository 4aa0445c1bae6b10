package spiky.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spiky.importer.bulk.BulkImporter;
import spiky.server.db.DatabaseOptions;
import spiky.server.db.SpikyDatabase;

/**
 * kill -9 of a child JVM running the real {@code spiky import --mode bulk}, while it reads and at
 * several moments while the batch importer writes: the data directory is afterwards exactly as it
 * was (its files, byte for byte; the staging directory aside), or, when the kill came after the
 * swap, it holds the whole dataset; never a partial store. What the killed import left in the
 * staging directory does not stand in the way of the next import.
 */
@Tag("process")
class BulkImportCrashTest {
    private static final int ROWS = 800_000;

    @TempDir
    Path dir;

    private Path data;
    private Path csv;

    @BeforeEach
    void anEmptyDataDirectoryWithItsImportFolderAndABigFile() throws IOException {
        data = dir.resolve("data");
        Files.createDirectories(data.resolve("import"));
        Files.writeString(data.resolve("import/notes.csv"), "item,context\nx,y\n");
        Files.writeString(data.resolve("api-token"), "token-kept-as-it-was");
        csv = dir.resolve("big.csv");
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("item,context,timestamp\n");
            for (int i = 0; i < ROWS; i++) {
                w.write(((long) i * 7919 % 20_000) + "," + (i / 10) + "," + (1_500_000_000 + i) + "\n");
            }
        }
    }

    @Test
    void killedWhileReadingTheDirectoryIsAsItWas() throws Exception {
        Map<String, String> before = DataDirectoryFiles.digests(data);
        killAfter("reading big.csv", 0);
        assertEquals(before, DataDirectoryFiles.digests(data), "every file as it was, nothing added but the staging directory");
        assertFalse(Files.exists(data.resolve(BulkImporter.STORE)));
        importAgainAndCheckWhole();
    }

    @Test
    void killedAtAnyMomentOfTheWriteTheDirectoryIsAsItWasOrHoldsTheWholeDataset() throws Exception {
        int untouched = 0;
        for (long delay : new long[] {0, 1_500, 4_000}) {
            Map<String, String> before = DataDirectoryFiles.digests(data);
            killAfter("writing the store (bulk)", delay);
            if (Files.exists(data.resolve(BulkImporter.STORE))) {
                // the kill came after the rename: the store is the whole dataset
                checkWhole();
            } else {
                untouched++;
                assertEquals(before, DataDirectoryFiles.digests(data), "killed " + delay + " ms into the write: every file as it was");
            }
            importAgainAndCheckWhole();
            deleteStore();
        }
        assertTrue(untouched >= 1, "at least the kill at the start of the write found the directory as it was");
    }

    private void importAgainAndCheckWhole() {
        CliRun again = CliRun.of("import", "--data", data.toString(), "--dataset", "big", "--format", "csv", "--path",
                csv.toString());
        if (!again.out().contains("[bulk]") && !Files.exists(data.resolve(BulkImporter.STORE))) {
            fail("the next import did not run: " + again.err());
        }
        assertFalse(Files.exists(data.resolve(BulkImporter.STAGING)), "the staging directory is gone after the next import");
        checkWhole();
    }

    private void checkWhole() {
        try (SpikyDatabase db = SpikyDatabase.open(DatabaseOptions.local(data))) {
            Map<String, Object> row = db.db().executeTransactionally("""
                    MATCH (d:Dataset {name: 'big'})
                    RETURN d.status AS status, d.interactions AS interactions,
                           COUNT { (:Item {dataset: 'big'})-[:IN]->(:Context {dataset: 'big'}) } AS in,
                           COUNT { (i:Item {dataset: 'big'}) } AS items, COUNT { (c:Context {dataset: 'big'}) } AS contexts
                    """, Map.of(), r -> r.next());
            assertEquals("ready", row.get("status"));
            assertEquals((long) ROWS, row.get("interactions"));
            assertEquals((long) ROWS, row.get("in"));
            assertEquals(20_000L, row.get("items"));
            assertEquals((long) ROWS / 10, row.get("contexts"));
        }
    }

    private void deleteStore() throws IOException {
        Path store = data.resolve(BulkImporter.STORE);
        try (Stream<Path> walk = Files.walk(store)) {
            for (Path p : walk.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(p);
            }
        }
    }

    /** Runs the bulk import in a child JVM and kills it (SIGKILL) {@code delayMillis} after its progress first shows {@code stage}. */
    private void killAfter(String stage, long delayMillis) throws Exception {
        KilledChild.killAfter(stage, delayMillis, 300,
                "import", "--data", data.toString(), "--mode", "bulk", "--dataset", "big", "--format", "csv", "--path", csv.toString());
    }
}
