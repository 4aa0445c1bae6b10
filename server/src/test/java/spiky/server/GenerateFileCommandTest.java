package spiky.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spiky.server.db.DatabaseOptions;
import spiky.server.db.SpikyDatabase;

/** {@code ./spiky generate-file}: files that {@code ./spiky import} reads back to the same counts and truth. */
class GenerateFileCommandTest {
    @TempDir
    Path dir;

    private static long number(String text, String label) {
        Matcher m = Pattern.compile("([0-9,]+) " + label).matcher(text);
        assertTrue(m.find(), label + " in: " + text);
        return Long.parseLong(m.group(1).replace(",", ""));
    }

    @Test
    void playlistsWrittenToGzipImportWithTheirCountsAndPlantedTruth() throws IOException {
        Path rows = dir.resolve("mpd.csv.gz");
        Path truth = dir.resolve("truth.csv");
        CliRun made = CliRun.of("generate-file", "--model", "playlists", "--out", rows.toString(), "--truth", truth.toString(),
                "-c", "playlists=1000", "-c", "tracks=20000", "-c", "communities=30", "-c", "meanLength=20");
        assertEquals(0, made.status(), made.err());
        long interactions = number(made.out(), "interactions");
        long tracks = number(made.out(), "distinct tracks");

        Path data = dir.resolve("data");
        CliRun imported = CliRun.of("import", "--data", data.toString(), "--dataset", "mpd", "--format", "csv",
                "--path", rows.toString(), "--items", truth.toString());
        assertEquals(0, imported.status(), imported.err());
        try (SpikyDatabase db = SpikyDatabase.open(DatabaseOptions.local(data))) {
            Map<String, Object> counts = db.db().executeTransactionally(
                    "MATCH (i:Item {dataset: 'mpd'}) WITH count(i) AS items, count(i.trueCommunity) AS planted, "
                            + "max(i.trueCommunity) AS top MATCH (:Item {dataset: 'mpd'})-[r:IN]->() "
                            + "RETURN items, planted, top, count(r) AS interactions",
                    Map.of(), r -> r.next());
            assertEquals(tracks, counts.get("items"));
            assertEquals(tracks, counts.get("planted"), "every item has its planted community");
            assertEquals(29L, counts.get("top"));
            assertEquals(interactions, counts.get("interactions"));
        }
    }

    @Test
    void aDcbmFileHoldsWhatGenerateWritesIntoTheDatabase() throws IOException {
        Path rows = dir.resolve("dcbm.csv");
        CliRun made = CliRun.of("generate-file", "--model", "dcbm", "--out", rows.toString(), "-c", "items=300", "-c", "contexts=400");
        assertEquals(0, made.status(), made.err());
        Path data = dir.resolve("data");
        assertEquals(0, CliRun.of("generate", "--data", data.toString(), "--dataset", "g", "-c", "items=300", "-c", "contexts=400").status());
        try (SpikyDatabase db = SpikyDatabase.open(DatabaseOptions.local(data))) {
            long inDb = db.db().executeTransactionally("MATCH (:Item {dataset: 'g'})-[r:IN]->() RETURN count(r) AS n", Map.of(),
                    r -> (Long) r.next().get("n"));
            try (Stream<String> lines = Files.lines(rows)) {
                assertEquals(inDb + 1, lines.count(), "a header and one line per interaction");
            }
            assertEquals(inDb, number(made.out(), "interactions"));
        }
    }

    @Test
    void helpListsEverySettingOfBothModels() {
        CliRun help = CliRun.of("generate-file", "--help");
        assertEquals(0, help.status(), help.err());
        for (String key : spiky.algo.generate.PlaylistConfig.KEYS) {
            assertTrue(help.out().contains("  " + key + " (default "), key + " in: " + help.out());
        }
        assertTrue(help.out().contains("  thetaMin (default "), help.out());
    }

    @Test
    void aRefusedSettingWritesNoFile() throws IOException {
        Path rows = dir.resolve("x.csv.gz");
        CliRun typo = CliRun.of("generate-file", "--model", "playlists", "--out", rows.toString(), "-c", "playlist=10");
        assertEquals(Main.USER_ERROR, typo.status());
        assertTrue(typo.err().contains("Did you mean [playlists]"), typo.err());
        CliRun model = CliRun.of("generate-file", "--model", "lfr", "--out", rows.toString());
        assertEquals(Main.USER_ERROR, model.status());
        assertTrue(model.err().contains("--model") && model.err().contains("playlists or dcbm"), model.err());
        try (Stream<Path> files = Files.list(dir)) {
            assertFalse(files.findAny().isPresent(), "nothing written, not even a .partial");
        }
    }
}
