package spiky.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spiky.importer.bulk.BulkImporter;
import spiky.server.db.DatabaseOptions;
import spiky.server.db.SpikyDatabase;

/**
 * {@code spiky import --mode bulk}: the store Neo4j's batch importer builds holds exactly the
 * graph the transactional path writes for the same file; a bad row refuses it with file and line
 * and leaves the directory as it was; the rule of {@code --mode auto}.
 */
class BulkImportTest {
    @TempDir
    Path dir;

    /**
     * A csv of string ids with repeated pairs (an earlier timestamp later in the file), rows
     * without timestamp or weight, names with quotes, and a truth file with a name per item.
     */
    static void writeCsv(Path plays, Path truth, int rows, long seed) throws IOException {
        Random random = new Random(seed);
        StringBuilder csv = new StringBuilder("item,context,timestamp,weight,name\n");
        for (int r = 0; r < rows; r++) {
            int item = (int) Math.floor(Math.pow(random.nextDouble(), 2) * 400);
            String ts = random.nextInt(20) == 0 ? "" : Long.toString(1_500_000_000L + random.nextInt(1_000_000));
            String w = random.nextInt(15) == 0 ? "" : Integer.toString(1 + random.nextInt(5));
            csv.append("it-").append(item).append(",ctx ").append(random.nextInt(700)).append(',').append(ts).append(',').append(w)
                    .append(',').append(item % 7 == 0 ? "\"Song \"\"" + item + "\"\", live\"" : "").append('\n');
        }
        Files.writeString(plays, csv);
        StringBuilder t = new StringBuilder("item,community,theta,name\n");
        for (int item = 0; item < 400; item++) {
            t.append("it-").append(item).append(',').append(item % 5).append(',').append(0.5 + item / 100.0).append(',')
                    .append(item % 3 == 0 ? "" : "Name " + item).append('\n');
        }
        Files.writeString(truth, t);
    }

    @Test
    void theBulkStoreHoldsTheSameGraphAsTheTransactionalPathNodeForNodeAndPropertyForProperty() throws IOException {
        Path plays = dir.resolve("plays.csv");
        Path truth = dir.resolve("truth.csv");
        writeCsv(plays, truth, 6_000, 11);
        Path uData = dir.resolve("u.data");
        StringBuilder u = new StringBuilder();
        Random random = new Random(5);
        for (int r = 0; r < 3_000; r++) {
            u.append(1 + random.nextInt(300)).append('\t').append(1 + random.nextInt(500)).append('\t').append(1 + random.nextInt(5))
                    .append('\t').append(880_000_000 + random.nextInt(1_000_000)).append('\n');
        }
        Files.writeString(uData, u);

        Path bulk = dir.resolve("bulk");
        Path tx = dir.resolve("tx");
        CliRun b = CliRun.of("import", "--data", bulk.toString(), "--mode", "bulk", "--dataset", "plays", "--format", "csv", "--path", plays.toString(),
                "--items", truth.toString());
        assertEquals(0, b.status(), b.err());
        assertTrue(b.out().contains("[bulk]"), b.out());
        CliRun t = CliRun.of("import", "--data", tx.toString(), "--mode", "transactional", "--dataset", "plays", "--format", "csv", "--path",
                plays.toString(), "--items", truth.toString());
        assertEquals(0, t.status(), t.err());
        assertTrue(t.out().contains("[transactional]"), t.out());
        // A second dataset with integer ids: transactional on both (auto on a directory that has a store)
        for (Path d : List.of(bulk, tx)) {
            CliRun m = CliRun.of("import", "--data", d.toString(), "--dataset", "ml", "--format", "movielens", "--path", uData.toString());
            assertEquals(0, m.status(), m.err());
            assertTrue(m.out().contains("[transactional]"), m.out());
        }
        Path bulkMl = dir.resolve("bulk-ml");
        Path txMl = dir.resolve("tx-ml");
        assertEquals(0, CliRun.of("import", "--data", bulkMl.toString(), "--dataset", "ml", "--format", "movielens", "--path", uData.toString()).status());
        assertEquals(0, CliRun.of("import", "--data", txMl.toString(), "--mode", "transactional", "--dataset", "ml", "--format", "movielens",
                "--path", uData.toString()).status());

        for (Path[] pair : new Path[][] {{bulk, tx}, {bulkMl, txMl}}) {
            try (SpikyDatabase a = SpikyDatabase.open(DatabaseOptions.local(pair[0]));
                    SpikyDatabase c = SpikyDatabase.open(DatabaseOptions.local(pair[1]))) {
                List<String> nodes = GraphDump.nodes(a);
                assertTrue(nodes.size() > 500, "a real graph: " + nodes.size());
                assertEquals(GraphDump.nodes(c), nodes);
                List<String> rels = GraphDump.relationships(a);
                assertEquals(GraphDump.relationships(c), rels);
                assertEquals(GraphDump.schema(c), GraphDump.schema(a), "the same constraints and indexes, online");
                for (SpikyDatabase db : List.of(a, c)) {
                    Map<String, Object> timing = db.db().executeTransactionally(
                            "MATCH (d:Dataset) WITH d ORDER BY d.name LIMIT 1 RETURN d.importedAt AS at, d.writeSeconds AS s", Map.of(), r -> r.next());
                    assertInstanceOf(ZonedDateTime.class, timing.get("at"));
                    assertTrue(((Double) timing.get("s")) > 0, "writeSeconds recorded: " + timing);
                }
            }
        }
        assertFalse(Files.exists(bulk.resolve(BulkImporter.STAGING)), "no staging directory left");
    }

