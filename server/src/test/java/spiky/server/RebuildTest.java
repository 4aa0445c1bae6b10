package spiky.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spiky.importer.bulk.BulkImporter;
import spiky.importer.bulk.ImportMode;
import spiky.server.db.DatabaseOptions;
import spiky.server.db.SpikyDatabase;

/**
 * {@code spiky import --mode rebuild}: a store with a dataset, finished pipeline runs (one whose
 * PPMI matrix is in a file naming Item nodes by id), a deleted run (holes in the node ids) and a
 * node kind spiky does not know, rebuilt with a second dataset through Neo4j's batch importer.
 * The old graph comes back node for node (same internal ids), property for property and
 * relationship for relationship, with its constraints and indexes; the new dataset is what the
 * transactional path writes; the old runs' reports answer the same; the store takes
 * transactional writes afterwards. Refusals (a bad row, a name the store has) leave every file
 * as it was.
 */
class RebuildTest {
    @TempDir
    Path dir;

    private static Path movieLens(Path file, int rows, long seed) throws IOException {
        StringBuilder u = new StringBuilder();
        Random random = new Random(seed);
        for (int r = 0; r < rows; r++) {
            u.append(1 + random.nextInt(300)).append('\t').append(1 + random.nextInt(500)).append('\t').append(1 + random.nextInt(5))
                    .append('\t').append(880_000_000 + random.nextInt(1_000_000)).append('\n');
        }
        Files.writeString(file, u);
        return file;
    }

    /** A store holding dataset 'plays' with two finished runs (the first with its PPMI matrix in a file), a deleted one, and a note node of its own kind. */
    private Path storeWithRuns() throws IOException {
        Path plays = dir.resolve("plays.csv");
        Path truth = dir.resolve("truth.csv");
        BulkImportTest.writeCsv(plays, truth, 6_000, 11);
        Path data = dir.resolve("data");
        CliRun first = CliRun.of("import", "--data", data.toString(), "--dataset", "plays", "--format", "csv", "--path", plays.toString(),
                "--items", truth.toString());
        assertEquals(0, first.status(), first.err());
        Files.createDirectories(data.resolve("import"));
        Files.writeString(data.resolve("import/keep.csv"), "item,context\nx,y\n");
        Files.writeString(data.resolve("api-token"), "token-kept-as-it-was");
        Files.writeString(data.resolve("neo4j-password"), "password-kept-as-it-was");
        try (SpikyDatabase db = SpikyDatabase.open(DatabaseOptions.local(data))) {
            run(db, "CALL spiky.pipeline('plays', {rank: 16, spkDims: [8, 16], seed: 1, maxPpmiRelationships: 10, ppmiGraphTopK: 3})");
            run(db, "CALL spiky.pipeline('plays', {rank: 8, spkDims: [8], seed: 2, minCount: 2})");
            String doomed = run(db, "CALL spiky.pipeline('plays', {rank: 8, spkDims: [8], seed: 3, minCount: 3})");
            db.db().executeTransactionally("CALL spiky.run.delete($r)", Map.of("r", doomed));
            db.db().executeTransactionally("""
                    MATCH (d:Dataset {name: 'plays'})
                    CREATE (:Note {key: 'n1', on: date('2026-12-07'), at: point({x: 1.5, y: 2.5}), tags: ['a', 'b'], xs: [1.5, 2.5]})
                           -[:ABOUT {weight: 0.5, since: datetime('2026-12-07T10:00:00Z')}]->(d)
                    """);
            db.db().executeTransactionally("CREATE CONSTRAINT note_key IF NOT EXISTS FOR (n:Note) REQUIRE n.key IS UNIQUE");
            db.db().executeTransactionally("CREATE INDEX note_on IF NOT EXISTS FOR (n:Note) ON (n.on)");
            db.db().executeTransactionally("CALL db.awaitIndexes(300)");
        }
        return data;
    }

    private static String run(SpikyDatabase db, String pipeline) {
        return db.db().executeTransactionally(pipeline + " YIELD runId RETURN runId", Map.of(), r -> (String) r.next().get("runId"));
    }

