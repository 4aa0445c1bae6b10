package spiky.algo;

import java.util.Locale;
import spiky.InvalidInputException;

/** Refuses a stage before it starts when its estimated heap does not fit what the JVM has left. */
public final class MemoryGuard {
    private MemoryGuard() {}

    public static void check(String stage, long estimatedBytes) {
        Runtime rt = Runtime.getRuntime();
        long available = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (estimatedBytes > available) {
            System.gc();
            available = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        }
        if (estimatedBytes > available) {
            throw InvalidInputException.of(String.format(Locale.ROOT,
                    "Not enough memory for %s: it needs about %s of heap and %s is available (of -Xmx %s). "
                            + "Give the JVM more heap (SPIKY_JAVA_OPTS=-Xmx...) or lower rank / topK.",
                    stage, human(estimatedBytes), human(available), human(rt.maxMemory())));
        }
    }

    public static String human(long bytes) {
        if (bytes < 1L << 20) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        if (bytes < 1L << 30) {
            return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1L << 20));
        }
        return String.format(Locale.ROOT, "%.2f GiB", bytes / (double) (1L << 30));
    }
}
