package spiky.algo.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import spiky.Progress;
import spiky.algo.Termination;
import spiky.algo.dcbm.DcbmConfig;
import spiky.algo.dcbm.DcbmGenerator;
import spiky.data.Interactions;

/** The pipeline takes the interaction arrays and lets them go once the PPMI incidence is built; its results do not change. */
class InteractionArraysTest {

    @Test
    void thePipelineReleasesTheArraysAndComputesTheSameRun() {
        Interactions d = new DcbmGenerator(new DcbmConfig(4, 300, 900, 0.1, 1.5, 1.0, 8, 25, 3), Progress.NONE).generate().interactions();
        int items = d.itemCount();
        int[] keyRank = IntStream.range(0, items).toArray();
        PipelineConfig config = PipelineConfig.from(Map.of("rank", 16L, "spkDims", java.util.List.of(8L, 16L), "concurrency", 2L));
        InteractionArrays handed = new InteractionArrays(d.itemOf().clone(), d.contextOf().clone());
        assertFalse(handed.released());

        PipelineResult released = Pipeline.run(items, d.contextCount(), handed, keyRank, config, Progress.NONE, Termination.NONE);
        PipelineResult kept = Pipeline.run(items, d.contextCount(), d.itemOf(), d.contextOf(), keyRank, config, Progress.NONE,
                Termination.NONE);

        assertTrue(handed.released());
        assertEquals(d.itemOf().length, handed.size(), "the size still answers");
        IllegalStateException e = assertThrows(IllegalStateException.class, handed::itemOf);
        assertTrue(e.getMessage().contains("released"), e.getMessage());
        assertArrayEquals(kept.svd().singularValues(), released.svd().singularValues());
        assertArrayEquals(kept.norms(), released.norms());
        assertEquals(kept.ppmi().nnz(), released.ppmi().nnz());
    }

    @Test
    void arraysOfDifferentLengthsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new InteractionArrays(new int[3], new int[2]));
    }
}
