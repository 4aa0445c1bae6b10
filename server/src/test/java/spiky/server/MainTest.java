package spiky.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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

    private record Run(int status, String out, String err) {}

    private static Run run(String... args) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
        try {
            int status = Main.run(args);
            return new Run(status, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void importPrintsASummaryAndAMalformedRowExitsWithFileAndLine() throws IOException {
        Path data = dir.resolve("data");
        Path good = dir.resolve("good.csv");
        Files.writeString(good, "item,context,timestamp\na,u1,100\nb,u1,101\nb,u2,102\n");
        Run ok = run("import", "--data", data.toString(), "--dataset", "good", "--format", "csv", "--path", good.toString());
        assertEquals(0, ok.status(), ok.err());
        assertTrue(ok.out().contains("3 interactions, 2 items, 2 contexts"), ok.out());
        assertTrue(ok.out().contains("rows/s"), ok.out());

        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "item,context,timestamp\na,u1,100\nb,u1,yesterday\n");
        Run refused = run("import", "--data", data.toString(), "--dataset", "bad", "--format", "csv", "--path", bad.toString());
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
            Run help = run(command, "--help");
            assertEquals(0, help.status(), command + ": " + help.err());
            assertTrue(help.out().contains("Usage: spiky " + command) && help.out().contains("--data"), help.out());
        }
    }

    @Test
    void generateRefusesAnUnknownKeyNamingTheNearestOne() {
        Run typo = run("generate", "--data", dir.resolve("g").toString(), "--dataset", "g", "-c", "comunities=4");
        assertEquals(Main.USER_ERROR, typo.status());
        assertTrue(typo.err().contains("Did you mean [communities]"), typo.err());
    }

    @Test
    void anUnknownFormatIsNamed() throws IOException {
        Path f = dir.resolve("x.csv");
        Files.writeString(f, "item,context\na,b\n");
        Run r = run("import", "--data", dir.resolve("d").toString(), "--dataset", "x", "--format", "parquet", "--path", f.toString());
        assertEquals(Main.USER_ERROR, r.status());
        assertTrue(r.err().contains("format") && r.err().contains("parquet"), r.err());
    }
}
