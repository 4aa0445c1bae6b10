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
import spiky.algo.ppmi.HeadCounts;
import spiky.algo.ppmi.Ppmi;
import spiky.algo.ppmi.PpmiResult;
import spiky.algo.spikes.SpikeCover;
import spiky.algo.spikes.SpikeLevel;
import spiky.algo.svd.Embeddings;
import spiky.algo.svd.SvdResult;
import spiky.algo.svd.TruncatedSvd;

/**
 * The paper's pipeline on arrays: co-occurrence → PPMI → truncated SVD → E = U·Σ^p → norms and
 * Spk. Each stage is refused before it allocates when its memory estimate does not fit the heap, and
 * its time, estimate and peak heap ({@link HeapMeter}) are recorded. The PPMI's estimate is
 * counted: its incidence (known from the sizes) is checked first, then, after pass 0 has counted
 * the heads and bounded the matrix, the rest; the other stages' estimates follow from the sizes
 * the previous stage produced.
 */
public final class Pipeline {
    private Pipeline() {}

    public static PipelineResult run(int items, int contexts, int[] itemOf, int[] contextOf, int[] keyRank, PipelineConfig config,
            Progress progress, Termination termination) {
        return run(items, contexts, new InteractionArrays(itemOf, contextOf), keyRank, config, progress, termination);
    }

    /**
     * As {@link #run(int, int, int[], int[], int[], PipelineConfig, Progress, Termination)}, releasing
     * {@code interactions} once the PPMI's incidence is built (a caller that keeps no other reference
     * to the arrays gets their memory back for the later stages).
     */
    public static PipelineResult run(int items, int contexts, InteractionArrays interactions, int[] keyRank, PipelineConfig config,
            Progress progress, Termination termination) {
        Stage stage = new Stage();
        try {
            return stages(items, contexts, interactions, keyRank, config, progress, termination, stage);
        } catch (OutOfMemoryError e) {
            // The stage's arrays are unreachable once the stack has unwound: say which stage it was.
            throw MemoryGuard.ranOut(stage.name, stage.estimate);
        }
    }

    /** The stage under way and its estimate, for the message when the heap runs out all the same. */
    private static final class Stage {
        String name = "reading the interactions";
        long estimate;

        void enter(String name, long estimate) {
            this.name = name;
            this.estimate = estimate;
        }
    }

    private static PipelineResult stages(int items, int contexts, InteractionArrays interactions, int[] keyRank, PipelineConfig config,
            Progress progress, Termination termination, Stage stage) {
        Map<String, Long> millis = new LinkedHashMap<>();
        Map<String, Long> peakHeap = new LinkedHashMap<>();
        Map<String, Long> estimated = new LinkedHashMap<>();
        int threads = config.concurrency();
        long prepare = Ppmi.prepareBytes(items, contexts, interactions.size(), threads);
        MemoryGuard.check("PPMI", prepare);
        stage.enter("PPMI", prepare);
        HeapMeter.reset();
        long t0 = System.nanoTime();
        Ppmi.Prepared prepared = Ppmi.prepare(items, contexts, interactions.itemOf(), interactions.contextOf(), keyRank);
        interactions.release();
        HeadCounts counts = prepared.count(config.ppmi(), threads, progress, termination);
        long rest = prepared.estimateBytes(counts, config.ppmi(), threads);
        MemoryGuard.check("PPMI", rest);
        stage.enter("PPMI", prepare + rest);
        estimated.put("ppmi", prepared.stageBytes(counts, config.ppmi(), threads));
        PpmiResult ppmi = prepared.compute(config.ppmi(), threads, progress, termination);
        prepared = null;
        long t1 = System.nanoTime();
        millis.put("ppmi", (t1 - t0) / 1_000_000);
        peakHeap.put("ppmi", HeapMeter.peakBytes());
        if (ppmi.size() == 0) {
            throw InvalidInputException.of("No pair of items co-occurs at least minCount = " + config.ppmi().minCount()
                    + " times with a positive PMI: there is nothing to embed");
        }
        config.checkAgainst(ppmi.size());

        long svdBytes = TruncatedSvd.estimateBytes(ppmi.size(), ppmi.nnz(), config.svd());
        estimated.put("svd", svdBytes);
        MemoryGuard.check("SVD", svdBytes,
                available -> TruncatedSvd.fittingSettings(ppmi.size(), ppmi.nnz(), config.svd(), available));
        stage.enter("SVD", svdBytes);
        HeapMeter.reset();
        t1 = System.nanoTime();
        SvdResult svd = TruncatedSvd.compute(ppmi.matrix(), config.svd(), threads, progress, termination);
        long t2 = System.nanoTime();
        millis.put("svd", (t2 - t1) / 1_000_000);
        peakHeap.put("svd", HeapMeter.peakBytes());

        long embedBytes = Embeddings.estimateBytes(svd.u().rows(), svd.u().cols());
        estimated.put("embed", embedBytes);
        MemoryGuard.check("the embedding", embedBytes);
        stage.enter("the embedding", embedBytes);
        HeapMeter.reset();
        t2 = System.nanoTime();
        DenseBlock e = Embeddings.scale(svd.u(), svd.singularValues(), config.sigmaPower());
        double[] norms = rowNorms(e);
        long t3 = System.nanoTime();
        millis.put("embed", (t3 - t2) / 1_000_000);
        peakHeap.put("embed", HeapMeter.peakBytes());

        int maxF = config.spikes().dims().stream().mapToInt(Integer::intValue).max().orElse(e.cols());
        long spkBytes = SpikeCover.estimateBytes(e.rows(), maxF);
        estimated.put("spikes", spkBytes);
        MemoryGuard.check("Spk", spkBytes);
        stage.enter("Spk", spkBytes);
        HeapMeter.reset();
        t3 = System.nanoTime();
        List<SpikeLevel> levels = new ArrayList<>(SpikeCover.compute(e, config.spikes(), threads, progress, termination));
        millis.put("spikes", (System.nanoTime() - t3) / 1_000_000);
        peakHeap.put("spikes", HeapMeter.peakBytes());
        return new PipelineResult(ppmi, svd, e, norms, List.copyOf(levels), millis, peakHeap, estimated);
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
