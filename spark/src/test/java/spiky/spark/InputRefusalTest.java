package spiky.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spiky.InvalidInputException;

/** Bad input and bad settings are refused with the file and line or the key, and nothing is written. */
class InputRefusalTest {
    @TempDir
    Path dir;

    private InvalidInputException refused(String csv, Map<String, Object> config) throws Exception {
        Path file = dir.resolve("in.csv");
        Files.writeString(file, csv);
        Path out = dir.resolve("out");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> SparkJob.run(LocalSpark.session(), new SparkJob.Arguments(file.toString(), out.toString(), null, config)));
        assertFalse(Files.exists(out), "nothing written");
        return e;
    }

    @Test
    void aMalformedRowIsRefusedNamingFileAndLine() throws Exception {
        InvalidInputException e = refused("item,context,timestamp\n1,a,100\n2,a,100\n3,b,yesterday\n4,b\n", Map.of());
        assertEquals(dir.resolve("in.csv") + ":4: 'yesterday' in column 'timestamp' is neither epoch seconds nor an ISO-8601 date-time",
                e.getMessage());
    }

    @Test
    void aMissingColumnIsRefusedAtLineOne() throws Exception {
        InvalidInputException e = refused("item,playlist\n1,a\n", Map.of());
        assertTrue(e.getMessage().startsWith(dir.resolve("in.csv") + ":1: missing column 'context'"), e.getMessage());
    }

    @Test
    void anUnknownKeyIsRefusedWithTheNearestOne() throws Exception {
        InvalidInputException e = refused("item,context\n1,a\n2,a\n", Map.of("rnak", 64L));
        assertEquals("Unexpected configuration key: rnak (Did you mean [rank]?)", e.getMessage());
        assertThrows(InvalidInputException.class, () -> JobSettings.from(Map.of("writePpmi", true), 2),
                "database-only keys are not job keys");
    }

    @Test
    void untilNeedsTimestamps() throws Exception {
        InvalidInputException e = refused("item,context\n1,a\n2,a\n", Map.of("until", 5L));
        assertTrue(e.getMessage().contains("`until`") && e.getMessage().contains("no timestamp column"), e.getMessage());
    }

    @Test
    void boltOptionsAreCheckedBeforeAnythingConnects() throws Exception {
        Path password = Files.writeString(dir.resolve("pw"), "  secret-password\n");
        SparkJob.Arguments a = SparkJob.parse(new String[] {"--neo4j", "bolt://localhost:7687", "--dataset", "dcbm", "--neo4j-password-file",
                password.toString(), "--neo4j-partitions", "3", "--out", "o"});
        assertEquals("dataset 'dcbm' at bolt://localhost:7687", a.source().describe());
        assertEquals(3, a.neo4j().partitions());
        assertFalse(a.neo4j().toString().contains("secret"), "the password is never printed");
        assertEquals("--neo4j needs --dataset NAME", message("--neo4j", "bolt://localhost:7687", "--out", "o").lines().findFirst().orElseThrow());
        assertTrue(message("--input", "f.csv", "--dataset", "dcbm", "--out", "o").startsWith("--dataset, --neo4j-user, --neo4j-password-file"));
        assertTrue(message("--input", "f.csv", "--neo4j", "bolt://h:1", "--dataset", "d", "--out", "o").startsWith("--out and one of --input or --neo4j"));
        assertTrue(message("--neo4j", "http://localhost:7474", "--dataset", "dcbm", "--out", "o").startsWith("Invalid value for `neo4j`: 'http://localhost:7474' is not a Bolt URL"));
        assertTrue(message("--neo4j", "bolt://localhost:7687", "--dataset", "x' OR 1=1 //", "--neo4j-password-file", password.toString(), "--out", "o")
                .startsWith("Invalid value for `dataset`: 'x' OR 1=1 //' is not a valid dataset name"));
        assertEquals("Invalid value for `neo4j-partitions`: 0 is not in [1, 10000]", message("--neo4j", "bolt://localhost:7687", "--dataset", "dcbm",
                "--neo4j-password-file", password.toString(), "--neo4j-partitions", "0", "--out", "o"));
        assertTrue(message("--neo4j", "bolt://localhost:7687", "--dataset", "dcbm", "--neo4j-password-file", dir.resolve("absent").toString(),
                "--out", "o").startsWith("Invalid value for `neo4j-password-file`: cannot read " + dir.resolve("absent")));
        // One partition reads unordered; several page an ordered query (the connector appends SKIP/LIMIT).
        assertFalse(Neo4jInput.query("dcbm", 1).contains("ORDER BY"));
        assertTrue(Neo4jInput.query("dcbm", 4).endsWith("ORDER BY line, id(c)"));
        assertTrue(Neo4jInput.query("dcbm", 1).startsWith("MATCH (i:Item {dataset: 'dcbm'})-[r:IN]->(c:Context) RETURN"));
    }

    private static String message(String... args) {
        return assertThrows(InvalidInputException.class, () -> SparkJob.parse(args)).getMessage();
    }

    @Test
    void configValuesReadAsTheConfigMapTakesThem() {
        assertEquals(64L, JobSettings.value("64"));
        assertEquals(0.85, JobSettings.value("0.85"));
        assertEquals(java.util.List.of(16L, 32L), JobSettings.value("16,32"));
        assertEquals(java.util.List.of(16L), JobSettings.value("[16]"));
        assertEquals("mutual", JobSettings.value("mutual"));
        assertEquals("2010-01-01", JobSettings.value("2010-01-01"));
    }
}
