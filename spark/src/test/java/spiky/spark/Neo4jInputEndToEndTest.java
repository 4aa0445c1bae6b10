package spiky.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.algo.dcbm.DcbmConfig;
import spiky.algo.dcbm.DcbmGenerator;
import spiky.algo.spikes.SpikeLevel;
import spiky.data.Interactions;

/**
 * The job reading a dataset from a running spiky over Bolt (Neo4jInput, through the Neo4j Spark
 * connector) against the same job on the csv file the dataset was imported from: the same PPMI
 * matrix pair for pair, the same singular values and Spk table; and the database's own run of the
 * dataset. Two datasets: integer ids without timestamps, and string ids (whose key order is not
 * the numeric one) with timestamps and weights, read with an {@code until}. Refusals: an unknown
 * dataset, a wrong password, nothing written.
 */
@Tag("process")
class Neo4jInputEndToEndTest {
    private static final Map<String, Object> SETTINGS = Map.of("rank", 32L, "spkDims", List.of(8L, 16L, 32L), "concurrency", 2L);
    private static final long T0 = 1_600_000_000L;

    @TempDir
    static Path dir;

    private static ServerProcess server;
    private static Interactions dcbm;

    @BeforeAll
    static void serveTwoDatasets() throws Exception {
        ServerProcess.assumeBuilt();
        dcbm = new DcbmGenerator(new DcbmConfig(4, 400, 1200, 0.05, 1.5, 1.0, 10, 30, 11), Progress.NONE).generate().interactions();
        Path data = dir.resolve("data");
        Path imports = Files.createDirectories(data.resolve("import"));
        Reference.writeCsv(dcbm, imports.resolve("ints.csv"), "");
        writeStringIdsWithTimes(dcbm, imports.resolve("strings.csv"));
        server = ServerProcess.serve(data, dir.resolve("server.log"));
        server.post("/api/datasets/ints/import", "{\"format\": \"csv\", \"path\": \"ints.csv\"}", 201);
        server.post("/api/datasets/strings/import", "{\"format\": \"csv\", \"path\": \"strings.csv\"}", 201);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void integerIdsReadOverBoltGiveTheRunOfTheCsvFileAndOfTheDatabase() throws Exception {
        Path csv = dir.resolve("data/import/ints.csv");
        SparkPipeline.Run fromFile = job(new SparkJob.Arguments(csv.toString(), dir.resolve("ints-file").toString(), null, SETTINGS));
        // Two read partitions: the connector pages the ordered query with SKIP/LIMIT.
        SparkPipeline.Run overBolt = job(neo4j("ints", server.passwordFile().toString(), 2, dir.resolve("ints-bolt"), SETTINGS));
        assertTrue(overBolt.integerIds(), "numeric keys: every id of the dataset is an integer");
        assertSameRun(fromFile, overBolt);
        JsonNode runJson = new ObjectMapper().readTree(dir.resolve("ints-bolt/run.json").toFile());
        assertEquals("dataset 'ints' at " + server.boltUrl(), runJson.path("input").asText());
        assertEquals(2, runJson.path("spark").path("neo4jPartitions").asInt());
        Set<Long> distinct = new HashSet<>();
        for (int e = 0; e < dcbm.size(); e++) {
            distinct.add((long) dcbm.itemOf()[e] * dcbm.contextCount() + dcbm.contextOf()[e]);
        }
        assertEquals(distinct.size(), overBolt.counts().get("interactions"), "every distinct (item, context) read once");

        // The database's own run of the dataset: same matrix, Spk table, singular values to rounding.
        JsonNode db = server.pipelineRun("ints", "{\"rank\": 32, \"spkDims\": [8, 16, 32], \"concurrency\": 2}");
        assertEquals(overBolt.nnz(), db.path("nnz").asLong());
        assertEquals(overBolt.counts().get("pairsPositive"), db.path("pairsPositive").asLong());
        for (int j = 0; j < 32; j++) {
            double a = db.path("singularValues").get(j).asDouble();
            assertTrue(Math.abs(a - overBolt.singularValues()[j]) <= 1e-6 * a, "singular value " + j + ": " + a + " vs "
                    + overBolt.singularValues()[j]);
        }
        for (int l = 0; l < overBolt.levels().size(); l++) {
            JsonNode row = db.path("spkTable").get(l);
            SpikeLevel y = overBolt.levels().get(l);
            assertEquals(List.of(row.path("f").asInt(), row.path("peaks").asInt(), row.path("covered").asInt()),
                    List.of(y.f(), y.peaks(), y.covered()), "Spk table at f' = " + y.f() + " (f, peaks, covered)");
        }
    }

    @Test
    void stringIdsWithUntilReadOverBoltGiveTheRunOfTheCsvFile() throws Exception {
        Path csv = dir.resolve("data/import/strings.csv");
        // About two thirds of the contexts: until keeps the interactions whose timestamp is at most it.
        Map<String, Object> settings = new HashMap<>(SETTINGS);
        settings.put("until", T0 + 800L * 60);
        SparkPipeline.Run fromFile = job(new SparkJob.Arguments(csv.toString(), dir.resolve("strings-file").toString(), null, settings));
        SparkPipeline.Run overBolt = job(neo4j("strings", server.passwordFile().toString(), 1, dir.resolve("strings-bolt"), settings));
        assertFalse(overBolt.integerIds(), "string keys");
        assertTrue(overBolt.counts().get("interactions") < dcbm.size() && overBolt.counts().get("contexts") == 801,
                "until cut the interactions: " + overBolt.counts());
        assertSameRun(fromFile, overBolt);
    }

    @Test
    void anUnknownDatasetIsRefusedByNameAndNothingIsWritten() throws Exception {
        Path out = dir.resolve("unknown");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> job(neo4j("nope", server.passwordFile().toString(), 1, out, SETTINGS)));
        assertEquals("Invalid value for `dataset`: no dataset named 'nope' at " + server.boltUrl() + " (it has ints, strings)", e.getMessage());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void aWrongPasswordIsRefusedNamingWhereItCameFromAndNothingIsWritten() throws Exception {
        Path wrong = Files.writeString(dir.resolve("wrong-password"), "not-the-password\n");
        Path out = dir.resolve("wrong");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> job(neo4j("ints", wrong.toString(), 1, out, SETTINGS)));
        assertTrue(e.getMessage().startsWith("Invalid value for `neo4j-password-file`: Neo4j at " + server.boltUrl()
                + " refused user 'neo4j' with the password in " + wrong), e.getMessage());
        assertFalse(Files.exists(out), "nothing written");
        InvalidInputException unreachable = assertThrows(InvalidInputException.class, () -> job(new SparkJob.Arguments(null,
                Neo4jInput.of("bolt://127.0.0.1:" + ServerProcess.freePort(), "ints", "neo4j", server.passwordFile().toString(), 1),
                out.toString(), null, SETTINGS)));
        assertTrue(unreachable.getMessage().startsWith("Invalid value for `neo4j`: cannot reach Neo4j at bolt://127.0.0.1:"),
                unreachable.getMessage());
        assertFalse(Files.exists(out), "nothing written");
    }

