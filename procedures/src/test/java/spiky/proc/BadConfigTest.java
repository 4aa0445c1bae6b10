package spiky.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.neo4j.graphdb.QueryExecutionException;
import spiky.TestDatabase;

/**
 * Malformed config maps for spiky.pipeline and spiky.dcbm.generate: wrong types, numbers out of
 * range, unknown keys, nested maps. Each is refused with a message naming the key, and leaves
 * the database exactly as it was (nodes, relationships, properties).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadConfigTest {
    private TestDatabase db;

    @BeforeAll
    void start(@TempDir Path dir) {
        db = new TestDatabase(dir);
        db.run("CALL spiky.dcbm.generate('base', {items: 80, contexts: 150, seed: 2})");
        db.run("CALL spiky.pipeline('base', {rank: 8, spkDims: [4, 8]})");
    }

    @AfterAll
    void stop() {
        if (db != null) {
            db.close();
        }
    }

    /** Nodes, relationships and all their properties. */
    private List<Long> footprint() {
        Map<String, Object> row = db.run("""
                CALL () { MATCH (n) RETURN count(n) AS nodes, sum(size(keys(n))) AS np }
                CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships, sum(size(keys(r))) AS rp }
                RETURN nodes, relationships, np + rp AS properties
                """).get(0);
        return List.of((Long) row.get("nodes"), (Long) row.get("relationships"), (Long) row.get("properties"));
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    /** config → the words the error must hold. */
    static Stream<Arguments> pipelineConfigs() {
        return Stream.of(
                Arguments.of(map("rnak", 8L), "Unexpected configuration key: rnak (Did you mean [rank]?)"),
                Arguments.of(map("svd", map("rank", 8L)), "Unexpected configuration key: svd"),
                Arguments.of(map("rank", "eight"), "Invalid value for `rank`: expected an integer, got 'eight'"),
                Arguments.of(map("rank", 8.5), "Invalid value for `rank`: expected an integer, got 8.5"),
                Arguments.of(map("rank", 0L), "Invalid value for `rank`: 0 is not in the range [1, 4096]"),
                Arguments.of(map("rank", 1e30), "Invalid value for `rank`: expected an integer"),
                Arguments.of(map("rank", map("value", 8L)), "Invalid value for `rank`: expected an integer"),
                Arguments.of(map("rank", List.of(8L)), "Invalid value for `rank`: expected an integer"),
                Arguments.of(map("minCount", -1L), "Invalid value for `minCount`: -1 is not in the range"),
                Arguments.of(map("seed", "abc"), "Invalid value for `seed`: expected an integer, got 'abc'"),
                Arguments.of(map("seed", LocalDate.of(2020, 1, 1)), "Invalid value for `seed`: expected an integer"),
                Arguments.of(map("sigmaPower", "NaN"), "Invalid value for `sigmaPower`: NaN is not in the range [-4, 4]"),
                Arguments.of(map("sigmaPower", 1e308 * 10), "Invalid value for `sigmaPower`: Infinity is not in the range"),
                Arguments.of(map("cosTheta", 1.0), "Invalid value for `cosTheta`"),
                Arguments.of(map("spkDims", List.of()), "Invalid value for `spkDims`: expected a non-empty list of integers"),
                Arguments.of(map("spkDims", List.of(4L, "8")), "Invalid value for `spkDims`: expected a list of integers, found '8'"),
                Arguments.of(map("rank", 8L, "spkDims", List.of(4L, 16L)), "Invalid value for `spkDims`: 16 is not in the range [1, 8]"),
                Arguments.of(map("spkDims", map("f", 4L)), "Invalid value for `spkDims`"),
                Arguments.of(map("writePpmi", "yes"), "Invalid value for `writePpmi`: expected true or false, got 'yes'"),
                Arguments.of(map("method", "svd++"), "`method`"),
                Arguments.of(map("rankRule", 3L), "Invalid value for `rankRule`: expected a string"),
                Arguments.of(map("concurrency", 100_000L), "Invalid value for `concurrency`: 100000 is not in the range [1, 256]"),
                Arguments.of(map("until", "last year"), "Invalid value for `until`: expected epoch seconds or an ISO-8601 date"),
                Arguments.of(map("until", true), "Invalid value for `until`"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pipelineConfigs")
    void pipelineConfigIsRefusedNamingTheKey(Map<String, Object> config, String expected) {
        assertRefused("CALL spiky.pipeline('base', $config)", config, expected);
    }

    static Stream<Arguments> dcbmConfigs() {
        return Stream.of(
                Arguments.of(map("itmes", 100L), "Unexpected configuration key: itmes (Did you mean [items]?)"),
                Arguments.of(map("model", map("items", 100L)), "Unexpected configuration key: model"),
                Arguments.of(map("items", "many"), "Invalid value for `items`: expected an integer, got 'many'"),
                Arguments.of(map("items", 0L), "Invalid value for `items`: 0 is not in the range"),
                Arguments.of(map("items", 99_999_999_999L), "Invalid value for `items`: 99999999999 is not in the range"),
                Arguments.of(map("communities", 10L, "items", 5L), "Invalid value for `items`: 5 is fewer than communities (10)"),
                Arguments.of(map("mix", 1.5), "Invalid value for `mix`: 1.5 is not in the range [0, 1]"),
                Arguments.of(map("mix", "half"), "Invalid value for `mix`: expected a number, got 'half'"),
                Arguments.of(map("mix", List.of(0.5)), "Invalid value for `mix`: expected a number"),
                Arguments.of(map("exponent", -1.0), "Invalid value for `exponent`"),
                Arguments.of(map("minLength", 20L, "maxLength", 10L), "Invalid value for `minLength`: 20 is greater than maxLength (10)"),
                Arguments.of(map("contexts", 10_000_000L, "maxLength", 10_000L), "`contexts`"),
                Arguments.of(map("seed", 1.5), "Invalid value for `seed`: expected an integer, got 1.5"),
                Arguments.of(map("seed", map()), "Invalid value for `seed`: expected an integer"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dcbmConfigs")
    void dcbmConfigIsRefusedNamingTheKey(Map<String, Object> config, String expected) {
        assertRefused("CALL spiky.dcbm.generate('fresh', $config)", config, expected);
        assertEquals(0L, db.run("MATCH (d:Dataset {name: 'fresh'}) RETURN count(d) AS n").get(0).get("n"));
    }

    private void assertRefused(String cypher, Map<String, Object> config, String expected) {
        List<Long> before = footprint();
        QueryExecutionException e = assertThrows(QueryExecutionException.class, () -> db.run(cypher, Map.of("config", config)));
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
        assertEquals(before, footprint(), "a refused config must leave the database as it was: " + config);
    }
}
