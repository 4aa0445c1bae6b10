package spiky.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.TestDatabase;
import spiky.algo.Termination;
import spiky.algo.linalg.CsrMatrix;
import spiky.algo.pipeline.Pipeline;
import spiky.algo.pipeline.PipelineConfig;
import spiky.algo.pipeline.PipelineResult;
import spiky.algo.spikes.SpikeLevel;

/** A run computed outside the database loaded as a finished run; a failure half-way leaves none. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImportedRunWriterTest {
    @TempDir
    static Path dir;

    private TestDatabase database;
    private ImportedRun run;
    private PipelineResult result;

    @BeforeAll
    void setUp() {
        database = new TestDatabase(dir.resolve("db"));
        database.run("CALL spiky.dcbm.generate('d', {items: 400, contexts: 1200, minLength: 10, maxLength: 30, communities: 4})");
        DatasetArrays a = DatasetReader.read(database.db(), "d", Progress.NONE, Termination.NONE);
        PipelineConfig config = PipelineConfig.from(Map.of("rank", 32L, "spkDims", List.of(8L, 16L)));
        PipelineResult r = Pipeline.run(a.items(), a.contexts(), a.itemOf(), a.contextOf(), a.keyRank(), config, Progress.NONE,
                Termination.NONE);
        run = importedRun(a, r, config);
        result = r;
    }

    @AfterAll
    void tearDown() {
        database.close();
    }

    /** The run as the Spark job's directory describes it: rows, ids as text, peaks by item id. */
    private static ImportedRun importedRun(DatasetArrays a, PipelineResult r, PipelineConfig config) {
        int[] kept = r.ppmi().items();
        String[] items = new String[kept.length];
        for (int row = 0; row < kept.length; row++) {
            items[row] = a.itemIds()[kept[row]].toString();
        }
        List<ImportedRun.Level> levels = new ArrayList<>();
        String[][] spikes = new String[r.spikes().size()][items.length];
        for (int l = 0; l < r.spikes().size(); l++) {
            SpikeLevel level = r.spikes().get(l);
            List<String> peaks = new ArrayList<>();
            for (int p : level.peakItems()) {
                peaks.add(items[p]);
            }
            levels.add(new ImportedRun.Level(level.f(), level.peaks(), level.n(), level.covered(), level.spk(), peaks, level.coveredAfter()));
            for (int row = 0; row < items.length; row++) {
                spikes[l][row] = level.spikeOf()[row] < 0 ? null : items[level.spikeOf()[row]];
            }
        }
        Map<String, Object> parameters = new LinkedHashMap<>(config.toMap());
        parameters.remove("writePpmi");
        Map<String, Long> counts = Map.of("cooccurringPairs", r.ppmi().cooccurringPairs(), "pairsAfterMinCount", r.ppmi().pairsAfterMinCount(),
                "pairsAfterRank", r.ppmi().pairsAfterRank(), "pairsPositive", r.ppmi().pairsPositive());
        return new ImportedRun(Path.of("items.csv"), items, r.norms(), r.embeddings(), levels, spikes, r.svd().singularValues(),
                r.ppmi().nnz(), r.svd().matrixProducts(), parameters, counts, Map.of("svd", 1L));
    }

    /** The run with its PPMI matrix, as the job's ppmi.csv gives it: each pair once, by row. */
    private static ImportedRun withPpmi(ImportedRun run, PipelineResult r) {
        CsrMatrix m = r.ppmi().matrix();
        int pairs = (int) (m.nnz() / 2);
        int[] row = new int[pairs];
        int[] partner = new int[pairs];
        double[] weight = new double[pairs];
        int[] count = new int[pairs];
        int k = 0;
        // From the last row down, so that the file's order is not the matrix's.
        for (int a = m.rows() - 1; a >= 0; a--) {
            for (long p = m.rowStart(a); p < m.rowEnd(a); p++) {
                if (m.column(p) > a) {
                    row[k] = m.column(p);
                    partner[k] = a;
                    weight[k] = m.value(p);
                    count[k] = r.ppmi().counts().get(p);
                    k++;
                }
            }
        }
        return run.withPpmi(new ImportedRun.Pairs(Path.of("ppmi.csv"), row, partner, weight, count));
    }

    private List<Map<String, Object>> degrees(String run) {
        return database.run("CALL spiky.degrees($run, {f: 16}) YIELD item, spike, norm, interactions, ppmiDegree, intraDegree "
                + "RETURN * ORDER BY item", Map.of("run", run));
    }

    private List<Map<String, Object>> fits(String run) {
        return List.of(
                database.run("CALL spiky.dcbm.fit($run, {f: 16, weight: 'count', blocks: 50})", Map.of("run", run)).get(0),
                database.run("CALL spiky.dcbm.fit($run, {f: 16, weight: 'ppmi', blocks: 50})", Map.of("run", run)).get(0));
    }

    @Test
    void aRunWithItsPpmiMatrixKeepsItAsItsSetAndReportsAsThePipelineRunOnTheSameData() {
        String inDatabase = (String) database.run("CALL spiky.pipeline('d', {rank: 32, spkDims: [8, 16]})").get(0).get("runId");
        String imported = new ImportedRunWriter(database.db(), Progress.NONE).write("d", withPpmi(run, result));
        Map<String, Object> r = database.run("MATCH (r:EmbeddingRun {id: $id}) MATCH (d:Dataset {name: 'd'}) MATCH (x:EmbeddingRun {id: $db}) "
                + "RETURN r.ppmiRun AS tag, r.ppmiRelationships AS written, r.writePpmi AS writePpmi, d.ppmiRun AS current, "
                + "d.ppmiSource AS source, d.ppmiPairs AS pairs, r.ppmiDigest AS digest, "
                + "x.ppmiDigest AS pipelineDigest", Map.of("id", imported, "db", inDatabase)).get(0);
        assertEquals(imported, r.get("tag"));
        assertEquals(imported, r.get("current"), "the imported run's set is the dataset's current one, as after a pipeline run");
        assertEquals("spark", r.get("source"));
        assertEquals(true, r.get("writePpmi"));
        assertEquals(result.ppmi().pairsPositive(), r.get("written"));
        assertEquals(result.ppmi().pairsPositive(), r.get("pairs"));
        assertEquals(r.get("pipelineDigest"), r.get("digest"), "the same relationships as the pipeline run's set");
        assertEquals(result.ppmi().pairsPositive(), count("MATCH (:Item {dataset: 'd'})-[p:PPMI {run: '" + imported + "'}]->() RETURN count(p) AS c"));

        List<Map<String, Object>> degrees = degrees(inDatabase);
        assertTrue(degrees.stream().anyMatch(row -> ((Number) row.get("ppmiDegree")).doubleValue() > 0), "degrees are not all 0");
        assertEquals(degrees, degrees(imported), "spiky.degrees of the imported run and of the pipeline run");
        List<Map<String, Object>> fits = fits(inDatabase);
        assertEquals(fits, fits(imported), "spiky.dcbm.fit of the imported run and of the pipeline run");
        // Read back from the graph too, not only the matrix the writer handed over.
        RunPpmi.in(database.db()).forget("d");
        assertEquals(degrees, degrees(imported));
        assertEquals(fits, fits(imported));
    }

    @Test
    void aFailureWhileWritingPpmiLeavesNoRunAndNoPairs() {
        long runsBefore = count("MATCH (r:EmbeddingRun) RETURN count(r) AS c");
        long pairsBefore = count("MATCH (:Item {dataset: 'd'})-[p:PPMI]->() RETURN count(p) AS c");
        Progress failing = (stage, done, total) -> {
            if (stage.startsWith("writing PPMI") && done > 0) {
                throw new IllegalStateException("disk full (simulated)");
            }
        };
        assertThrows(IllegalStateException.class, () -> new ImportedRunWriter(database.db(), failing).write("d", withPpmi(run, result)));
        assertEquals(runsBefore, count("MATCH (r:EmbeddingRun) RETURN count(r) AS c"), "no run left behind");
        assertEquals(pairsBefore, count("MATCH (:Item {dataset: 'd'})-[p:PPMI]->() RETURN count(p) AS c"), "no PPMI pairs left behind");
        assertEquals(0, count("MATCH (e:Embedding) WHERE NOT EXISTS { MATCH (r:EmbeddingRun {id: e.run}) } RETURN count(e) AS c"));
    }

    @Test
    void aPpmiFileThatDisagreesWithTheRunIsRefusedBeforeAnythingIsWritten() {
        ImportedRun full = withPpmi(run, result);
        ImportedRun.Pairs p = full.ppmi();
        int last = p.size() - 1;
        ImportedRun missingOne = run.withPpmi(new ImportedRun.Pairs(p.file(), java.util.Arrays.copyOf(p.row(), last),
                java.util.Arrays.copyOf(p.partner(), last), java.util.Arrays.copyOf(p.weight(), last), java.util.Arrays.copyOf(p.count(), last)));
        long runsBefore = count("MATCH (r:EmbeddingRun) RETURN count(r) AS c");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new ImportedRunWriter(database.db(), Progress.NONE).write("d", missingOne));
        assertEquals("ppmi.csv: " + last + " pairs (" + 2L * last + " matrix entries), but run.json says nnz = " + run.nnz(), e.getMessage());
        int[] partner = p.partner().clone();
        partner[1] = partner[0];
        int[] row = p.row().clone();
        row[1] = row[0];
        ImportedRun twice = run.withPpmi(new ImportedRun.Pairs(p.file(), row, partner, p.weight(), p.count()));
        e = assertThrows(InvalidInputException.class, () -> new ImportedRunWriter(database.db(), Progress.NONE).write("d", twice));
        assertTrue(e.getMessage().startsWith("ppmi.csv: ") && e.getMessage().contains("appears twice")
                || e.getMessage().contains("has no pair in ppmi.csv"), e.getMessage());
        assertEquals(runsBefore, count("MATCH (r:EmbeddingRun) RETURN count(r) AS c"));
    }

    private long count(String cypher) {
        return ((Number) database.run(cypher).get(0).get("c")).longValue();
    }

    @Test
    void aFailureWhileWritingEmbeddingsLeavesNoRun() {
        long runsBefore = count("MATCH (r:EmbeddingRun) RETURN count(r) AS c");
        Progress failing = (stage, done, total) -> {
            if (stage.startsWith("writing embeddings")) {
                throw new IllegalStateException("disk full (simulated)");
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ImportedRunWriter(database.db(), failing).write("d", run));
        assertEquals("disk full (simulated)", e.getMessage());
        assertEquals(runsBefore, count("MATCH (r:EmbeddingRun) RETURN count(r) AS c"), "no run left behind");
        assertEquals(0, count("MATCH (e:Embedding) WHERE NOT EXISTS { MATCH (r:EmbeddingRun {id: e.run}) } RETURN count(e) AS c"),
                "no embeddings left behind");
    }

    @Test
    void anItemTheDatasetDoesNotHaveIsRefusedBeforeAnythingIsWritten() {
        String[] items = run.items().clone();
        items[5] = "999999";
        ImportedRun wrong = new ImportedRun(run.itemsFile(), items, run.norms(), run.embeddings(), run.levels(), run.spikes(),
                run.singularValues(), run.nnz(), run.matrixProducts(), run.parameters(), run.counts(), run.millis());
        long runsBefore = count("MATCH (r:EmbeddingRun) RETURN count(r) AS c");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new ImportedRunWriter(database.db(), Progress.NONE).write("d", wrong));
        assertEquals("items.csv:7: item '999999' is not an item of dataset 'd' (was the job run on this dataset's interactions?)", e.getMessage());
        assertEquals(runsBefore, count("MATCH (r:EmbeddingRun) RETURN count(r) AS c"));
    }

    @Test
    void aLoadedRunIsFinishedWithItsSpkTableAndSpikeProperties() {
        String id = new ImportedRunWriter(database.db(), Progress.NONE).write("d", run);
        Map<String, Object> r = database.run("MATCH (r:EmbeddingRun {id: $id}) MATCH (d:Dataset {name: 'd'}) "
                + "RETURN r.status AS status, r.spkPeaks AS peaks, r.n AS n, r.rank AS rank, r.computedBy AS by, d.latestRun AS latest",
                Map.of("id", id)).get(0);
        assertEquals("finished", r.get("status"));
        assertEquals(id, r.get("latest"));
        assertEquals("spark", r.get("by"));
        assertEquals((long) run.items().length, r.get("n"));
        assertEquals(32L, r.get("rank"));
        assertArrayEquals(run.levels().stream().mapToLong(ImportedRun.Level::peaks).toArray(), (long[]) r.get("peaks"));
        assertEquals((long) run.items().length, count("MATCH (e:Embedding {run: '" + id + "'}) RETURN count(e) AS c"));
        long peaks16 = count("MATCH (e:Embedding {run: '" + id + "'}) WHERE e.peak16 RETURN count(e) AS c");
        assertEquals(run.levels().get(1).peaks(), peaks16);
        assertTrue(peaks16 > 1);
        // A report procedure takes it.
        assertEquals((long) run.levels().get(1).peaks(), count("CALL spiky.degrees('" + id + "', {f: 16}) YIELD spike "
                + "WITH DISTINCT spike WHERE spike IS NOT NULL RETURN count(spike) AS c"));
    }
}
