package spiky.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.graphdb.QueryExecutionException;
import spiky.TestDatabase;

/** spiky.spikes.sweep on a generated DCBM's run: each level is spiky.spikes.stats at that f', and bad configs are refused. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SweepProcedureTest {
    private static final String SWEEP = "CALL spiky.spikes.sweep($run, $config) YIELD runId, f, n, peaks, covered, spk, gap, "
            + "recommendedF, rule, gapF, noiseF RETURN runId, f, n, peaks, covered, spk, gap, recommendedF, rule, gapF, noiseF";

    private TestDatabase db;
    private String run;
    private List<Double> sigma;

    @BeforeAll
    @SuppressWarnings("unchecked")
    void start(@TempDir Path dir) {
        db = new TestDatabase(dir);
        db.run("CALL spiky.dcbm.generate('k6', {communities: 6, items: 900, contexts: 2500, maxLength: 30, mix: 0.1, seed: 9})");
        Map<String, Object> p = db.run("CALL spiky.pipeline('k6', {rank: 32, spkDims: [16, 32]})").get(0);
        run = (String) p.get("runId");
        sigma = (List<Double>) p.get("singularValues");
    }

    @AfterAll
    void stop() {
        if (db != null) {
            db.close();
        }
    }

    private List<Map<String, Object>> sweep(Map<String, Object> config) {
        return db.run(SWEEP, Map.of("run", run, "config", config));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyLevelIsTheSpikeCoverOfSpikesStatsAtThatF() {
        List<Map<String, Object>> rows = sweep(Map.of());
        assertEquals(32, rows.size());
        List<Long> all = IntStream.rangeClosed(1, 32).mapToObj(f -> (long) f).toList();
        List<Map<String, Object>> table = (List<Map<String, Object>>) db.run("CALL spiky.spikes.stats($run, {spkDims: $dims}) YIELD spk RETURN spk",
                Map.of("run", run, "dims", all)).get(0).get("spk");
        for (int d = 0; d < 32; d++) {
            Map<String, Object> row = rows.get(d);
            Map<String, Object> expected = table.get(d);
            assertEquals(run, row.get("runId"));
            assertEquals(d + 1L, row.get("f"));
            assertEquals(List.of(expected.get("f"), expected.get("n"), expected.get("peaks"), expected.get("covered"), expected.get("spk")),
                    List.of(row.get("f"), row.get("n"), row.get("peaks"), row.get("covered"), row.get("spk")), "f' = " + (d + 1));
            if (d < 31) {
                assertEquals(sigma.get(d) / sigma.get(d + 1), (Double) row.get("gap"), 1e-12);
            } else {
                assertNull(row.get("gap"));
            }
            // The recommendation is one answer, repeated.
            assertEquals(List.of(rows.get(0).get("recommendedF"), rows.get(0).get("rule"), String.valueOf(rows.get(0).get("noiseF"))),
                    List.of(row.get("recommendedF"), row.get("rule"), String.valueOf(row.get("noiseF"))));
        }
        // The stored Spk table of the run (computed on doubles by the pipeline) agrees at its f'.
        Map<String, Object> stored = db.run("MATCH (r:EmbeddingRun {id: $run}) RETURN r.spkPeaks AS peaks", Map.of("run", run)).get(0);
        assertEquals(List.of(rows.get(15).get("peaks"), rows.get(31).get("peaks")), List.of((Object) ((long[]) stored.get("peaks"))[0],
                ((long[]) stored.get("peaks"))[1]));
    }

    @Test
    void theRecommendationOnSixPlantedCommunitiesIsNearSix() {
        // 900 items at rank 32: the sixth community's singular value is the weakest, the gap may come one early.
        Map<String, Object> row = sweep(Map.of()).get(0);
        long f = (Long) row.get("recommendedF");
        assertTrue(f >= 4.5 && f <= 9, row.toString());
        assertEquals("spectral-gap", row.get("rule"), row.toString());
        assertEquals(row.get("gapF"), row.get("recommendedF"), row.toString());
    }

    @Test
    void stepAndMaxFChooseTheLevels() {
        List<Map<String, Object>> rows = sweep(Map.of("step", 5, "maxF", 22, "concurrency", 2));
        assertEquals(List.of(5L, 10L, 15L, 20L, 22L), rows.stream().map(r -> r.get("f")).toList());
        List<Map<String, Object>> full = sweep(Map.of("concurrency", 1));
        for (Map<String, Object> r : rows) {
            Map<String, Object> same = full.get(((Long) r.get("f")).intValue() - 1);
            assertEquals(same.get("peaks"), r.get("peaks"), "f' = " + r.get("f"));
            assertEquals(same.get("covered"), r.get("covered"), "f' = " + r.get("f"));
        }
        // A looser cover (larger rho) covers more at each f'.
        List<Map<String, Object>> loose = sweep(Map.of("step", 5, "maxF", 22, "rho", 0.8));
        for (int d = 0; d < rows.size(); d++) {
            assertTrue((Long) loose.get(d).get("covered") > (Long) rows.get(d).get("covered"), loose.get(d) + " vs " + rows.get(d));
        }
    }

    private String refused(String runId, Map<String, Object> config) {
        QueryExecutionException e = assertThrows(QueryExecutionException.class,
                () -> db.run(SWEEP, Map.of("run", runId, "config", config)));
        return e.getMessage();
    }

    @Test
    void badConfigsAreRefusedNamingTheKey() {
        String typo = refused(run, Map.of("stpe", 2));
        assertTrue(typo.contains("Unexpected configuration key: stpe (Did you mean [step]?)"), typo);
        String spkDims = refused(run, Map.of("spkDims", List.of(8)));
        assertTrue(spkDims.contains("Unexpected configuration key: spkDims"), spkDims);
        String maxF = refused(run, Map.of("maxF", 33));
        assertTrue(maxF.contains("maxF") && maxF.contains("[1, 32]"), maxF);
        String step = refused(run, Map.of("step", 0));
        assertTrue(step.contains("step") && step.contains("[1, 32]"), step);
        String rho = refused(run, Map.of("rho", 0));
        assertTrue(rho.contains("rho"), rho);
        String cos = refused(run, Map.of("cosTheta", 1.0));
        assertTrue(cos.contains("cosTheta"), cos);
        String unknown = refused("nope-1", Map.of());
        assertTrue(unknown.contains("runId") && unknown.contains("nope-1"), unknown);
    }

    @Test
    void theProcedureDocumentsItsKeys() {
        String description = (String) db.run("SHOW PROCEDURES YIELD name, description WHERE name = 'spiky.spikes.sweep' RETURN description")
                .get(0).get("description");
        for (String key : List.of("step (default 1, in [1, rank])", "maxF (default the run's rank, in [1, rank])",
                "cosTheta (default 0.9, in (-1, 1))", "rho (default 0.5, in (0, 1])", "concurrency (default min(4, cores)", "spectral-gap")) {
            assertTrue(description.contains(key), key + " in " + description);
        }
    }
}
