package spiky.algo.pipeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.algo.HeapMeter;
import spiky.algo.MemoryGuard;
import spiky.algo.Termination;
import spiky.algo.linalg.DenseBlock;
import spiky.algo.ppmi.Ppmi;
import spiky.algo.ppmi.PpmiResult;
import spiky.algo.spikes.SpikeCover;
import spiky.algo.spikes.SpikeLevel;
import spiky.algo.svd.Embeddings;
import spiky.algo.svd.SvdResult;
import spiky.algo.svd.TruncatedSvd;

/**
 * The paper's pipeline on arrays: co-occurrence → PPMI → truncated SVD → E = U·Σ^p → norms and
 * Spk. Each stage is refused before it starts when its memory estimate does not fit the heap, and
 * its time and peak heap ({@link HeapMeter}) are recorded.
 */
public final class Pipeline {
    private Pipeline() {}

    public static PipelineResult run(int items, int contexts, int[] itemOf, int[] contextOf, int[] keyRank, PipelineConfig config,
            Progress progress, Termination termination) {
        Map<String, Long> millis = new LinkedHashMap<>();
        Map<String, Long> peakHeap = new LinkedHashMap<>();
        MemoryGuard.check("PPMI", Ppmi.estimateBytes(items, contexts, itemOf.length, config.ppmi()));
        HeapMeter.reset();
        long t0 = System.nanoTime();
        PpmiResult ppmi = Ppmi.compute(items, contexts, itemOf, contextOf, keyRank, config.ppmi(), config.concurrency(), progress, termination);
        long t1 = System.nanoTime();
        millis.put("ppmi", (t1 - t0) / 1_000_000);
        peakHeap.put("ppmi", HeapMeter.peakBytes());
        if (ppmi.size() == 0) {
            throw InvalidInputException.of("No pair of items co-occurs at least minCount = " + config.ppmi().minCount()
                    + " times with a positive PMI: there is nothing to embed");
        }
        config.checkAgainst(ppmi.size());

        MemoryGuard.check("SVD", TruncatedSvd.estimateBytes(ppmi.size(), ppmi.nnz(), config.svd()));
        HeapMeter.reset();
        t1 = System.nanoTime();
        SvdResult svd = TruncatedSvd.compute(ppmi.matrix(), config.svd(), config.concurrency(), progress, termination);
        long t2 = System.nanoTime();
        millis.put("svd", (t2 - t1) / 1_000_000);
        peakHeap.put("svd", HeapMeter.peakBytes());
        HeapMeter.reset();

        DenseBlock e = Embeddings.scale(svd.u(), svd.singularValues(), config.sigmaPower());
        double[] norms = rowNorms(e);
        long t3 = System.nanoTime();
        millis.put("embed", (t3 - t2) / 1_000_000);
        peakHeap.put("embed", HeapMeter.peakBytes());

        int maxF = config.spikes().dims().stream().mapToInt(Integer::intValue).max().orElse(e.cols());
        MemoryGuard.check("Spk", SpikeCover.estimateBytes(e.rows(), maxF));
        HeapMeter.reset();
        t3 = System.nanoTime();
        List<SpikeLevel> levels = new ArrayList<>(SpikeCover.compute(e, config.spikes(), config.concurrency(), progress, termination));
        millis.put("spikes", (System.nanoTime() - t3) / 1_000_000);
        peakHeap.put("spikes", HeapMeter.peakBytes());
        return new PipelineResult(ppmi, svd, e, norms, List.copyOf(levels), millis, peakHeap);
    }

    /** ‖eᵢ‖ of every row; public so that the step procedures compute norms exactly as the pipeline does. */
    public static double[] rowNorms(DenseBlock e) {
        double[] norms = new double[e.rows()];
        double[] d = e.data();
        int k = e.cols();
        for (int i = 0; i < norms.length; i++) {
            double s = 0;
            for (int j = i * k, end = j + k; j < end; j++) {
                s += d[j] * d[j];
            }
            norms[i] = Math.sqrt(s);
        }
        return norms;
    }
}
