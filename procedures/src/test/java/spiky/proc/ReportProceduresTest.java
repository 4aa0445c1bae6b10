package spiky.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.graphdb.QueryExecutionException;
import spiky.TestDatabase;
import spiky.graph.RunPpmi;

/**
 * The procedures behind the reports, on a generated DCBM embedded by the pipeline. spiky.dcbm.fit:
 * its totals equal what Cypher aggregates over the same PPMI relationships, its block matrix
 * obeys Σ_s B_rs κ_s = 2m, the planted blocks show. spiky.degrees: every item's degrees equal
 * Cypher's sums over the run's PPMI set, whatever other set lies beside it. Bad arguments are
 * refused by name.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportProceduresTest {
    private static final String FIT = "CALL spiky.dcbm.fit($run, $config)";
    /** Cypher's own aggregation over the PPMI relationships among items covered at f' = 16. */
    private static final String TOTALS = """
            MATCH (r:EmbeddingRun {id: $run}), (d:Dataset {name: r.dataset})
            MATCH (a:Item)-[:HAS_EMBEDDING]->(ea:Embedding {run: $run}) WHERE ea.spike16 IS NOT NULL
            MATCH (a)-[p:PPMI {run: r.ppmiRun}]->(:Item)-[:HAS_EMBEDDING]->(eb:Embedding {run: $run})
            WHERE eb.spike16 IS NOT NULL
            RETURN count(p) AS edges, 2 * sum(toFloat(p[$property])) AS twoM,
                   sum(CASE WHEN ea.spike16 = eb.spike16 THEN 2 * toFloat(p[$property]) ELSE 0.0 END) AS within""";

    private TestDatabase db;
    private String run;

    @BeforeAll
    void start(@TempDir Path dir) {
        db = new TestDatabase(dir);
        db.run("CALL spiky.dcbm.generate('k4', {communities: 4, items: 400, contexts: 1200, maxLength: 30, mix: 0.1, "
                + "exponent: 1.5, seed: 9})");
        run = (String) db.run("CALL spiky.pipeline('k4', {rank: 16, spkDims: [8, 16]})").get(0).get("runId");
    }

    @AfterAll
    void stop() {
        if (db != null) {
            db.close();
        }
    }

    private Map<String, Object> fit(Map<String, Object> config) {
        return db.run(FIT, Map.of("run", run, "config", config)).get(0);
    }

    @Test
    void totalsEqualCypherOverTheSameRelationships() {
        for (String[] weight : new String[][] {{"count", "count"}, {"ppmi", "weight"}}) {
            Map<String, Object> fit = fit(Map.of("f", 16, "weight", weight[0]));
            Map<String, Object> cypher = db.run(TOTALS, Map.of("run", run, "property", weight[1])).get(0);
            assertEquals(cypher.get("edges"), fit.get("edges"), weight[0]);
            double twoM = (double) cypher.get("twoM");
            assertEquals(twoM, (double) fit.get("totalWeight"), 1e-9 * twoM, weight[0]);
            assertEquals((double) cypher.get("within") / twoM, (double) fit.get("withinShare"), 1e-12, weight[0]);
            long covered = (long) db.run("MATCH (e:Embedding {run: $run}) WHERE e.spike16 IS NOT NULL RETURN count(e) AS n",
                    Map.of("run", run)).get(0).get("n");
            assertEquals(covered, fit.get("items"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void blockRowsWeightedByKappaSumToTwoMAndThePlantedBlocksShow() {
        Map<String, Object> fit = fit(Map.of("f", 16, "blocks", 200));
        List<Map<String, Object>> blocks = (List<Map<String, Object>>) fit.get("blocks");
        assertEquals(fit.get("spikes"), (long) blocks.size(), "every spike listed when blocks exceeds their number");
        List<List<Double>> b = (List<List<Double>>) ((Map<String, Object>) fit.get("blockMatrix")).get("values");
        double twoM = (double) fit.get("totalWeight");
        for (int r = 0; r < blocks.size(); r++) {
            double sum = 0;
            for (int s = 0; s < blocks.size(); s++) {
                sum += b.get(r).get(s) * (double) blocks.get(s).get("kappa");
            }
            assertEquals(twoM, sum, 1e-9 * twoM, "row " + r);
        }
        for (int t = 1; t < blocks.size(); t++) {
            assertTrue((long) blocks.get(t - 1).get("size") >= (long) blocks.get(t).get("size"), "largest first");
        }
        // mix 0.1: most co-occurrence weight stays inside the spikes, and the diagonal dominates.
        assertTrue((double) fit.get("withinShare") > 0.8, fit.toString());
        assertTrue(b.get(0).get(0) > 1 && b.get(0).get(1) < 1, b.toString());
        // The default f' is the smallest of the Spk table.
        assertEquals(fit(Map.of("f", 8)), fit(Map.of()));
    }

    private String refused(Object runId, Map<String, Object> config) {
        Map<String, Object> params = new java.util.HashMap<>();
        params.put("run", runId);
        params.put("config", config);
        return assertThrows(QueryExecutionException.class, () -> db.run(FIT, params)).getMessage();
    }

    @Test
    void badArgumentsAreRefusedByName() {
        assertTrue(refused("nope", Map.of()).contains("no embedding run 'nope'"));
        assertTrue(refused(null, Map.of()).contains("run"));
        String f = refused(run, Map.of("f", 32));
        assertTrue(f.contains("f") && f.contains("[8, 16]"), f);
        String key = refused(run, Map.of("weigth", "count"));
        assertTrue(key.contains("weigth") && key.contains("weight"), key);
        String weight = refused(run, Map.of("weight", "plays"));
        assertTrue(weight.contains("plays") && weight.contains("count"), weight);
        assertTrue(refused(run, Map.of("blocks", 0)).contains("blocks"));
    }

    @Test
    void theSetThePipelineWroteIsServedFromMemoryAndReadBackAlikeAfterBeingForgotten() {
        Map<String, Object> config = Map.of("f", 16, "blocks", 200);
        long loads = RunPpmi.in(db.db()).loads();
        Map<String, Object> fromWriter = fit(config);
        List<Map<String, Object>> degreesFromWriter = db.run("CALL spiky.degrees($run, {f: 16})", Map.of("run", run));
        assertEquals(loads, RunPpmi.in(db.db()).loads(), "the pipeline handed its matrix over: nothing read back");
        RunPpmi.in(db.db()).forget("k4");
        assertEquals(fromWriter, fit(config));
        assertEquals(degreesFromWriter, db.run("CALL spiky.degrees($run, {f: 16})", Map.of("run", run)));
        assertEquals(loads + 1, RunPpmi.in(db.db()).loads(), "read from the graph once, then kept");
    }

    /** Cypher's own sums per item over the current PPMI set, spikes at f' = 16. */
    private static final String ITEM_SUMS = """
            MATCH (r:EmbeddingRun {id: $run}), (d:Dataset {name: r.dataset})
            MATCH (i:Item)-[:HAS_EMBEDDING]->(e:Embedding {run: $run})
            CALL (i, e, r) {
              OPTIONAL MATCH (i)-[p:PPMI {run: r.ppmiRun}]-(:Item)-[:HAS_EMBEDDING]->(o:Embedding {run: $run})
              RETURN coalesce(sum(p.weight), 0.0) AS embeddedDegree,
                     coalesce(sum(CASE WHEN o.spike16 = e.spike16 THEN p.weight ELSE 0.0 END), 0.0) AS intra
            }
            CALL (i, r) {
              OPTIONAL MATCH (i)-[p:PPMI {run: r.ppmiRun}]-()
              RETURN coalesce(sum(p.weight), 0.0) AS ppmiDegree
            }
            RETURN i.id AS item, e.spike16 AS spike, e.norm AS norm, COUNT { (i)-[:IN]->() } AS interactions, ppmiDegree,
                   CASE WHEN e.spike16 IS NULL THEN null ELSE intra END AS intraDegree""";

    private static Map<Object, Map<String, Object>> byItem(List<Map<String, Object>> rows) {
        Map<Object, Map<String, Object>> m = new java.util.HashMap<>();
        rows.forEach(r -> m.put(r.get("item"), r));
        return m;
    }

    private void assertDegreesMatchCypher() {
        Map<Object, Map<String, Object>> expected = byItem(db.run(ITEM_SUMS, Map.of("run", run)));
        List<Map<String, Object>> rows = db.run("CALL spiky.degrees($run, {f: 16}) YIELD item, spike, norm, interactions, ppmiDegree, "
                + "intraDegree RETURN *", Map.of("run", run));
        assertEquals(expected.size(), rows.size());
        for (Map<String, Object> r : rows) {
            Map<String, Object> e = expected.get(r.get("item"));
            assertEquals(e.get("spike"), r.get("spike"));
            assertEquals(e.get("interactions"), r.get("interactions"));
            assertEquals((double) e.get("norm"), (double) r.get("norm"), 0);
            assertEquals((double) e.get("ppmiDegree"), (double) r.get("ppmiDegree"), 1e-9, r.toString());
            if (e.get("intraDegree") == null) {
                assertEquals(null, r.get("intraDegree"));
            } else {
                assertEquals((double) e.get("intraDegree"), (double) r.get("intraDegree"), 1e-9, r.toString());
            }
        }
    }

    @Test
    void degreesEqualCypherSumsOverTheCurrentSetOnly() {
        assertDegreesMatchCypher();
        // A set being written beside the current one (another tag) must not count.
        db.run("MATCH (a:Item {dataset: 'k4'}), (b:Item {dataset: 'k4'}) WHERE a.id < b.id AND a.id <= 20 AND b.id <= 20 "
                + "CREATE (a)-[:PPMI {run: 'k4-elsewhere', weight: 100.0, count: 100}]->(b)");
        try {
            assertDegreesMatchCypher();
        } finally {
            db.run("MATCH ()-[p:PPMI {run: 'k4-elsewhere'}]->() DELETE p");
        }
        // Without f: no spikes, no intra degree.
        List<Map<String, Object>> plain = db.run("CALL spiky.degrees($run) YIELD spike, intraDegree "
                + "RETURN count(spike) AS spikes, count(intraDegree) AS intra", Map.of("run", run));
        assertEquals(Map.of("spikes", 0L, "intra", 0L), plain.get(0));
    }

    @Test
    void degreesRefuseAnUnknownRunOrLevelByName() {
        String unknown = assertThrows(QueryExecutionException.class, () -> db.run("CALL spiky.degrees('nope')")).getMessage();
        assertTrue(unknown.contains("no embedding run 'nope'"), unknown);
        String level = assertThrows(QueryExecutionException.class,
                () -> db.run("CALL spiky.degrees($run, {f: 12})", Map.of("run", run))).getMessage();
        assertTrue(level.contains("12") && level.contains("[8, 16]"), level);
        String key = assertThrows(QueryExecutionException.class,
                () -> db.run("CALL spiky.degrees($run, {ff: 16})", Map.of("run", run))).getMessage();
        assertTrue(key.contains("Unexpected configuration key: ff (Did you mean [f]?)"), key);
    }
}
