package spiky.algo.spikes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import spiky.Progress;
import spiky.algo.Termination;
import spiky.algo.linalg.DenseBlock;

class SpkSweepTest {
    private static final DenseBlock E = SpikeCoverTest.planted(3000, 24, 6, 0.4, 0.93, 11);

    @Test
    void everyLevelIsTheSpikeCoverOfThatManyLeadingColumns() {
        int[] dims = SpkSweep.dims(1, 24);
        for (int threads : new int[] {1, 3}) {
            List<SpkSweep.Level> levels = SpkSweep.compute(E, dims, 0.9, 0.5, threads, Progress.NONE, Termination.NONE);
            assertEquals(24, levels.size());
            for (int d = 0; d < dims.length; d++) {
                SpikeLevel cover = SpikeCover.level(E, dims[d], 0.9, 0.5, 1, Progress.NONE, Termination.NONE);
                SpkSweep.Level level = levels.get(d);
                assertEquals(dims[d], level.f());
                assertEquals(3000, level.n());
                assertEquals(cover.peaks(), level.peaks(), "peaks at f' = " + dims[d] + ", " + threads + " threads");
                assertEquals(cover.spk(), level.spk());
                assertEquals(cover.covered(), level.covered());
            }
        }
    }

    @Test
    void theFirstDimensionNeedsAtMostTwoPeaksAndMoreDimensionsMore() {
        List<SpkSweep.Level> levels = SpkSweep.compute(E, SpkSweep.dims(1, 24), 0.9, 0.5, 2, Progress.NONE, Termination.NONE);
        // f' = 1: every direction is +1 or -1, so the cover needs at most 2 peaks; 6 planted directions need more.
        assertTrue(levels.get(0).peaks() <= 2, levels.toString());
        assertTrue(levels.get(23).peaks() >= 6, levels.toString());
    }

    @Test
    void stepsMeasureEveryStepThAndTheLastDimension() {
        assertArrayEquals(new int[] {5, 10, 15, 20, 22}, SpkSweep.dims(5, 22));
        assertArrayEquals(new int[] {4, 8}, SpkSweep.dims(4, 8));
        assertArrayEquals(new int[] {3}, SpkSweep.dims(10, 3));
        assertArrayEquals(new int[] {1, 2, 3}, SpkSweep.dims(1, 3));
        assertThrows(IllegalArgumentException.class, () -> SpkSweep.dims(0, 3));
    }

    @Test
    void refusesADimensionBeyondTheEmbedding() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpkSweep.compute(E, new int[] {8, 25}, 0.9, 0.5, 1, Progress.NONE, Termination.NONE));
        assertTrue(e.getMessage().contains("25") && e.getMessage().contains("[1, 24]"), e.getMessage());
    }

    @Test
    void reportsEachLevelAndStopsWhenTerminated() {
        List<Long> done = new ArrayList<>();
        SpkSweep.compute(E, SpkSweep.dims(4, 24), 0.9, 0.5, 2, (stage, d, total) -> {
            assertEquals(6, total);
            synchronized (done) {
                done.add(d);
            }
        }, Termination.NONE);
        assertEquals(7, done.size()); // 0, then one report per level
        assertEquals(6L, done.stream().mapToLong(Long::longValue).max().getAsLong());
        AtomicInteger checks = new AtomicInteger();
        RuntimeException stop = assertThrows(IllegalStateException.class, () -> SpkSweep.compute(E, SpkSweep.dims(1, 24), 0.9, 0.5, 2,
                Progress.NONE, () -> {
                    if (checks.incrementAndGet() > 3) {
                        throw new IllegalStateException("terminated");
                    }
                }));
        assertEquals("terminated", stop.getMessage());
    }
}
