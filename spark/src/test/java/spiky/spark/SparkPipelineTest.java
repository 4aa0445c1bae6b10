package spiky.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spiky.Progress;
import spiky.algo.Termination;
import spiky.algo.dcbm.DcbmConfig;
import spiky.algo.dcbm.DcbmGenerator;
import spiky.algo.pipeline.Pipeline;
import spiky.algo.pipeline.PipelineConfig;
import spiky.algo.pipeline.PipelineResult;
import spiky.algo.spikes.SpikeLevel;
import spiky.data.Interactions;

/** The whole job against spiky's in-process pipeline on a generated DCBM: singular values, Spk table, the run directory. */
class SparkPipelineTest {
    @TempDir
    Path dir;

    @Test
    void singularValuesAndSpkTableMatchTheInProcessPipelineAndTheRunDirectoryHoldsThem() throws Exception {
        Interactions d = new DcbmGenerator(new DcbmConfig(8, 1200, 3000, 0.1, 1.5, 1.0, 10, 40, 5), Progress.NONE).generate().interactions();
        Path csv = Reference.writeCsv(d, dir.resolve("dcbm.csv.gz"), "");
        Map<String, Object> settings = Map.of("spkDims", List.of(16L, 32L, 64L), "concurrency", 2L, "method", "randomized");

        Reference.Arrays4 a = Reference.arrays(d, null);
        PipelineResult expected = Pipeline.run(a.itemKeys().length, a.contexts(), a.itemOf(), a.contextOf(), a.keyRank(),
                PipelineConfig.from(settings), Progress.NONE, Termination.NONE);

        Path out = dir.resolve("run");
        SparkPipeline.Run run = SparkJob.run(LocalSpark.session(), new SparkJob.Arguments(csv.toString(), out.toString(), null,
                Map.of("spkDims", List.of(16L, 32L, 64L), "concurrency", 2L, "method", "randomized", "partitions", 3L)));

        assertEquals(expected.ppmi().size(), run.items().length, "kept items");
        assertEquals(expected.ppmi().nnz(), run.nnz(), "nnz");
        double[] s = expected.svd().singularValues();
        double[] t = run.singularValues();
        assertEquals(128, t.length);
        double worst = 0;
        for (int j = 0; j < 64; j++) {
            worst = Math.max(worst, Math.abs(s[j] - t[j]) / s[j]);
        }
        assertTrue(worst <= 1e-6, "largest relative difference of the top-64 singular values: " + worst);

        assertEquals(expected.spikes().size(), run.levels().size());
        for (int l = 0; l < run.levels().size(); l++) {
            SpikeLevel x = expected.spikes().get(l);
            SpikeLevel y = run.levels().get(l);
            assertEquals(List.of(x.f(), x.peaks(), x.n(), x.covered(), x.spk()), List.of(y.f(), y.peaks(), y.n(), y.covered(), y.spk()),
                    "Spk table at f' = " + x.f() + " (f, peaks, n, covered, spk)");
        }
        assertTrue(run.levels().get(0).peaks() > 1, "the DCBM has spikes");

        JsonNode json = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals(run.items().length, json.get("n").asInt());
        assertEquals("randomized", json.get("method").asText());
        assertEquals(128, json.get("singularValues").size());
        assertEquals(run.levels().get(1).peaks(), json.get("spk").get(1).get("peaks").asInt());
        assertEquals(2000, json.get("settings").get("topK").asInt());
        assertTrue(json.get("millis").has("svd"));
        List<String> lines = Files.readAllLines(out.resolve("items.csv"));
        assertEquals(run.items().length + 1, lines.size());
        assertTrue(lines.get(0).startsWith("item,norm,spike16,spike32,spike64,e0,e1,"), lines.get(0));
        assertTrue(lines.get(0).endsWith(",e127"));
        assertEquals(LocalSpark.session().read().parquet(out.resolve("items.parquet").toString()).count(), run.items().length);
        assertFalse(Files.list(dir).anyMatch(p -> p.getFileName().toString().contains("partial")), "no partial directory left");
    }

    @Test
    void blockKrylovMatchesTheInProcessBlockKrylovRun() throws Exception {
        Interactions d = new DcbmGenerator(new DcbmConfig(8, 1200, 3000, 0.1, 1.5, 1.0, 10, 40, 5), Progress.NONE).generate().interactions();
        Path csv = Reference.writeCsv(d, dir.resolve("dcbm.csv"), "");
        Map<String, Object> settings = Map.of("spkDims", List.of(16L, 32L, 64L), "concurrency", 2L, "method", "block-krylov");

        Reference.Arrays4 a = Reference.arrays(d, null);
        PipelineResult expected = Pipeline.run(a.itemKeys().length, a.contexts(), a.itemOf(), a.contextOf(), a.keyRank(),
                PipelineConfig.from(settings), Progress.NONE, Termination.NONE);
        assertEquals("block-krylov", expected.svd().method().configName());

        Path out = dir.resolve("run");
        Map<String, Object> job = new java.util.HashMap<>(settings);
        job.put("partitions", 3L);
        SparkPipeline.Run run = SparkJob.run(LocalSpark.session(), new SparkJob.Arguments(csv.toString(), out.toString(), null, job));

        double[] s = expected.svd().singularValues();
        double[] t = run.singularValues();
        assertEquals(128, t.length);
        assertEquals(expected.svd().matrixProducts(), run.matrixProducts(), "the database's plan: as many products with A");
        double worst = 0;
        for (int j = 0; j < 64; j++) {
            worst = Math.max(worst, Math.abs(s[j] - t[j]) / s[j]);
        }
        assertTrue(worst <= 1e-6, "largest relative difference of the top-64 singular values: " + worst);
        for (int l = 0; l < run.levels().size(); l++) {
            SpikeLevel x = expected.spikes().get(l);
            SpikeLevel y = run.levels().get(l);
            assertEquals(List.of(x.f(), x.peaks(), x.n(), x.covered(), x.spk()), List.of(y.f(), y.peaks(), y.n(), y.covered(), y.spk()),
                    "Spk table at f' = " + x.f() + " (f, peaks, n, covered, spk)");
        }
        JsonNode json = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals("block-krylov", json.get("method").asText());
        System.out.println("block-krylov on Spark: top-64 worst relative difference " + worst + ", " + run.matrixProducts()
                + " products, svd " + run.millis().get("svd") + " ms");
    }
}
