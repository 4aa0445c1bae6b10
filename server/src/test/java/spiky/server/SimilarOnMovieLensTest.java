package spiky.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import spiky.Progress;
import spiky.importer.DatasetImporter;
import spiky.importer.ImportRequest;
import spiky.server.db.DatabaseOptions;
import spiky.server.db.SpikyDatabase;

/**
 * Issue 5's done-when for similar items on real data: on MovieLens 100K (imported with the
 * importer, embedded by the pipeline at rank 128) spiky.similar's lists equal a brute force over
 * the stored vectors, for both metrics, at the full rank and at f' = 16. Skips when
 * ../shared/datasets is absent.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimilarOnMovieLensTest {
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

    @Test
    void listsEqualTheBruteForceOverTheStoredVectors() {
        Path file = SharedData.require("ml-100k/u.data");
        new DatasetImporter(database.db(), Progress.NONE).run(new ImportRequest("ml-100k", "movielens", file, null, false));
        String run = (String) database.db().executeTransactionally("CALL spiky.pipeline('ml-100k', {writePpmi: false}) YIELD runId "
                + "RETURN runId", Map.of(), r -> r.next().get("runId"));
        BruteForceSimilar reference = new BruteForceSimilar(database.db(), run, "spike16");
        assertEquals(1541, reference.rows.size());
        SplittableRandom random = new SplittableRandom(100);
        int compared = 0;
        for (int t = 0; t < 25; t++) {
            int q = random.nextInt(reference.rows.size());
            Object id = reference.rows.get(q).item();
            for (String metric : List.of("cosine", "dot")) {
                for (int f : new int[] {128, 16}) {
                    List<Map<String, Object>> got = database.db().executeTransactionally(
                            "MATCH (i:Item {dataset: 'ml-100k', id: $id}) CALL spiky.similar(i, {k: 10, metric: $metric, f: $f}) "
                                    + "YIELD rank, item, name, score, norm, spike RETURN rank, item, name, score, norm, spike",
                            Map.of("id", id, "metric", metric, "f", f), r -> r.stream().toList());
                    List<BruteForceSimilar.Scored> want = reference.top(q, 10, metric, f);
                    assertEquals(10, got.size());
                    for (int i = 0; i < 10; i++) {
                        BruteForceSimilar.Stored s = reference.rows.get(want.get(i).row());
                        Map<String, Object> g = got.get(i);
                        String what = metric + " f=" + f + " item " + id + " rank " + (i + 1) + ": " + got;
                        assertEquals(s.item(), g.get("item"), what);
                        assertEquals(want.get(i).score(), (double) g.get("score"), 1e-9 * Math.max(1, Math.abs(want.get(i).score())), what);
                        assertEquals(s.norm(), g.get("norm"), what);
                        assertEquals(s.spike(), g.get("spike"), what);
                        assertTrue(g.get("name") instanceof String, what);
                        compared++;
                    }
                }
            }
        }
        assertEquals(25 * 2 * 2 * 10, compared);
    }
}
