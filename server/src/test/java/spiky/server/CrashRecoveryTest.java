package spiky.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import spiky.server.db.DatabaseOptions;
import spiky.server.db.SpikyDatabase;

/**
 * kill -9 in the middle of an import and of a pipeline run, in a child JVM running the real CLI,
 * then a restart: the database opens, the dataset being imported is absent (never partial), the
 * dataset's previous run is intact and still the latest, the interrupted run is marked failed
 * and its embeddings and PPMI relationships are gone.
 */
@Tag("process")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrashRecoveryTest {
    @TempDir
    static Path dir;

    private Path data;
    private String firstRun;

    @BeforeAll
    void aDatasetWithOneFinishedRun() {
        data = dir.resolve("data");
        try (SpikyDatabase db = SpikyDatabase.open(DatabaseOptions.local(data))) {
            db.db().executeTransactionally("CALL spiky.dcbm.generate('base', {items: 2000, contexts: 5000, seed: 1})");
            firstRun = db.db().executeTransactionally("CALL spiky.pipeline('base', {rank: 32, spkDims: [16, 32]}) YIELD runId RETURN runId",
                    Map.of(), r -> (String) r.next().get("runId"));
        }
    }

    @Test
    @Order(1)
    void killedWhileWritingAnImportTheDatasetIsAbsentAfterRestart() throws Exception {
        Path csv = dir.resolve("big.csv");
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            w.write("item,context\n");
            for (int i = 0; i < 600_000; i++) {
                w.write((i * 7919 % 20000) + "," + (i / 5) + "\n");
            }
        }
        killAt("writing interactions", "import", "--data", data.toString(), "--mode", "transactional", "--dataset", "big", "--format", "csv", "--path", csv.toString());
        checkAfterRestart(db -> {
            long datasets = count(db, "MATCH (d:Dataset {name: 'big'}) RETURN count(d) AS c");
            long items = count(db, "MATCH (i:Item {dataset: 'big'}) RETURN count(i) AS c");
            long contexts = count(db, "MATCH (c:Context {dataset: 'big'}) RETURN count(c) AS c");
            assertEquals(0, datasets + items + contexts, "the interrupted import left nothing behind");
            return null;
        });
    }

    @Test
    @Order(2)
    void killedWhileWritingARunThePreviousRunStaysTheLatest() throws Exception {
        // minCount 3: another PPMI matrix than the current set's, so the run goes on to write its
        // PPMI relationships after the embeddings, and the kill lands before it can finish.
        killAt("writing embeddings", "pipeline", "--data", data.toString(), "--dataset", "base", "-c", "rank=32", "-c", "spkDims=16,32",
                "-c", "minCount=3");
        checkRunsAfterRestart();
    }

    @Test
    @Order(3)
    void killedDuringTheSvdThePreviousRunStaysTheLatest() throws Exception {
        // The CLI copies the run's stage to its output every 200 ms, and the default SVD of this
        // dataset can take 150 ms on an idle machine: it then ends unseen and the child finishes
        // (seen on a clean clone). 100 randomized power iterations keep it in the SVD for seconds,
        // so the kill lands there.
        killAt("svd:", "pipeline", "--data", data.toString(), "--dataset", "base", "-c", "rank=32", "-c", "spkDims=16,32",
                "-c", "method=randomized", "-c", "powerIterations=100");
        checkRunsAfterRestart();
    }

    @Test
    @Order(4)
    void killedWhileWritingPpmiRelationshipsTheCurrentSetStays() throws Exception {
        long before = checkAfterRestart(db -> count(db, "MATCH (:Item {dataset: 'base'})-[p:PPMI]->() RETURN count(p) AS c"));
        assertTrue(before > 0);
        killAt("writing PPMI relationships", "pipeline", "--data", data.toString(), "--dataset", "base", "-c", "rank=32",
                "-c", "spkDims=16,32", "-c", "minCount=3");
        long after = checkAfterRestart(db -> {
            long current = count(db, "MATCH (d:Dataset {name: 'base'}) MATCH (:Item {dataset: 'base'})-[p:PPMI]->() "
                    + "WHERE p.run = d.ppmiRun RETURN count(p) AS c");
            long all = count(db, "MATCH (:Item {dataset: 'base'})-[p:PPMI]->() RETURN count(p) AS c");
            assertEquals(current, all, "only the current set remains");
            return all;
        });
        assertEquals(before, after, "the run's half-written set is gone, the dataset's current set is whole");
    }

    private void checkRunsAfterRestart() {
        checkAfterRestart(db -> {
            List<Map<String, Object>> runs = rows(db, "MATCH (r:EmbeddingRun {dataset: 'base'}) RETURN r.id AS id, r.status AS status ORDER BY id");
            for (Map<String, Object> r : runs) {
                if (r.get("id").equals(firstRun)) {
                    assertEquals("finished", r.get("status"));
                } else {
                    assertEquals("failed", r.get("status"), runs.toString());
                    assertEquals(0, count(db, "MATCH (e:Embedding {run: $id}) RETURN count(e) AS c", Map.of("id", r.get("id"))),
                            "the failed run's embeddings are gone");
                }
            }
            assertEquals(firstRun, rows(db, "MATCH (d:Dataset {name: 'base'}) RETURN d.latestRun AS r").get(0).get("r"));
            assertEquals(2000L, count(db, "MATCH (e:Embedding {run: $id}) RETURN count(e) AS c", Map.of("id", firstRun))
                    + count(db, "MATCH (i:Item {dataset: 'base'}) WHERE NOT (i)-[:HAS_EMBEDDING]->(:Embedding {run: $id}) RETURN count(i) AS c",
                            Map.of("id", firstRun)), "the first run still has one embedding per embedded item");
            return null;
        });
    }

    /** Opens the data directory the way the server does (recovery included), checks, closes. */
    private <T> T checkAfterRestart(Function<SpikyDatabase, T> check) {
        try (SpikyDatabase db = SpikyDatabase.open(DatabaseOptions.local(data))) {
            return check.apply(db);
        }
    }

    /** Runs the CLI in a child JVM and kills it (SIGKILL) once its progress shows {@code stage}. */
    private void killAt(String stage, String... args) throws Exception {
        KilledChild.killAfter(stage, 0, 180, args);
    }

    private static long count(SpikyDatabase db, String cypher) {
        return count(db, cypher, Map.of());
    }

    private static long count(SpikyDatabase db, String cypher, Map<String, Object> params) {
        return ((Number) rows(db, cypher, params).get(0).get("c")).longValue();
    }

    private static List<Map<String, Object>> rows(SpikyDatabase db, String cypher) {
        return rows(db, cypher, Map.of());
    }

    private static List<Map<String, Object>> rows(SpikyDatabase db, String cypher, Map<String, Object> params) {
        return db.db().executeTransactionally(cypher, params, r -> {
            List<Map<String, Object>> out = new ArrayList<>();
            r.forEachRemaining(out::add);
            return out;
        });
    }
}
