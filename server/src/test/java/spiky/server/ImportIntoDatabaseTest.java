package spiky.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.importer.DatasetImporter;
import spiky.importer.ImportRequest;
import spiky.importer.ImportSummary;
import spiky.server.db.DatabaseOptions;
import spiky.server.db.SpikyDatabase;

/** Imports into a real embedded database: exact counts, whole-or-nothing, replace, planted truth. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportIntoDatabaseTest {
    @TempDir
    static Path dir;

    private SpikyDatabase database;

    @BeforeAll
    void open() {
        database = SpikyDatabase.open(DatabaseOptions.local(dir.resolve("data")));
    }

    @AfterAll
    void close() {
        if (database != null) {
            database.close();
        }
    }

    private ImportSummary importFile(String dataset, String format, Path path, Path items, boolean replace) {
        return new DatasetImporter(database.db(), Progress.NONE).run(new ImportRequest(dataset, format, path, items, replace));
    }

    private Map<String, Object> one(String cypher, Map<String, Object> params) {
        return database.db().executeTransactionally(cypher, params, r -> r.next());
    }

    /** Items, contexts and IN relationships of a dataset, counted in the graph. */
    private List<Long> counted(String dataset) {
        Map<String, Object> row = one("""
                MATCH (d:Dataset {name: $d})
                RETURN COUNT { (i:Item {dataset: $d}) } AS items, COUNT { (c:Context {dataset: $d}) } AS contexts,
                       COUNT { (:Item {dataset: $d})-[:IN]->(:Context {dataset: $d}) } AS interactions, d.status AS status
                """, Map.of("d", dataset));
        assertEquals("ready", row.get("status"));
        return List.of((Long) row.get("items"), (Long) row.get("contexts"), (Long) row.get("interactions"));
    }

    /** Every node, relationship and property in the database: what "leaves no trace" compares. */
    private List<Long> everything() {
        Map<String, Object> row = one("""
                CALL () { MATCH (n) RETURN count(n) AS nodes, sum(size(keys(n))) AS nodeProperties }
                CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships, sum(size(keys(r))) AS relationshipProperties }
                RETURN nodes, nodeProperties, relationships, relationshipProperties
                """, Map.of());
        List<Long> out = new ArrayList<>();
        for (String k : List.of("nodes", "nodeProperties", "relationships", "relationshipProperties")) {
            out.add(row.get(k) == null ? 0L : ((Number) row.get(k)).longValue());
        }
        return out;
    }

    @Test
    void movieLens100kGivesTheProvenanceCounts() {
        Path file = SharedData.require("ml-100k/u.data");
        ImportSummary s = importFile("ml-100k", "movielens", file, null, false);
        assertEquals(100_000, s.interactions());
        assertEquals(List.of(1682L, 943L, 100_000L), counted("ml-100k"));
        Map<String, Object> toyStory = one("MATCH (i:Item {dataset: 'ml-100k', id: 1}) RETURN i.name AS name", Map.of());
        assertEquals("Toy Story (1995)", toyStory.get("name"));
        Map<String, Object> ts = one("MATCH (:Item {dataset: 'ml-100k'})-[r:IN]->() RETURN min(r.timestamp) AS lo, max(r.weight) AS hi", Map.of());
        assertTrue((Long) ts.get("lo") > 800_000_000L, ts.toString());
        assertEquals(5.0, (Double) ts.get("hi"));

        // The reference's figures for the paper's pipeline on ml-100k.
        Map<String, Object> run = one("CALL spiky.pipeline('ml-100k', {writePpmi: false, method: 'randomized'}) YIELD n, nnz, singularValues "
                + "RETURN n, nnz, singularValues[0] AS top", Map.of());
        assertEquals(1541L, run.get("n"));
        assertEquals(1_272_962L, run.get("nnz"));
        assertEquals(1034.16, (Double) run.get("top"), 0.01, run.toString());
    }

    @Test
    void movieLensLatestSmallGivesTheProvenanceCounts() {
        Path file = SharedData.require("ml-latest-small/ratings.csv");
        importFile("ml-latest-small", "movielens", file, null, false);
        assertEquals(List.of(9724L, 610L, 100_836L), counted("ml-latest-small"));
    }

    @Test
    void lastfmHetrecGivesTheProvenanceCounts() {
        Path file = SharedData.require("hetrec2011-lastfm-2k/user_artists.dat");
        importFile("lastfm", "lastfm-hetrec", file, null, false);
        assertEquals(List.of(17_632L, 1_892L, 92_834L), counted("lastfm"));
        Map<String, Object> named = one("MATCH (i:Item {dataset: 'lastfm'}) WHERE i.name IS NOT NULL RETURN count(i) AS n", Map.of());
        assertEquals(17_632L, named.get("n"));
    }

    /**
     * Cornell's yes_small training playlists by both rules, in the graph: the counts checked
     * against an independent count of train.txt (SharedDatasetsReadTest checks the reader against
     * PROVENANCE.md), the Dataset record saying how it was read, and the song names of song_hash.txt.
     */
    @Test
    void cornellYesSmallByBothRulesRecordsItsReaderOptions() {
        Path file = SharedData.require("cornell-yes-playlists/yes_small/train.txt");
        ImportSummary distinct = new DatasetImporter(database.db(), Progress.NONE)
                .run(new ImportRequest("yes-small", "cornell", file, null, false));
        assertEquals(List.of(3_113L, 10_242L, 115_657L), counted("yes-small"));
        assertEquals(31_238, distinct.skipped());
        assertEquals(Map.of("minSongs", 5, "countBy", "distinct"), distinct.readerOptions());
        ImportSummary split = new DatasetImporter(database.db(), Progress.NONE)
                .run(new ImportRequest("yes-small-split", "cornell", file, null, false, Map.of("countBy", "split")));
        assertEquals(List.of(3_144L, 12_972L, 126_566L), counted("yes-small-split"));
        assertEquals(28_508, split.skipped());
        Map<String, Object> d = one("MATCH (d:Dataset) WHERE d.name STARTS WITH 'yes-small' "
                + "RETURN collect(d.name + ': ' + d.readerOptions) AS options", Map.of());
        assertEquals(java.util.Set.of("yes-small: minSongs=5, countBy=distinct", "yes-small-split: minSongs=5, countBy=split"),
                java.util.Set.copyOf((List<?>) d.get("options")));
        Map<String, Object> named = one("MATCH (i:Item {dataset: 'yes-small'}) WHERE i.name IS NOT NULL RETURN count(i) AS n", Map.of());
        assertEquals(3_113L, named.get("n"));
    }

    @Test
    void aCorruptedLineIsRefusedWithFileAndLineAndLeavesNoTrace() throws IOException {
        Path original = SharedData.require("ml-100k/u.data");
        List<String> lines = new ArrayList<>(Files.readAllLines(original, StandardCharsets.ISO_8859_1));
        lines.set(49_999, "196\t242\tthree\t881250949");
        Path copy = dir.resolve("corrupt/u.data");
        Files.createDirectories(copy.getParent());
        Files.write(copy, lines, StandardCharsets.ISO_8859_1);

        List<Long> before = everything();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> importFile("corrupt", "movielens", copy, null, false));
        assertTrue(e.getMessage().startsWith(copy + ":50000:"), e.getMessage());
        assertEquals(before, everything());
        assertEquals(0L, one("MATCH (n {dataset: 'corrupt'}) RETURN count(n) AS n", Map.of()).get("n"));
        assertEquals(0L, one("MATCH (d:Dataset {name: 'corrupt'}) RETURN count(d) AS n", Map.of()).get("n"));
    }

    @Test
    void reimportNeedsReplaceAndReplaceSwapsTheWholeDataset() throws IOException {
        Path first = dir.resolve("first.csv");
        Files.writeString(first, "item,context\na,u1\nb,u1\nc,u2\n");
        Path second = dir.resolve("second.tsv");
        Files.writeString(second, "context\titem\nu9\tz\n");
        importFile("swap", "csv", first, null, false);
        List<Long> before = everything();

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> importFile("swap", "csv", second, null, false));
        assertTrue(e.getMessage().contains("already exists"), e.getMessage());
        assertEquals(before, everything());

        importFile("swap", "csv", second, null, true);
        assertEquals(List.of(1L, 1L, 1L), counted("swap"));
        assertEquals("z", one("MATCH (i:Item {dataset: 'swap'}) RETURN i.id AS id", Map.of()).get("id"));
    }

    @Test
    void plantedTruthIsAttachedToItems() throws IOException {
        Path plays = dir.resolve("plays.csv");
        Files.writeString(plays, "item,context,weight\n10,1,2.5\n11,1,1\n12,2,1\n");
        Path truth = dir.resolve("truth.csv");
        Files.writeString(truth, "item,community,theta,name\n10,0,1.5,ten\n11,0,3.0,eleven\n12,1,2.0,twelve\n");
        importFile("truth", "csv", plays, truth, false);
        Map<String, Object> row = one("MATCH (i:Item {dataset: 'truth', id: 11}) RETURN i.trueCommunity AS c, i.theta AS t, i.name AS n", Map.of());
        assertEquals(0L, row.get("c"));
        assertEquals(3.0, row.get("t"));
        assertEquals("eleven", row.get("n"));
        assertEquals(true, one("MATCH (d:Dataset {name: 'truth'}) RETURN d.hasTruth AS t", Map.of()).get("t"));
    }

    @Test
    void anItemWithoutTruthRefusesTheImport() throws IOException {
        Path plays = dir.resolve("plays2.csv");
        Files.writeString(plays, "item,context\n10,1\n13,1\n");
        Path truth = dir.resolve("truth2.csv");
        Files.writeString(truth, "item,community,theta\n10,0,1.5\n");
        List<Long> before = everything();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> importFile("truth2", "csv", plays, truth, false));
        assertTrue(e.getMessage().contains("'13'"), e.getMessage());
        assertEquals(before, everything());
    }
}
