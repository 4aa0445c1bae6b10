package spiky.algo;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;

/**
 * The peak heap in use while a stage runs, read from the JVM's own accounting: the peak usage of
 * each heap memory pool is reset when the stage starts and read when it ends. The figure is the
 * sum of the pools' peaks, an upper bound of the simultaneous peak (the young and old pools may
 * peak at different moments), and it counts the whole JVM: garbage not yet collected and anything
 * else running at the same time included. It is what the stage needed of -Xmx under the running
 * collector, which is what an operator sizing the heap wants to know.
 *
 * <p>It is not what a stage needs: with a large heap the collector lets garbage pile up, so the
 * figure grows with -Xmx. The memory estimates are checked against the need itself, the live
 * peak, by running each stage alone in a heap filled with ballast to a given free size
 * (StageHeapProbe and MemoryEstimateTest in the tests, bench/memory.sh).
 */
public final class HeapMeter {
    private static final List<MemoryPoolMXBean> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP)
            .toList();

    private HeapMeter() {}

    /** Starts measuring: forgets the peaks seen so far. */
    public static void reset() {
        for (MemoryPoolMXBean pool : HEAP_POOLS) {
            pool.resetPeakUsage();
        }
    }

    /** Bytes: the sum over the heap pools of their peak usage since the last {@link #reset}. */
    public static long peakBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : HEAP_POOLS) {
            sum += pool.getPeakUsage().getUsed();
        }
        return sum;
    }
}