    /** What the reports of every finished run of 'plays' answer: spiky.degrees at each f' of its Spk table. */
    private static List<String> reports(SpikyDatabase db) {
        List<String> out = new ArrayList<>();
        List<Map<String, Object>> runs = db.db().executeTransactionally(
                "MATCH (r:EmbeddingRun {status: 'finished', dataset: 'plays'}) RETURN r.id AS id, r.spkF AS f ORDER BY id", Map.of(),
                r -> r.stream().toList());
        for (Map<String, Object> run : runs) {
            for (long f : (long[]) run.get("f")) {
                out.add(run.get("id") + "@" + f + ": " + db.db().executeTransactionally("""
                        CALL spiky.degrees($r, {f: $f}) YIELD item, spike, norm, interactions, ppmiDegree, intraDegree
                        RETURN collect([item, spike, norm, interactions, ppmiDegree, intraDegree]) AS rows
                        """, Map.of("r", run.get("id"), "f", f), r -> r.next().get("rows").toString()));
            }
        }
        return out;
    }

    private static List<Path> ppmiFiles(Path data) throws IOException {
        try (Stream<Path> s = Files.walk(data.resolve("spiky-ppmi"))) {
            return s.filter(p -> p.toString().endsWith(".csr")).toList();
        }
    }

    @Test
    void theRebuiltStoreHoldsTheOldGraphNodeForNodeWithItsIdsAndTheNewDatasetAsTransactionsWriteIt() throws IOException {
        Path data = storeWithRuns();
        assertEquals(1, ppmiFiles(data).size(), "the first run's matrix is in a file naming Item nodes by id");
        Path uData = movieLens(dir.resolve("u.data"), 3_000, 5);
        Map<Long, String> nodesBefore;
        List<String> nodes;
        List<String> rels;
        List<String> relsById;
        List<String> schema;
        List<String> reports;
        try (SpikyDatabase db = SpikyDatabase.open(DatabaseOptions.local(data))) {
            nodesBefore = GraphDump.nodesById(db);
            nodes = GraphDump.nodes(db);
            rels = GraphDump.relationships(db);
            relsById = GraphDump.relationshipsByNodeIds(db);
            schema = GraphDump.schema(db);
            reports = reports(db);
        }
        long highest = nodesBefore.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
        assertTrue(highest + 1 > nodesBefore.size(), "the deleted run left holes in the node ids: " + nodesBefore.size() + " nodes, highest " + highest);
        assertEquals(3, reports.size(), "two finished runs, three f' levels: " + reports.size());
        Map<String, String> beside = besideTheStore(data);

        CliRun rebuild = CliRun.of("import", "--data", data.toString(), "--mode", "rebuild", "--dataset", "ml", "--format", "movielens",
                "--path", uData.toString());
        assertEquals(0, rebuild.status(), rebuild.err());
        assertTrue(rebuild.out().contains("[rebuild]"), rebuild.out());
        assertFalse(Files.exists(data.resolve(BulkImporter.STAGING)), "no staging left");
        assertEquals(beside, besideTheStore(data), "the PPMI file, the import folder and the secrets as they were");

        Path tx = dir.resolve("tx");
        assertEquals(0, CliRun.of("import", "--data", tx.toString(), "--mode", "transactional", "--dataset", "ml", "--format", "movielens",
                "--path", uData.toString()).status());
        List<String> txNodes;
        List<String> txRels;
        try (SpikyDatabase t = SpikyDatabase.open(DatabaseOptions.local(tx))) {
            txNodes = GraphDump.nodes(t);
            txRels = GraphDump.relationships(t);
        }
        try (SpikyDatabase db = SpikyDatabase.open(DatabaseOptions.local(data))) {
            Map<Long, String> after = GraphDump.nodesById(db);
            Map<Long, String> old = new TreeMap<>(after);
            old.keySet().retainAll(nodesBefore.keySet());
            assertEquals(nodesBefore, old, "every old node keeps its id, labels and properties");
            assertEquals(sorted(nodes, txNodes), GraphDump.nodes(db), "the old nodes and the new dataset's, as the transactional path writes them");
            assertEquals(sorted(rels, txRels), GraphDump.relationships(db), "the old relationships and the new dataset's");
            List<String> oldRels = new ArrayList<>(GraphDump.relationshipsByNodeIds(db));
            oldRels.removeIf(line -> Long.parseLong(line.substring(0, line.indexOf('-'))) > highest);
            assertEquals(relsById, oldRels, "each old relationship between the same nodes, by id");
            assertEquals(schema, GraphDump.schema(db), "the same constraints and indexes (the old store's own among them), online");
            assertEquals(reports, reports(db), "the old runs' reports answer the same, the one reading the PPMI file included");
            Map<String, Object> ml = db.db().executeTransactionally("MATCH (d:Dataset {name: 'ml'}) RETURN d.status AS s, d.writeSeconds AS w",
                    Map.of(), r -> r.next());
            assertEquals("ready", ml.get("s"));
            assertTrue((Double) ml.get("w") > 0, "writeSeconds recorded: " + ml);
        }

        // The rebuilt store takes transactional writes: new nodes do not land on old ids, and the new dataset embeds.
        Path more = movieLens(dir.resolve("more.data"), 1_000, 9);
        CliRun third = CliRun.of("import", "--data", data.toString(), "--dataset", "more", "--format", "movielens", "--path", more.toString());
        assertEquals(0, third.status(), third.err());
        assertTrue(third.out().contains("[transactional]"), "a small addition to a store goes through transactions: " + third.out());
        try (SpikyDatabase db = SpikyDatabase.open(DatabaseOptions.local(data))) {
            run(db, "CALL spiky.pipeline('ml', {rank: 8, spkDims: [8], seed: 4})");
            Map<Long, String> after = GraphDump.nodesById(db);
            after.keySet().retainAll(nodesBefore.keySet());
            assertEquals(nodesBefore, after, "the old nodes untouched by later writes");
            assertEquals(reports, reports(db), "and their reports");
        }
    }

