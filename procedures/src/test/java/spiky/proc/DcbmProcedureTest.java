package spiky.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DcbmProcedureTest {
    private static final String GENERATE = "CALL spiky.dcbm.generate($name, $config)";

    private TestDatabase db;

    @BeforeAll
    void start(@TempDir Path dir) {
        db = new TestDatabase(dir);
    }

    @AfterAll
    void stop() {
        if (db != null) {
            db.close();
        }
    }

    private Map<String, Object> generate(String name, Map<String, Object> config) {
        List<Map<String, Object>> rows = db.run(GENERATE, Map.of("name", name, "config", config));
        assertEquals(1, rows.size());
        return rows.get(0);
    }

    private long count(String cypher, String name) {
        return (Long) db.run(cypher, Map.of("name", name)).get(0).get("n");
    }

    private List<Map<String, Object>> pairs(String name) {
        return db.run("MATCH (i:Item {dataset: $name})-[r:IN]->(c:Context) "
                + "RETURN i.id AS item, c.id AS context, r.timestamp AS timestamp ORDER BY item, context", Map.of("name", name));
    }

    private List<Map<String, Object>> items(String name) {
        return db.run("MATCH (i:Item {dataset: $name}) "
                + "RETURN i.id AS id, i.theta AS theta, i.trueCommunity AS community ORDER BY id", Map.of("name", name));
    }

    @Test
    void generatesExactlyTheYieldedGraph() {
        Map<String, Object> row = generate("g1", Map.of("items", 300, "contexts", 400, "seed", 7));
        assertEquals("g1", row.get("dataset"));
        assertEquals(400L, row.get("contexts"));
        assertEquals(8L, row.get("communities"));
        assertEquals(7L, row.get("seed"));
        long items = (Long) row.get("items");
        assertTrue(items > 250 && items <= 300, "items " + items);

        assertEquals(items, count("MATCH (i:Item {dataset: $name}) RETURN count(i) AS n", "g1"));
        assertEquals(400L, count("MATCH (c:Context {dataset: $name}) RETURN count(c) AS n", "g1"));
        assertEquals(row.get("interactions"),
                count("MATCH (:Item {dataset: $name})-[r:IN]->(:Context {dataset: $name}) RETURN count(r) AS n", "g1"));
        assertEquals(0L, count("MATCH (i:Item {dataset: $name}) WHERE i.theta IS NULL OR i.trueCommunity IS NULL "
                + "OR NOT i.trueCommunity IN range(0, 7) OR i.theta < 1.0 RETURN count(i) AS n", "g1"));
        assertEquals(0L, count("MATCH (:Item {dataset: $name})-[r:IN]->() WHERE r.timestamp IS NULL RETURN count(r) AS n", "g1"));

        Map<String, Object> dataset = db.run("MATCH (d:Dataset {name: 'g1'}) RETURN d.status AS status, d.format AS format, "
                + "d.source AS source, d.`dcbm.seed` AS seed, d.`dcbm.items` AS items, d.`dcbm.mix` AS mix, "
                + "d.itemIdType AS itemIdType, d.hasTruth AS hasTruth").get(0);
        assertEquals("ready", dataset.get("status"));
        assertEquals("dcbm", dataset.get("format"));
        assertEquals("spiky.dcbm.generate", dataset.get("source"));
        assertEquals(7L, dataset.get("seed"));
        assertEquals(300L, dataset.get("items"));
        assertEquals(0.1, dataset.get("mix"));
        assertEquals("integer", dataset.get("itemIdType"));
        assertEquals(true, dataset.get("hasTruth"));
    }

    @Test
    void theSameSeedGivesTheSameGraph() {
        generate("same1", Map.of("items", 300, "contexts", 400, "seed", 7));
        generate("same2", Map.of("items", 300, "contexts", 400, "seed", 7));
        generate("other", Map.of("items", 300, "contexts", 400, "seed", 8));
        assertEquals(pairs("same1"), pairs("same2"));
        assertEquals(items("same1"), items("same2"));
        assertFalse(pairs("same1").equals(pairs("other")));
    }

    @Test
    void anUnknownKeyFailsWithTheNearestKeyAndWritesNothing() {
        QueryExecutionException e = assertThrows(QueryExecutionException.class,
                () -> generate("typo", Map.of("comunities", 4)));
        assertTrue(e.getMessage().contains("Did you mean [communities]"), e.getMessage());
        e = assertThrows(QueryExecutionException.class, () -> generate("typo", Map.of("replac", true)));
        assertTrue(e.getMessage().contains("Did you mean [replace]"), e.getMessage());
        assertEquals(0L, count("MATCH (d:Dataset {name: $name}) RETURN count(d) AS n", "typo"));
        assertEquals(0L, count("MATCH (i:Item {dataset: $name}) RETURN count(i) AS n", "typo"));
    }

    @Test
    void anExistingNameNeedsReplace() {
        generate("kept", Map.of("items", 100, "contexts", 50, "seed", 1));
        List<Map<String, Object>> before = pairs("kept");
        QueryExecutionException e = assertThrows(QueryExecutionException.class,
                () -> generate("kept", Map.of("items", 100, "contexts", 50, "seed", 2)));
        assertTrue(e.getMessage().contains("Dataset 'kept' already exists"), e.getMessage());
        assertEquals(before, pairs("kept"));
        assertEquals("ready", db.run("MATCH (d:Dataset {name: 'kept'}) RETURN d.status AS s").get(0).get("s"));

        Map<String, Object> row = generate("kept", Map.of("items", 100, "contexts", 60, "seed", 2, "replace", true));
        assertEquals(60L, row.get("contexts"));
        assertEquals(60L, count("MATCH (c:Context {dataset: $name}) RETURN count(c) AS n", "kept"));
        assertEquals(1L, count("MATCH (d:Dataset {name: $name}) RETURN count(d) AS n", "kept"));
    }

    @Test
    void anInvalidNameFails() {
        QueryExecutionException e = assertThrows(QueryExecutionException.class, () -> generate("no spaces", Map.of()));
        assertTrue(e.getMessage().contains("not a valid dataset name"), e.getMessage());
    }

    @Test
    void theConfigIsOptionalAndDocumented() {
        generate("optional", Map.of("items", 20, "contexts", 10));
        // Called without a config, the defaults are read and checked before the name is found taken:
        // that proves the parameter optional without writing a default-sized dataset.
        QueryExecutionException e = assertThrows(QueryExecutionException.class,
                () -> db.run("CALL spiky.dcbm.generate('optional')"));
        assertTrue(e.getMessage().contains("Dataset 'optional' already exists"), e.getMessage());
        String description = (String) db.run("SHOW PROCEDURES YIELD name, description WHERE name = 'spiky.dcbm.generate' "
                + "RETURN description").get(0).get("description");
        for (String key : List.of("communities", "items", "contexts", "mix", "exponent", "thetaMin",
                "minLength", "maxLength", "seed", "replace")) {
            assertTrue(description.contains(key + " (default "), key);
        }
    }

    @Test
    void versionAnswers() {
        Map<String, Object> row = db.run("CALL spiky.version()").get(0);
        assertFalse(((String) row.get("spiky")).isBlank());
        assertTrue(((String) row.get("neo4j")).startsWith("5."), String.valueOf(row.get("neo4j")));
    }
}
