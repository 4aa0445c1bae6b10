package spiky.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spiky.server.db.DatabaseOptions;
import spiky.server.db.SpikyDatabase;

/** The command line as a user runs it: exit statuses, one-line errors, what ends up in the store. */
class MainTest {
    @TempDir
    Path dir;

    @Test
    void importPrintsASummaryAndAMalformedRowExitsWithFileAndLine() throws IOException {
        Path data = dir.resolve("data");
        Path good = dir.resolve("good.csv");
        Files.writeString(good, "item,context,timestamp\na,u1,100\nb,u1,101\nb,u2,102\n");
        CliRun ok = CliRun.of("import", "--data", data.toString(), "--dataset", "good", "--format", "csv", "--path", good.toString());
        assertEquals(0, ok.status(), ok.err());
        assertTrue(ok.out().contains("3 interactions, 2 items, 2 contexts"), ok.out());
        assertTrue(ok.out().contains("rows/s"), ok.out());

        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "item,context,timestamp\na,u1,100\nb,u1,yesterday\n");
        CliRun refused = CliRun.of("import", "--data", data.toString(), "--dataset", "bad", "--format", "csv", "--path", bad.toString());
        assertEquals(Main.USER_ERROR, refused.status());
        String last = refused.err().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("spiky: " + bad + ":3:"), refused.err());
        assertTrue(!refused.err().contains("\tat "), "one line, no stack trace: " + refused.err());

        try (SpikyDatabase db = SpikyDatabase.open(DatabaseOptions.local(data))) {
            long datasets = db.db().executeTransactionally("MATCH (d:Dataset) RETURN count(d) AS n", Map.of(), r -> (Long) r.next().get("n"));
            assertEquals(1, datasets);
        }
    }

    @Test
    void everySubcommandExplainsItsOptions() {
        for (String command : new String[] {"serve", "import", "generate", "pipeline", "export", "import-run"}) {
            CliRun help = CliRun.of(command, "--help");
            assertEquals(0, help.status(), command + ": " + help.err());
            assertTrue(help.out().contains("Usage: spiky " + command) && help.out().contains("--data"), help.out());
        }
    }

    @Test
    void generateRefusesAnUnknownKeyNamingTheNearestOne() {
        CliRun typo = CliRun.of("generate", "--data", dir.resolve("g").toString(), "--dataset", "g", "-c", "comunities=4");
        assertEquals(Main.USER_ERROR, typo.status());
        assertTrue(typo.err().contains("Did you mean [communities]"), typo.err());
    }

    @Test
    void anUnknownFormatIsNamed() throws IOException {
        Path f = dir.resolve("x.csv");
        Files.writeString(f, "item,context\na,b\n");
        CliRun r = CliRun.of("import", "--data", dir.resolve("d").toString(), "--dataset", "x", "--format", "parquet", "--path", f.toString());
        assertEquals(Main.USER_ERROR, r.status());
        assertTrue(r.err().contains("format") && r.err().contains("parquet"), r.err());
    }

    @Test
    void importTakesCornellReaderOptionsAndTheDatasetRecordsThem() throws IOException {
        Path data = dir.resolve("data");
        Path train = dir.resolve("train.txt");
        // Playlist 1: 5 distinct songs; 2: 4 distinct songs, 5 parts of line.split(' '); 3: 3 songs.
        Files.writeString(train, "0 1 2 3 4 5 6 7\n1 1 1 1 1 1 1 1\n0 1 2 3 4 \n4 5 6 7 \n5 6 7 \n");
        CliRun split = CliRun.of("import", "--data", data.toString(), "--dataset", "yes-split", "--format", "cornell", "--path", train.toString(),
                "-o", "minSongs=5", "-o", "countBy=split");
        assertEquals(0, split.status(), split.err());
        assertTrue(split.out().contains("(cornell, minSongs=5, countBy=split)") && split.out().contains("2 contexts; 1 rows skipped"), split.out());
        CliRun distinct = CliRun.of("import", "--data", data.toString(), "--dataset", "yes-distinct", "--format", "cornell", "--path", train.toString());
        assertEquals(0, distinct.status(), distinct.err());
        assertTrue(distinct.out().contains("(cornell, minSongs=5, countBy=distinct)") && distinct.out().contains("1 contexts; 2 rows skipped"),
                distinct.out());

        CliRun typo = CliRun.of("import", "--data", data.toString(), "--dataset", "typo", "--format", "cornell", "--path", train.toString(),
                "-o", "minsongs=4");
        assertEquals(Main.USER_ERROR, typo.status());
        assertTrue(typo.err().contains("Unexpected configuration key: minsongs (Did you mean [minSongs]?)"), typo.err());
        Path csv = dir.resolve("plays.csv");
        Files.writeString(csv, "item,context\na,u1\n");
        CliRun csvWithOption = CliRun.of("import", "--data", data.toString(), "--dataset", "c", "--format", "csv", "--path", csv.toString(),
                "-o", "countBy=split");
        assertEquals(Main.USER_ERROR, csvWithOption.status());
        assertTrue(csvWithOption.err().contains("Unexpected reader option countBy for the csv format"), csvWithOption.err());

        try (SpikyDatabase db = SpikyDatabase.open(DatabaseOptions.local(data))) {
            Map<String, Object> options = db.db().executeTransactionally(
                    "MATCH (d:Dataset) RETURN collect([d.name, d.readerOptions, d.contexts]) AS rows", Map.of(), r -> r.next());
            assertEquals(java.util.Set.of(java.util.List.of("yes-split", "minSongs=5, countBy=split", 2L),
                    java.util.List.of("yes-distinct", "minSongs=5, countBy=distinct", 1L)),
                    java.util.Set.copyOf((java.util.List<?>) options.get("rows")));
        }
    }
}