    @Test
    void aBadRowRefusesTheBulkImportWithFileAndLineAndWritesNothing() throws IOException {
        Path plays = dir.resolve("plays.csv");
        Path truth = dir.resolve("truth.csv");
        writeCsv(plays, truth, 2_000, 3);
        List<String> lines = Files.readAllLines(plays);
        lines.set(1500, "it-1,ctx 2,yesterday,1,");
        Files.write(plays, lines);
        Path data = dir.resolve("data");
        Files.createDirectories(data.resolve("import"));
        Files.writeString(data.resolve("import/keep.csv"), "a,b\n");

        CliRun refused = CliRun.of("import", "--data", data.toString(), "--mode", "bulk", "--dataset", "plays", "--format", "csv", "--path", plays.toString());
        assertEquals(Main.USER_ERROR, refused.status());
        String last = refused.err().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("spiky: " + plays + ":1501:"), refused.err());
        assertFalse(Files.exists(data.resolve(BulkImporter.STORE)), "no store written");
        assertFalse(Files.exists(data.resolve(BulkImporter.STAGING)), "no staging left");
        assertEquals("a,b\n", Files.readString(data.resolve("import/keep.csv")));

        // the same directory then takes a good file by the auto rule
        writeCsv(plays, truth, 2_000, 3);
        CliRun ok = CliRun.of("import", "--data", data.toString(), "--dataset", "plays", "--format", "csv", "--path", plays.toString());
        assertEquals(0, ok.status(), ok.err());
        assertTrue(ok.out().contains("[bulk]"), ok.out());
    }

    @Test
    void bulkIntoADirectoryThatHasAStoreIsRefusedBeforeReadingAndChangesNothing() throws IOException {
        Path plays = dir.resolve("plays.csv");
        Path truth = dir.resolve("truth.csv");
        writeCsv(plays, truth, 500, 1);
        Path data = dir.resolve("data");
        assertEquals(0, CliRun.of("import", "--data", data.toString(), "--mode", "transactional", "--dataset", "first", "--format", "csv", "--path",
                plays.toString()).status());
        List<String> before;
        try (SpikyDatabase db = SpikyDatabase.open(DatabaseOptions.local(data))) {
            before = GraphDump.nodes(db);
        }
        CliRun refused = CliRun.of("import", "--data", data.toString(), "--mode", "bulk", "--dataset", "second", "--format", "csv", "--path",
                plays.toString());
        assertEquals(Main.USER_ERROR, refused.status());
        assertTrue(refused.err().contains("mode") && refused.err().contains("already holds one") && refused.err().contains("--mode transactional"),
                refused.err());
        try (SpikyDatabase db = SpikyDatabase.open(DatabaseOptions.local(data))) {
            assertEquals(before, GraphDump.nodes(db));
        }
        CliRun auto = CliRun.of("import", "--data", data.toString(), "--dataset", "second", "--format", "csv", "--path", plays.toString());
        assertEquals(0, auto.status(), auto.err());
        assertTrue(auto.out().contains("[transactional]"), "auto on a directory with a store: " + auto.out());
    }

    @Test
    void generateOnAnEmptyDirectoryGoesThroughTheBulkPathAndWritesWhatTheProcedureWrites() {
        Path bulk = dir.resolve("gen-bulk");
        Path tx = dir.resolve("gen-tx");
        String[] settings = {"--seed", "3", "-c", "items=1500", "-c", "contexts=2500", "-c", "communities=6"};
        CliRun b = CliRun.of(concat(new String[] {"generate", "--data", bulk.toString(), "--dataset", "g"}, settings));
        assertEquals(0, b.status(), b.err());
        assertTrue(b.out().contains("[bulk]"), b.out());
        CliRun t = CliRun.of(concat(new String[] {"generate", "--data", tx.toString(), "--mode", "transactional", "--dataset", "g"}, settings));
        assertEquals(0, t.status(), t.err());
        assertTrue(t.out().contains("[transactional]"), t.out());
        try (SpikyDatabase a = SpikyDatabase.open(DatabaseOptions.local(bulk));
                SpikyDatabase c = SpikyDatabase.open(DatabaseOptions.local(tx))) {
            List<String> nodes = GraphDump.nodes(a);
            assertTrue(nodes.stream().anyMatch(n -> n.contains("dcbm.communities=6:Long")), "generator parameters on the Dataset node");
            assertEquals(GraphDump.nodes(c), nodes);
            assertEquals(GraphDump.relationships(c), GraphDump.relationships(a));
        }
        CliRun again = CliRun.of(concat(new String[] {"generate", "--data", bulk.toString(), "--mode", "bulk", "--dataset", "h"}, settings));
        assertEquals(Main.USER_ERROR, again.status());
        assertTrue(again.err().contains("already holds one"), again.err());
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void anUnknownModeIsNamedWithTheValidOnes() throws IOException {
        Path f = dir.resolve("x.csv");
        Files.writeString(f, "item,context\na,b\n");
        CliRun r = CliRun.of("import", "--data", dir.resolve("d").toString(), "--mode", "fast", "--dataset", "x", "--format", "csv", "--path", f.toString());
        assertEquals(Main.USER_ERROR, r.status());
        assertTrue(r.err().contains("mode") && r.err().contains("'fast'") && r.err().contains("[auto, bulk, transactional, rebuild]"), r.err());
    }
}
