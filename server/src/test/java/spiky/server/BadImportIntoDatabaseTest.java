package spiky.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.importer.DatasetImporter;
import spiky.importer.ImportRequest;
import spiky.server.BadImportFiles.Case;
import spiky.server.db.DatabaseOptions;
import spiky.server.db.SpikyDatabase;

/**
 * Every case of the malformed corpus through the real import path into a database that already
 * holds datasets: a refused file names itself and its line, and leaves the database exactly as
 * it was, even when it was meant to replace an existing dataset.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadImportIntoDatabaseTest {
    @TempDir
    static Path dir;

    private SpikyDatabase database;
    private final AtomicInteger counter = new AtomicInteger();

    @BeforeAll
    void open() {
        database = SpikyDatabase.open(DatabaseOptions.local(dir.resolve("data")));
        ImportSamples existing = ImportSamples.csv();
        existing.writeTo(dir.resolve("existing"));
        importer().run(new ImportRequest("existing", "csv", dir.resolve("existing").resolve(existing.main()), null, false));
        database.db().executeTransactionally("CALL spiky.dcbm.generate('dcbm', {items: 60, contexts: 90, seed: 1})");
    }

    @AfterAll
    void close() {
        if (database != null) {
            database.close();
        }
    }

    private DatasetImporter importer() {
        return new DatasetImporter(database.db(), Progress.NONE);
    }

    static List<Case> failing() {
        return BadImportFiles.failing();
    }

    static List<Case> accepted() {
        return BadImportFiles.accepted();
    }

    /** Writes the case's files into a folder of its own; the request for {@code dataset}. */
    private ImportRequest request(Case c, Path folder, String dataset, boolean replace) {
        c.input().writeTo(folder);
        Path items = c.input().items() == null ? null : folder.resolve(c.input().items());
        return new ImportRequest(dataset, c.input().format(), folder.resolve(c.input().main()), items, replace);
    }


    @ParameterizedTest(name = "{0}")
    @MethodSource("failing")
    void isRefusedNamingTheFileAndLeavesTheDatabaseAsItWas(Case c) {
        Path folder = dir.resolve("case" + counter.incrementAndGet());
        String dataset = "bad" + counter.get();
        Footprint before = Footprint.of(database.db());

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> importer().run(request(c, folder, dataset, false)));
        assertTrue(c.message(folder).matcher(e.getMessage()).matches(),
                "expected " + folder.resolve(c.file()) + c.expected() + "\n but the message was " + abbreviated(e.getMessage()));
        assertEquals(before, Footprint.of(database.db()));
        assertEquals(0, Footprint.traces(database.db(), dataset));

        // Replacing an existing dataset with a broken file must keep the old one whole.
        InvalidInputException again = assertThrows(InvalidInputException.class,
                () -> importer().run(request(c, folder, "existing", true)));
        assertEquals(e.getMessage(), again.getMessage());
        assertEquals(before, Footprint.of(database.db()));
        assertEquals("ready", database.db().executeTransactionally(
                "MATCH (d:Dataset {name: 'existing'}) RETURN d.status AS s", Map.of(), r -> r.next().get("s")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void isImportedWithTheExpectedCounts(Case c) {
        Path folder = dir.resolve("case" + counter.incrementAndGet());
        String dataset = "good" + counter.get();
        importer().run(request(c, folder, dataset, false));
        Map<String, Object> d = database.db().executeTransactionally(
                "MATCH (d:Dataset {name: $d}) RETURN d.items AS items, d.contexts AS contexts, d.interactions AS interactions, "
                        + "COUNT { (:Item {dataset: $d})-[:IN]->() } AS relationships",
                Map.of("d", dataset), r -> r.next());
        long[] counts = c.counts();
        assertEquals(List.of(counts[0], counts[1], counts[2], counts[2]),
                List.of(d.get("items"), d.get("contexts"), d.get("interactions"), d.get("relationships")), c.name());
    }

    static List<ImportSamples> samples() {
        return ImportSamples.all();
    }

    /**
     * A few of {@link MutatedImportFilesTest}'s mutations through the database: a refused one
     * leaves it exactly as it was, an accepted one adds a whole, ready dataset.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void mutationsThatAreRefusedLeaveTheDatabaseAsItWas(ImportSamples sample) throws IOException {
        Path folder = dir.resolve("mutants" + counter.incrementAndGet());
        sample.writeTo(folder);
        int refused = 0;
        for (int i = 0; i < 40 && refused < 4; i++) {
            Mutations.Mutant mutant = Mutations.of(sample.files().get(sample.target()), 7_919L * i + sample.label().length());
            Files.write(folder.resolve(sample.target()), mutant.bytes());
            String dataset = "mutant" + counter.incrementAndGet();
            Footprint before = Footprint.of(database.db());
            try {
                importer().run(request(sample, folder, dataset));
            } catch (InvalidInputException e) {
                refused++;
                assertTrue(e.getMessage().startsWith(folder.resolve(sample.target()) + ":"), mutant.description() + ": " + e.getMessage());
                assertEquals(before, Footprint.of(database.db()), mutant.description());
                assertEquals(0, Footprint.traces(database.db(), dataset), mutant.description());
                continue;
            }
            assertEquals("ready", database.db().executeTransactionally("MATCH (d:Dataset {name: $d}) RETURN d.status AS s",
                    Map.of("d", dataset), r -> r.next().get("s")), mutant.description());
        }
        assertEquals(4, refused, "four refused mutations in forty tries");
    }

    private static ImportRequest request(ImportSamples input, Path folder, String dataset) {
        Path items = input.items() == null ? null : folder.resolve(input.items());
        return new ImportRequest(dataset, input.format(), folder.resolve(input.main()), items, false);
    }

    /** Messages quote at most 60 characters of a value, but a failing test should not print 10 MB either. */
    static String abbreviated(String message) {
        return message.length() <= 500 ? message : message.substring(0, 500) + "... (" + message.length() + " characters)";
    }
}
