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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.algo.dcbm.DcbmConfig;
import spiky.algo.dcbm.DcbmGenerator;
import spiky.algo.ppmi.PpmiConfig;
import spiky.algo.ppmi.RankRule;
import spiky.algo.spikes.SpikeLevel;
import spiky.data.Interactions;

/**
 * The round trip a user makes, with the real server CLI in its own JVM (its classpath cannot
 * share one with Spark): import a dataset, run the Spark job on the same file, import-run its
 * directory, then the database's own pipeline on the same dataset, and the HTTP reports of both
 * runs (the child processes: {@link ServerProcess}). With the same server running, the job reads
 * its datasets over Bolt ({@link BoltInput}).
 */
@Tag("process")
class ImportRunEndToEndTest {
    private static final Map<String, Object> SETTINGS = Map.of("rank", 32L, "spkDims", List.of(8L, 16L, 32L), "concurrency", 2L);
    private static final long T0 = 1_600_000_000L;

    @TempDir
    static Path dir;

    private static Interactions d;
    private static Path csv;
    private static Path data;
    /** The Spark job's run on the csv file the dataset was imported from. */
    private static SparkPipeline.Run run;
    private static String refused;
    private static String imported;
    private static ServerProcess server;

    @BeforeAll
    static void importRunThenServe() throws Exception {
        ServerProcess.assumeBuilt();
        d = new DcbmGenerator(new DcbmConfig(4, 400, 1200, 0.05, 1.5, 1.0, 10, 30, 11), Progress.NONE).generate().interactions();
        csv = Reference.writeCsv(d, dir.resolve("dcbm.csv"), "");
        Path truth = dir.resolve("truth.csv");
        StringBuilder t = new StringBuilder("item,community,theta\n");
        for (int i = 0; i < d.itemCount(); i++) {
            t.append(d.itemKeys()[i]).append(',').append(d.itemTruth().community()[i]).append(',').append(d.itemTruth().theta()[i]).append('\n');
        }
        Files.writeString(truth, t);
        data = dir.resolve("data");
        ServerProcess.cli(0, "import", "--data", data.toString(), "--dataset", "dcbm", "--format", "csv", "--path", csv.toString(), "--items",
                truth.toString());

        Path out = dir.resolve("spark-run");
        run = SparkJob.run(LocalSpark.session(), new SparkJob.Arguments(csv.toString(), out.toString(), null, SETTINGS));

        // A damaged copy is refused with file and line, and leaves no run.
        Path damaged = dir.resolve("damaged");
        Files.createDirectories(damaged);
        Files.copy(out.resolve("run.json"), damaged.resolve("run.json"));
        List<String> lines = new ArrayList<>(Files.readAllLines(out.resolve("items.csv")));
        lines.set(3, lines.get(3).replaceFirst(",[^,]*$", ",oops"));
        Files.write(damaged.resolve("items.csv"), lines);
        refused = ServerProcess.cli(2, "import-run", "--data", data.toString(), "--dataset", "dcbm", "--from", damaged.toString());

        imported = ServerProcess.cli(0, "import-run", "--data", data.toString(), "--dataset", "dcbm", "--from", out.toString());
        ServerProcess.cli(0, "pipeline", "--data", data.toString(), "--dataset", "dcbm", "-c", "rank=32", "-c", "spkDims=8,16,32", "-c", "concurrency=2");

        // For BoltInput: a second dataset, string ids with timestamps and weights, imported over the API.
        writeStringIdsWithTimes(d, Files.createDirectories(data.resolve("import")).resolve("strings.csv"));
        server = ServerProcess.serve(data, dir.resolve("server.log"));
        server.post("/api/datasets/strings/import", "{\"format\": \"csv\", \"path\": \"strings.csv\"}", 201);
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aSparkRunImportedIntoTheDatabaseServesTheSameReportsAsThePipelineRun() throws Exception {
        assertTrue(refused.contains(dir.resolve("damaged/items.csv") + ":4: 'oops' in column 'e31' is not a number"), refused);
        assertTrue(imported.contains("Imported run dcbm-1 of dcbm"), imported);
        JsonNode spark = server.get("/api/runs/dcbm-1");
        JsonNode db = server.get("/api/runs/dcbm-2");
        assertEquals("finished", spark.path("status").asText());
        assertEquals("spark", spark.path("computedBy").asText());
        assertEquals(db.path("n").asLong(), spark.path("n").asLong());
        assertEquals(db.path("nnz").asLong(), spark.path("nnz").asLong());
        assertEquals(db.path("pairsPositive").asLong(), spark.path("pairsPositive").asLong());
        assertEquals(db.path("spkTable"), spark.path("spkTable"), "the Spk tables of the Spark run and the database's run");
        for (int j = 0; j < 16; j++) {
            double a = db.path("singularValues").get(j).asDouble();
            double b = spark.path("singularValues").get(j).asDouble();
            assertTrue(Math.abs(a - b) <= 1e-6 * a, "singular value " + j + ": " + a + " vs " + b);
        }
        assertEquals(run.levels().get(1).peaks(), spark.path("spkTable").get(1).path("peaks").asInt());
        // The reports take it like a run made inside the database: same spikes, same sizes.
        assertEquals(sizes(server.get("/api/runs/dcbm-2/coverage?f=16")), sizes(server.get("/api/runs/dcbm-1/coverage?f=16")));
        JsonNode communities = server.get("/api/runs/dcbm-1/communities?f=16");
        assertTrue(communities.toString().contains("peak"), communities.toString());
        // The run keeps the job's PPMI matrix as its set: PPMI degrees, the communities' degree
        // columns and the fitted DCBM of /truth are those of the database's run.
        assertEquals(db.path("pairsPositive").asLong(), spark.path("ppmiRelationships").asLong(), "every pair written");
        assertEquals("dcbm-1", spark.path("ppmiRun").asText());
        for (String report : List.of("degrees?f=16", "communities?f=16", "communities?f=32", "truth?f=16")) {
            JsonNode a = server.get("/api/runs/dcbm-2/" + report);
            JsonNode b = server.get("/api/runs/dcbm-1/" + report);
            assertSame(a, b, report, 1e-6);
        }
        assertTrue(server.get("/api/runs/dcbm-1/degrees?f=16").toString().matches("(?s).*\"ppmiDegree\":[1-9].*"), "PPMI degrees not 0");
        assertEquals(200, server.status("/api/runs/dcbm-1/points?f=16&x=0&y=1"));
        assertEquals(200, server.status("/api/runs/dcbm-1/sweep?step=8"));
        assertEquals(200, server.status("/api/runs/dcbm-1/items/" + run.items()[0] + "/similar?k=5"));
    }

    /**
     * The job reading the served datasets over Bolt (Neo4jInput, through the Neo4j Spark
     * connector) against the job on the csv file each was imported from: the same PPMI matrix
     * pair for pair, the same singular values and Spk table, and the database's own run. The
     * datasets: dcbm (integer ids, no timestamps) and strings (string ids, whose key order is not
     * the numeric one, with timestamps and weights; read with an until and a binding topK, its
     * PPMI frames compared). Refusals: an unknown dataset, a wrong password, an unreachable
     * server; nothing written.
     */
    @Nested
    class BoltInput {
        @Test
        void integerIdsReadOverBoltGiveTheRunOfTheCsvFileAndOfTheDatabase() throws Exception {
            // Two read partitions: the connector pages the ordered query with SKIP/LIMIT.
            SparkPipeline.Run overBolt = job(neo4j("dcbm", server.passwordFile().toString(), 2, dir.resolve("dcbm-bolt"), SETTINGS));
            assertTrue(overBolt.integerIds(), "numeric keys: every id of the dataset is an integer");
            assertSameRun(run, overBolt);
            JsonNode runJson = new ObjectMapper().readTree(dir.resolve("dcbm-bolt/run.json").toFile());
            assertEquals("dataset 'dcbm' at " + server.boltUrl(), runJson.path("input").asText());
            assertEquals(2, runJson.path("spark").path("neo4jPartitions").asInt());
            Set<Long> distinct = new HashSet<>();
            for (int e = 0; e < d.size(); e++) {
                distinct.add((long) d.itemOf()[e] * d.contextCount() + d.contextOf()[e]);
            }
            assertEquals(distinct.size(), overBolt.counts().get("interactions"), "every distinct (item, context) read once");

            // The database's own run of the dataset (dcbm-2): same matrix and Spk table, singular values to rounding.
            JsonNode db = server.get("/api/runs/dcbm-2");
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
        void stringIdsWithUntilReadOverBoltGiveThePpmiMatrixOfTheCsvFile() throws Exception {
            // The PPMI stage only (the rest of the job is the same code on the same frames, as above):
            // until keeps the interactions of the first 801 contexts (a timestamp per context, a minute apart).
            PpmiConfig config = new PpmiConfig(2, 20, RankRule.SQL);
            long until = T0 + 800L * 60;
            InteractionInput.Input file = InteractionInput.read(LocalSpark.session(), dir.resolve("data/import/strings.csv").toString());
            InteractionInput.Input bolt = Neo4jInput.of(server.boltUrl(), "strings", "neo4j", server.passwordFile().toString(), 1)
                    .read(LocalSpark.session());
            assertTrue(bolt.hasTimestamps() && bolt.hasWeights(), "the dataset's optional columns");
            PpmiFrames.Result a = PpmiFrames.compute(LocalSpark.session(), file, config, until);
            PpmiFrames.Result b = PpmiFrames.compute(LocalSpark.session(), bolt, config, until);
            assertFalse(b.integerIds(), "string keys");
            assertEquals(801, b.contexts(), "until cut the contexts");
            assertEquals(List.of(a.interactions(), a.contexts(), a.cooccurringPairs(), a.pairsAfterMinCount(), a.pairsAfterRank(), a.pairsPositive()),
                    List.of(b.interactions(), b.contexts(), b.cooccurringPairs(), b.pairsAfterMinCount(), b.pairsAfterRank(), b.pairsPositive()),
                    "interactions, contexts, pair counts");
            assertTrue(b.pairsAfterRank() < b.pairsAfterMinCount(), "topK binds: ties by the partner's string key matter");
            assertEquals(namedPairs(a), namedPairs(b), "the PPMI matrix, pair for pair (counts, weights bit for bit)");
            assertEquals(itemsInRowOrder(a), itemsInRowOrder(b), "items by key rank, and in the order of the matrix rows");
        }

        @Test
        void anUnknownDatasetIsRefusedByNameAndNothingIsWritten() throws Exception {
            Path out = dir.resolve("unknown");
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> job(neo4j("nope", server.passwordFile().toString(), 1, out, SETTINGS)));
            assertEquals("Invalid value for `dataset`: no dataset named 'nope' at " + server.boltUrl() + " (it has dcbm, strings)", e.getMessage());
            assertFalse(Files.exists(out), "nothing written");
        }

        @Test
        void aWrongPasswordIsRefusedNamingWhereItCameFromAndNothingIsWritten() throws Exception {
            Path wrong = Files.writeString(dir.resolve("wrong-password"), "not-the-password\n");
            Path out = dir.resolve("wrong");
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> job(neo4j("dcbm", wrong.toString(), 1, out, SETTINGS)));
            assertTrue(e.getMessage().startsWith("Invalid value for `neo4j-password-file`: Neo4j at " + server.boltUrl()
                    + " refused user 'neo4j' with the password in " + wrong), e.getMessage());
            assertFalse(Files.exists(out), "nothing written");
            InvalidInputException unreachable = assertThrows(InvalidInputException.class, () -> job(new SparkJob.Arguments(null,
                    Neo4jInput.of("bolt://127.0.0.1:" + ServerProcess.freePort(), "dcbm", "neo4j", server.passwordFile().toString(), 1),
                    out.toString(), null, SETTINGS)));
            assertTrue(unreachable.getMessage().startsWith("Invalid value for `neo4j`: cannot reach Neo4j at bolt://127.0.0.1:"),
                    unreachable.getMessage());
            assertFalse(Files.exists(out), "nothing written");
        }
    }

