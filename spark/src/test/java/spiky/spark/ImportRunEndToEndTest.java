package spiky.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spiky.Progress;
import spiky.algo.dcbm.DcbmConfig;
import spiky.algo.dcbm.DcbmGenerator;
import spiky.data.Interactions;

/**
 * The round trip a user makes, with the real server CLI in its own JVM (its classpath cannot
 * share one with Spark): import a dataset, run the Spark job on the same file, import-run its
 * directory, then the database's own pipeline on the same dataset, and the HTTP reports of both
 * runs (the child processes: {@link ServerProcess}).
 */
@Tag("process")
class ImportRunEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void aSparkRunImportedIntoTheDatabaseServesTheSameReportsAsThePipelineRun() throws Exception {
        ServerProcess.assumeBuilt();
        Interactions d = new DcbmGenerator(new DcbmConfig(4, 400, 1200, 0.05, 1.5, 1.0, 10, 30, 11), Progress.NONE).generate().interactions();
        Path csv = Reference.writeCsv(d, dir.resolve("dcbm.csv"), "");
        Path truth = dir.resolve("truth.csv");
        StringBuilder t = new StringBuilder("item,community,theta\n");
        for (int i = 0; i < d.itemCount(); i++) {
            t.append(d.itemKeys()[i]).append(',').append(d.itemTruth().community()[i]).append(',').append(d.itemTruth().theta()[i]).append('\n');
        }
        Files.writeString(truth, t);
        Path data = dir.resolve("data");
        ServerProcess.cli(0, "import", "--data", data.toString(), "--dataset", "dcbm", "--format", "csv", "--path", csv.toString(), "--items",
                truth.toString());

        Path out = dir.resolve("spark-run");
        Map<String, Object> settings = Map.of("rank", 32L, "spkDims", List.of(8L, 16L, 32L), "concurrency", 2L);
        SparkPipeline.Run run = SparkJob.run(LocalSpark.session(), new SparkJob.Arguments(csv.toString(), out.toString(), null, settings));

        // A damaged copy is refused with file and line, and leaves no run.
        Path damaged = dir.resolve("damaged");
        Files.createDirectories(damaged);
        Files.copy(out.resolve("run.json"), damaged.resolve("run.json"));
        List<String> lines = new ArrayList<>(Files.readAllLines(out.resolve("items.csv")));
        lines.set(3, lines.get(3).replaceFirst(",[^,]*$", ",oops"));
        Files.write(damaged.resolve("items.csv"), lines);
        String refused = ServerProcess.cli(2, "import-run", "--data", data.toString(), "--dataset", "dcbm", "--from", damaged.toString());
        assertTrue(refused.contains(damaged.resolve("items.csv") + ":4: 'oops' in column 'e31' is not a number"), refused);

        String imported = ServerProcess.cli(0, "import-run", "--data", data.toString(), "--dataset", "dcbm", "--from", out.toString());
        assertTrue(imported.contains("Imported run dcbm-1 of dcbm"), imported);
        ServerProcess.cli(0, "pipeline", "--data", data.toString(), "--dataset", "dcbm", "-c", "rank=32", "-c", "spkDims=8,16,32", "-c", "concurrency=2");

        try (ServerProcess server = ServerProcess.serve(data, dir.resolve("server.log"))) {
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
}