    private static List<String> sorted(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        out.sort(null);
        return out;
    }

    /** The data directory's files outside the store (PPMI files, import folder, secrets), with digests. */
    private static Map<String, String> besideTheStore(Path data) throws IOException {
        Map<String, String> all = DataDirectoryFiles.digests(data);
        all.keySet().removeIf(k -> k.startsWith(BulkImporter.STORE));
        assertTrue(all.containsKey("api-token") && all.keySet().stream().anyMatch(k -> k.endsWith(".csr")), all.keySet().toString());
        return all;
    }

    @Test
    void aBadRowOrANameTheStoreHasRefusesTheRebuildAndLeavesEveryFileAsItWas() throws IOException {
        Path plays = dir.resolve("plays.csv");
        Path truth = dir.resolve("truth.csv");
        BulkImportTest.writeCsv(plays, truth, 2_000, 3);
        Path data = dir.resolve("data");
        assertEquals(0, CliRun.of("import", "--data", data.toString(), "--dataset", "plays", "--format", "csv", "--path", plays.toString()).status());
        Map<String, String> before = DataDirectoryFiles.digests(data);

        Path bad = dir.resolve("bad.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(plays));
        lines.set(1200, "it-1,ctx 2,yesterday,1,");
        Files.write(bad, lines);
        CliRun refused = CliRun.of("import", "--data", data.toString(), "--mode", "rebuild", "--dataset", "second", "--format", "csv",
                "--path", bad.toString());
        assertEquals(Main.USER_ERROR, refused.status());
        String last = refused.err().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("spiky: " + bad + ":1201:"), refused.err());
        assertEquals(before, DataDirectoryFiles.digests(data), "a bad row: every file as it was");

        CliRun taken = CliRun.of("import", "--data", data.toString(), "--mode", "rebuild", "--dataset", "plays", "--format", "csv",
                "--path", plays.toString());
        assertEquals(Main.USER_ERROR, taken.status());
        assertTrue(taken.err().contains("Dataset 'plays' already exists: use replace (--replace)"), taken.err());
        assertFalse(Files.exists(data.resolve(BulkImporter.STAGING)), "the copy it read is gone");
        assertEquals(before, DataDirectoryFiles.digests(data), "a name the store has: every file as it was");

        try (SpikyDatabase running = SpikyDatabase.open(DatabaseOptions.local(data))) {
            CliRun locked = CliRun.of("import", "--data", data.toString(), "--mode", "rebuild", "--dataset", "second", "--format", "csv",
                    "--path", plays.toString());
            assertEquals(Main.USER_ERROR, locked.status());
            assertTrue(locked.err().contains("is in use: its store is locked by pid " + ProcessHandle.current().pid()), locked.err());
            assertFalse(Files.exists(data.resolve(BulkImporter.STAGING)), "refused before copying anything");
        }
        before = DataDirectoryFiles.digests(data); // that opening checkpointed the store

        CliRun replace = CliRun.of("import", "--data", data.toString(), "--mode", "rebuild", "--replace", "--dataset", "plays", "--format",
                "csv", "--path", plays.toString());
        assertEquals(Main.USER_ERROR, replace.status());
        assertTrue(replace.err().contains("--mode transactional with --replace"), replace.err());

        CliRun empty = CliRun.of("import", "--data", dir.resolve("empty").toString(), "--mode", "rebuild", "--dataset", "x", "--format", "csv",
                "--path", plays.toString());
        assertEquals(Main.USER_ERROR, empty.status());
        assertTrue(empty.err().contains("holds none: use --mode bulk"), empty.err());
        assertEquals(before, DataDirectoryFiles.digests(data));
    }