    /**
     * The same report of the database's run (a) and of the Spark run (b): the same fields, texts
     * (the run id aside) and whole numbers, decimals within {@code tolerance} relative (the two
     * SVDs agree to rounding, not bit for bit).
     */
    private static void assertSame(JsonNode a, JsonNode b, String where, double tolerance) {
        if (a.isNumber() && b.isNumber() && (a.isFloatingPointNumber() || b.isFloatingPointNumber())) {
            double x = a.asDouble();
            double y = b.asDouble();
            assertTrue(Math.abs(x - y) <= tolerance * Math.max(1.0, Math.abs(x)), where + ": " + x + " vs " + y);
        } else if (a.isObject() && b.isObject()) {
            List<String> fa = new ArrayList<>();
            List<String> fb = new ArrayList<>();
            a.fieldNames().forEachRemaining(fa::add);
            b.fieldNames().forEachRemaining(fb::add);
            assertEquals(fa, fb, where);
            fa.forEach(f -> assertSame(a.get(f), b.get(f), where + "." + f, tolerance));
        } else if (a.isArray() && b.isArray()) {
            assertEquals(a.size(), b.size(), where);
            for (int i = 0; i < a.size(); i++) {
                assertSame(a.get(i), b.get(i), where + "[" + i + "]", tolerance);
            }
        } else if (a.isTextual() && b.isTextual()) {
            assertEquals(a.asText(), b.asText().replace("dcbm-1", "dcbm-2"), where);
        } else {
            assertEquals(a, b, where);
        }
    }

    private static List<Long> sizes(JsonNode coverage) {
        List<Long> out = new ArrayList<>();
        coverage.findValues("size").forEach(v -> out.add(v.asLong()));
        return out;
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

    private static Map<String, List<Object>> namedPairs(PpmiFrames.Result r) {
        Map<Long, String> ids = new HashMap<>();
        for (Row row : r.items().collectAsList()) {
            ids.put(row.getLong(1), row.getString(0));
        }
        Map<String, List<Object>> out = new HashMap<>();
        for (Row p : r.pairs().collectAsList()) {
            out.put(ids.get(p.getLong(0)) + " " + ids.get(p.getLong(1)), List.of(p.getLong(2), p.getDouble(3)));
        }
        assertEquals(r.pairsPositive(), out.size());
        return out;
    }

    /** The items by key rank, then by their first row (file: line; Bolt: node id): the matrix's row order. */
    private static List<List<String>> itemsInRowOrder(PpmiFrames.Result r) {
        List<String> byKey = r.items().orderBy("i").select("item").as(Encoders.STRING()).collectAsList();
        List<String> byFirst = r.items().orderBy("first").select("item").as(Encoders.STRING()).collectAsList();
        return List.of(byKey, byFirst);
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