    private static SparkJob.Arguments neo4j(String dataset, String passwordFile, int partitions, Path out, Map<String, Object> settings) {
        return new SparkJob.Arguments(null, Neo4jInput.of(server.boltUrl(), dataset, "neo4j", passwordFile, partitions), out.toString(),
                null, settings);
    }

    private static SparkPipeline.Run job(SparkJob.Arguments a) {
        return SparkJob.run(LocalSpark.session(), a);
    }

    /** The same PPMI matrix (pairs, counts, weights, bit for bit), item order, singular values, Spk table. */
    private static void assertSameRun(SparkPipeline.Run file, SparkPipeline.Run bolt) {
        assertEquals(file.integerIds(), bolt.integerIds());
        assertEquals(file.counts(), bolt.counts(), "interactions, contexts, items and pair counts");
        assertEquals(pairs(file), pairs(bolt), "the PPMI matrix, pair for pair");
        assertEquals(List.of(file.items()), List.of(bolt.items()), "the matrix rows: items in the order of the file's first rows");
        for (int j = 0; j < file.singularValues().length; j++) {
            double a = file.singularValues()[j];
            double b = bolt.singularValues()[j];
            assertTrue(Math.abs(a - b) <= 1e-12 * a, "singular value " + j + ": " + a + " vs " + b);
        }
        assertEquals(file.levels().size(), bolt.levels().size());
        for (int l = 0; l < file.levels().size(); l++) {
            SpikeLevel x = file.levels().get(l);
            SpikeLevel y = bolt.levels().get(l);
            assertEquals(List.of(x.f(), x.peaks(), x.n(), x.covered(), x.spk()), List.of(y.f(), y.peaks(), y.n(), y.covered(), y.spk()),
                    "Spk table at f' = " + x.f());
        }
    }

    private static Map<String, List<Object>> pairs(SparkPipeline.Run run) {
        Map<String, List<Object>> out = new HashMap<>();
        for (Row r : run.ppmiPairs().collectAsList()) {
            out.put(r.getString(0) + " " + r.getString(1), List.of(r.getLong(3), r.getDouble(2)));
        }
        assertEquals(run.nnz() / 2, out.size(), "each pair once");
        return out;
    }

    /**
     * The DCBM with string ids ("item-17": their string order is not their numeric one), a
     * timestamp per context (one minute apart) and a weight per row.
     */
    private static void writeStringIdsWithTimes(Interactions d, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("item,context,timestamp,weight\n");
            for (int e = 0; e < d.size(); e++) {
                int c = d.contextOf()[e];
                w.write("item-" + d.itemKeys()[d.itemOf()[e]] + "," + d.contextKeys()[c] + "," + (T0 + 60L * c) + "," + (1 + e % 5) + "\n");
            }
        }
    }
}
