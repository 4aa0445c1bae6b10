package spiky.proc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.neo4j.graphdb.GraphDatabaseService;
import spiky.Progress;
import spiky.algo.MemoryGuard;
import spiky.algo.Termination;
import spiky.algo.linalg.DenseBlock;
import spiky.algo.pipeline.Pipeline;
import spiky.algo.pipeline.PipelineConfig;
import spiky.algo.pipeline.SvdStepConfig;
import spiky.algo.svd.Embeddings;
import spiky.algo.svd.SvdResult;
import spiky.algo.svd.TruncatedSvd;
import spiky.graph.PpmiReader;
import spiky.graph.RunStore;
import spiky.graph.StoredPpmi;

/** The SVD step: read the dataset's written PPMI matrix, compute the truncated SVD and E = U·Σ^p, stream or write them. */
public final class SvdStep {
    private SvdStep() {}

    /** A row of spiky.svd.stream. */
    public record EmbeddingRow(Object item, double norm, List<Double> embedding) {}

    /** What spiky.svd.write yields. */
    public record WriteRow(String runId, String dataset, String ppmiRun, long n, long nnz, long rank, String method,
            List<Double> singularValues, Map<String, Object> millis, String status) {}

    private record Computed(StoredPpmi ppmi, SvdResult svd, DenseBlock embeddings, double[] norms, Map<String, Long> millis) {}

    /** Everything is computed, and every check made, before anything is written. */
    private static Computed compute(GraphDatabaseService db, String dataset, SvdStepConfig config, Progress progress,
            Termination termination) {
        long t0 = System.nanoTime();
        StoredPpmi ppmi = PpmiReader.read(db, dataset, progress, termination);
        long t1 = System.nanoTime();
        int n = ppmi.matrix().rows();
        PipelineConfig.checkSvdFits(config.svd(), n);
        MemoryGuard.check("SVD", TruncatedSvd.estimateBytes(n, ppmi.matrix().nnz(), config.svd()),
                available -> TruncatedSvd.fittingSettings(n, ppmi.matrix().nnz(), config.svd(), available));
        SvdResult svd = TruncatedSvd.compute(ppmi.matrix(), config.svd(), config.concurrency(), progress, termination);
        long t2 = System.nanoTime();
        DenseBlock e = Embeddings.scale(svd.u(), svd.singularValues(), config.sigmaPower());
        double[] norms = Pipeline.rowNorms(e);
        Map<String, Long> millis = new LinkedHashMap<>();
        millis.put("read", (t1 - t0) / 1_000_000);
        millis.put("svd", (t2 - t1) / 1_000_000);
        millis.put("embed", (System.nanoTime() - t2) / 1_000_000);
        return new Computed(ppmi, svd, e, norms, millis);
    }

    static Stream<EmbeddingRow> stream(GraphDatabaseService db, String dataset, SvdStepConfig config, Progress progress,
            Termination termination) {
        Computed c = compute(db, dataset, config, progress, termination);
        int f = c.embeddings().cols();
        double[] data = c.embeddings().data();
        Object[] ids = c.ppmi().rowItemIds();
        return IntStream.range(0, ids.length).mapToObj(a -> {
            double[] row = new double[f];
            System.arraycopy(data, a * f, row, 0, f);
            return new EmbeddingRow(ids[a], c.norms()[a], SpkRows.list(row));
        });
    }

    /**
     * Writes a new run (RunStore) once the computation has succeeded, so bad input leaves no trace; a
     * failure while writing marks the run failed and removes its embeddings, as spiky.pipeline does.
     */
    static WriteRow write(GraphDatabaseService db, String dataset, SvdStepConfig config, Progress progress, Termination termination) {
        Computed c = compute(db, dataset, config, progress, termination);
        Map<String, Object> parameters = new LinkedHashMap<>(c.ppmi().record().runProperties());
        parameters.putAll(config.toMap());
        RunStore store = new RunStore(db, progress);
        String runId = store.begin(dataset, parameters);
        store.failOnError(runId, () -> store.finishSvd(runId, c.ppmi(), c.svd(), c.embeddings(), c.norms(), c.millis()));
        return new WriteRow(runId, dataset, c.ppmi().record().tag(), c.ppmi().matrix().rows(), c.ppmi().matrix().nnz(),
                config.svd().rank(), c.svd().method().configName(), SpkRows.list(c.svd().singularValues()),
                new LinkedHashMap<>(c.millis()), "finished");
    }
}
