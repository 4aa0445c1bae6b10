package spiky.proc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.GraphDatabaseService;
import spiky.Progress;
import spiky.algo.Termination;
import spiky.algo.pipeline.Pipeline;
import spiky.algo.pipeline.PipelineConfig;
import spiky.algo.pipeline.PipelineResult;
import spiky.graph.DatasetArrays;
import spiky.graph.DatasetReader;
import spiky.graph.RunStore;
import spiky.algo.MemoryGuard;
import spiky.algo.ppmi.Ppmi;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;

/** One pipeline run from the graph back to the graph: read the dataset, compute, write the run. */
public final class PipelineRunner {
    private PipelineRunner() {}

    /** What spiky.pipeline yields. */
    public record Row(String runId, String dataset, long n, long nnz, long rank, String method, List<Double> singularValues,
            List<Map<String, Object>> spk, Map<String, Object> millis, Map<String, Object> peakHeapBytes, long ppmiRelationships,
            String status) {}

    static Row write(GraphDatabaseService db, String dataset, PipelineConfig config, Progress progress, Termination termination) {
        return complete(db, begin(db, dataset, config), dataset, config, progress, termination);
    }

    /**
     * The first half of a run, for callers that hand the rest to another thread (the HTTP API's
     * POST /api/datasets/{d}/runs): records the 'running' run of a ready dataset and returns its id.
     */
    public static String begin(GraphDatabaseService db, String dataset, PipelineConfig config) {
        refuseWhatCannotFit(db, dataset, config);
        return new RunStore(db, Progress.NONE).begin(dataset, config.toMap());
    }

    /**
     * Refuses a run whose reading and PPMI incidence cannot fit the heap, before anything is read or
     * written, from the dataset's recorded counts: what the sizes alone tell for certain. The rest of
     * the PPMI is checked once its first pass has counted the heads, and the SVD, embedding and Spk
     * stages with the sizes the stage before produced (Pipeline.run); a refusal there fails the run.
     */
    static void refuseWhatCannotFit(GraphDatabaseService db, String dataset, PipelineConfig config) {
        long items;
        long contexts;
        long interactions;
        try (Transaction tx = db.beginTx()) {
            Node d = DatasetReader.readyDataset(tx, dataset);
            items = ((Number) d.getProperty("items", 0L)).longValue();
            contexts = ((Number) d.getProperty("contexts", 0L)).longValue();
            interactions = ((Number) d.getProperty("interactions", 0L)).longValue();
        }
        // The read keeps two int arrays per interaction and an id and a node id per item; while it
        // numbers the contexts it also holds each interaction's context node id (DatasetReader).
        long read = 16L * interactions + 24L * items;
        long ppmi = Ppmi.prepareBytes((int) Math.min(items, Integer.MAX_VALUE - 1), (int) Math.min(contexts, Integer.MAX_VALUE - 1),
                interactions, config.concurrency());
        MemoryGuard.check("reading '" + dataset + "' (" + items + " items, " + interactions + " interactions) and its PPMI", read + ppmi);
    }

    /** The rest of a run begun by {@link #begin}: compute, write, mark it finished, or failed on any error. */
    public static Row complete(GraphDatabaseService db, String runId, String dataset, PipelineConfig config, Progress progress,
            Termination termination) {
        RunStore store = new RunStore(db, progress, termination);
        return store.failOnError(runId, () -> {
            long t0 = System.nanoTime();
            DatasetArrays data = DatasetReader.read(db, dataset, config.until(), config.concurrency(), progress, termination);
            long readMillis = (System.nanoTime() - t0) / 1_000_000;
            PipelineResult result = compute(data, config, progress, termination);
            long pairs = result.ppmi().nnz() / 2;
            // Above maxPpmiRelationships pairs, each item's strongest ppmiGraphTopK pairs, the whole matrix in a file.
            int topK = config.graphTopK(pairs);
            boolean writePpmi = config.writePpmi() && (pairs <= config.maxPpmiRelationships() || topK > 0);
            RunStore.Written written = store.finish(runId, data, result, writePpmi ? config.ppmi() : null, topK, Map.of("read", readMillis));
            return row(runId, dataset, config, result, written.ppmiRelationships(), "finished", readMillis, written.millis());
        });
    }

    static Row stats(GraphDatabaseService db, String dataset, PipelineConfig config, Progress progress, Termination termination) {
        refuseWhatCannotFit(db, dataset, config);
        long t0 = System.nanoTime();
        DatasetArrays data = DatasetReader.read(db, dataset, config.until(), config.concurrency(), progress, termination);
        long readMillis = (System.nanoTime() - t0) / 1_000_000;
        return row(null, dataset, config, compute(data, config, progress, termination), 0, "not written", readMillis, Map.of());
    }

    private static PipelineResult compute(DatasetArrays data, PipelineConfig config, Progress progress, Termination termination) {
        return Pipeline.run(data.items(), data.contexts(), data.pairs(), data.keyRank(), config, progress, termination);
    }

    private static Row row(String runId, String dataset, PipelineConfig config, PipelineResult r, long ppmiRelationships, String status,
            long readMillis, Map<String, Long> writeMillis) {
        List<Double> sigma = SpkRows.list(r.svd().singularValues());
        List<Map<String, Object>> spk = SpkRows.of(r.spikes());
        Map<String, Object> millis = new LinkedHashMap<>();
        millis.put("read", readMillis);
        millis.putAll(r.millis());
        millis.putAll(writeMillis);
        return new Row(runId, dataset, r.ppmi().size(), r.ppmi().nnz(), config.svd().rank(), r.svd().method().configName(), sigma, spk,
                millis, new LinkedHashMap<>(r.peakHeap()), ppmiRelationships, status);
    }
}
