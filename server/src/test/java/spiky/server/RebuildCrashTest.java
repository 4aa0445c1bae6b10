package spiky.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spiky.importer.bulk.BulkImporter;
import spiky.server.db.DatabaseOptions;
import spiky.server.db.SpikyDatabase;

/**
 * kill -9 of a child JVM running the real {@code spiky import --mode rebuild} while it copies the
 * store, at several moments while the batch importer writes the new one, and as it copies the
 * system database just before the swap: afterwards every file of the data directory is byte for
 * byte as it was (the staging directory aside), or, when the kill came once the new store was
 * whole, the data directory's next opening holds both datasets whole; never a partial store.
 * The next rebuild is not hindered by what a killed one left.
 */
@Tag("process")
class RebuildCrashTest {
    private static final int STORE_ROWS = 300_000;
    private static final int ADDED_ROWS = 100_000;

    @TempDir
    Path dir;

    private static void csv(Path file, int rows, int items) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("item,context,timestamp\n");
            for (int i = 0; i < rows; i++) {
                w.write(((long) i * 7919 % items) + "," + (i / 10) + "," + (1_500_000_000 + i) + "\n");
            }
        }
    }

    @Test
    void killedAtAnyMomentTheDataDirectoryIsAsItWasOrHoldsBothDatasetsWhole() throws Exception {
        Path data = dir.resolve("data");
        Path base = dir.resolve("base.csv");
        Path added = dir.resolve("added.csv");
        csv(base, STORE_ROWS, 20_000);
        csv(added, ADDED_ROWS, 5_000);
        CliRun first = CliRun.of("import", "--data", data.toString(), "--dataset", "base", "--format", "csv", "--path", base.toString());
        assertEquals(0, first.status(), first.err());
        Files.createDirectories(data.resolve("import"));
        Files.writeString(data.resolve("import/notes.csv"), "item,context\nx,y\n");
        Files.writeString(data.resolve("api-token"), "token-kept-as-it-was");
        Path saved = dir.resolve("saved");
        copyTree(data, saved);
        Map<String, String> before = DataDirectoryFiles.digests(data);

        int untouched = 0;
        int whole = 0;
        String[][] kills = {{"copying the store (rebuild)", "0"}, {"writing the store (rebuild)", "0"}, {"writing the store (rebuild)", "2000"},
                {"writing the store (rebuild)", "5000"}, {"copying the system database (rebuild)", "0"}};
        for (String[] kill : kills) {
            KilledChild.killAfter(kill[0], Long.parseLong(kill[1]), 300,
                    "import", "--data", data.toString(), "--mode", "rebuild", "--dataset", "added", "--format", "csv", "--path", added.toString());
            if (before.equals(DataDirectoryFiles.digests(data))) {
                untouched++;
            } else {
                // the kill came once the new store was whole: its next opening finishes the swap
                checkWhole(data);
                whole++;
            }
            deleteTree(data);
            copyTree(saved, data);
        }
        assertTrue(untouched >= 3, "the kills before the new store was whole found every file as it was: " + untouched + " of " + kills.length
                + " (" + whole + " whole)");

        // a killed rebuild leaves staging behind; the next one clears it and runs
        KilledChild.killAfter("writing the store (rebuild)", 1000, 300,
                "import", "--data", data.toString(), "--mode", "rebuild", "--dataset", "added", "--format", "csv", "--path", added.toString());
        CliRun again = CliRun.of("import", "--data", data.toString(), "--mode", "rebuild", "--dataset", "added", "--format", "csv", "--path",
                added.toString());
        if (again.status() != 0) {
            // the kill came after the swap: the dataset is there, and the second rebuild refuses its name
            assertTrue(again.err().contains("already exists"), again.err());
        }
        assertFalse(Files.exists(data.resolve(BulkImporter.STAGING)), "no staging left after the next rebuild");
        checkWhole(data);
        assertEquals(before.get("api-token"), DataDirectoryFiles.digests(data).get("api-token"));
    }

    private static void checkWhole(Path data) {
        try (SpikyDatabase db = SpikyDatabase.open(DatabaseOptions.local(data))) {
            for (Object[] expected : new Object[][] {{"base", STORE_ROWS, 20_000, STORE_ROWS / 10}, {"added", ADDED_ROWS, 5_000, ADDED_ROWS / 10}}) {
                Map<String, Object> row = db.db().executeTransactionally("""
                        MATCH (d:Dataset {name: $name})
                        RETURN d.status AS status, COUNT { (:Item {dataset: $name})-[:IN]->(:Context {dataset: $name}) } AS in,
                               COUNT { (i:Item {dataset: $name}) } AS items, COUNT { (c:Context {dataset: $name}) } AS contexts
                        """, Map.of("name", expected[0]), r -> r.hasNext() ? r.next() : Map.of());
                assertEquals("ready", row.get("status"), expected[0] + ": " + row);
                assertEquals(((Integer) expected[1]).longValue(), row.get("in"));
                assertEquals(((Integer) expected[2]).longValue(), row.get("items"));
                assertEquals(((Integer) expected[3]).longValue(), row.get("contexts"));
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path target = to.resolve(from.relativize(p));
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(p);
            }
        }
    }
}
