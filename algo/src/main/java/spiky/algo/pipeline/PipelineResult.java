package spiky.algo.pipeline;

import java.util.List;
import java.util.Map;
import spiky.algo.linalg.DenseBlock;
import spiky.algo.ppmi.PpmiResult;
import spiky.algo.spikes.SpikeLevel;
import spiky.algo.svd.SvdResult;

/**
 * Everything one run computes. Rows of {@code embeddings} follow {@code ppmi.items()}: the
 * kept items, by their index in the dataset.
 *
 * @param norms  ‖eᵢ‖ of the full rank-f embedding
 * @param millis   milliseconds per stage (ppmi, svd, embed, spikes)
 * @param peakHeap peak heap bytes per stage, JVM-wide (see {@link spiky.algo.HeapMeter})
 * @param estimatedHeap per stage, the heap bytes the memory guard was told the stage needs beyond its inputs
 */
public record PipelineResult(PpmiResult ppmi, SvdResult svd, DenseBlock embeddings, double[] norms, List<SpikeLevel> spikes,
        Map<String, Long> millis, Map<String, Long> peakHeap, Map<String, Long> estimatedHeap) {}