    @Test
    void autoRebuildsWhenTheNewDatasetIsLargeAgainstTheStoreAndWritesTransactionallyOtherwise() throws IOException {
        assertEquals(ImportMode.TRANSACTIONAL, ImportMode.onStore(1_000_000, 100_000), "a tenth of the store: transactions");
        assertEquals(ImportMode.REBUILD, ImportMode.onStore(1_000_000, 1_000_000), "as big as the store: rebuild");
        assertEquals(ImportMode.TRANSACTIONAL, ImportMode.onStore(0, ImportMode.REBUILD_MIN_ENTITIES - 1), "below the floor: transactions");
        assertEquals(ImportMode.REBUILD, ImportMode.onStore(0, ImportMode.REBUILD_MIN_ENTITIES), "at the floor on an empty store: rebuild");

        Path small = dir.resolve("small.csv");
        Files.writeString(small, "item,context\na,b\na,c\nb,c\n");
        Path data = dir.resolve("data");
        assertEquals(0, CliRun.of("import", "--data", data.toString(), "--dataset", "small", "--format", "csv", "--path", small.toString()).status());
        Path big = dir.resolve("big.csv");
        int rows = (int) ImportMode.REBUILD_MIN_ENTITIES;
        try (Writer w = Files.newBufferedWriter(big, StandardCharsets.UTF_8)) {
            w.write("item,context\n");
            for (int i = 0; i < rows; i++) {
                w.write((i * 7919L % 5_000) + "," + (i / 20) + "\n");
            }
        }
        CliRun auto = CliRun.of("import", "--data", data.toString(), "--dataset", "big", "--format", "csv", "--path", big.toString());
        assertEquals(0, auto.status(), auto.err());
        assertTrue(auto.out().contains("[rebuild]"), auto.out());
        try (SpikyDatabase db = SpikyDatabase.open(DatabaseOptions.local(data))) {
            Map<String, Object> row = db.db().executeTransactionally("""
                    MATCH (d:Dataset) WITH collect(d.name) AS names
                    RETURN names, COUNT { (:Item {dataset: 'big'})-[:IN]->(:Context {dataset: 'big'}) } AS big,
                           COUNT { (:Item {dataset: 'small'})-[:IN]->(:Context {dataset: 'small'}) } AS small
                    """, Map.of(), r -> r.next());
            assertEquals((long) rows, row.get("big"));
            assertEquals(3L, row.get("small"));
        }
    }
}
