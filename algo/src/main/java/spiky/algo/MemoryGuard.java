package spiky.algo;

import java.util.Locale;
import java.util.function.LongFunction;
import spiky.InvalidInputException;

/** Refuses a stage before it starts when its estimated heap does not fit what the JVM has left. */
public final class MemoryGuard {
    private MemoryGuard() {}

    public static void check(String stage, long estimatedBytes) {
        check(stage, estimatedBytes, available -> null);
    }

    /**
     * As {@link #check(String, long)}; a refusal adds what {@code advice} says for the bytes that
     * are available (settings of the stage that would fit), when it says anything.
     */
    public static void check(String stage, long estimatedBytes, LongFunction<String> advice) {
        Runtime rt = Runtime.getRuntime();
        long available = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        if (estimatedBytes > available) {
            System.gc();
            available = rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
        }
        if (estimatedBytes > available) {
            String fits = advice.apply(available);
            throw InvalidInputException.of(String.format(Locale.ROOT,
                    "Not enough memory for %s: it needs about %s of heap and %s is available (of -Xmx %s). "
                            + "Give the JVM more heap (SPIKY_JAVA_OPTS=-Xmx...) or lower rank / topK.%s",
                    stage, human(estimatedBytes), human(available), human(rt.maxMemory()), fits == null ? "" : " " + fits));
        }
    }

    /**
     * The refusal for a stage that ran out of heap although its estimate fitted when it began (the
     * estimate was short, or the free heap was not in one piece for a large block).
     */
    public static InvalidInputException ranOut(String stage, long estimatedBytes) {
        Runtime rt = Runtime.getRuntime();
        return InvalidInputException.of(String.format(Locale.ROOT,
                "Ran out of heap during %s (its estimate was %s; -Xmx %s). Give the JVM more heap (SPIKY_JAVA_OPTS=-Xmx...) "
                        + "or lower rank / topK / powerIterations.",
                stage, human(estimatedBytes), human(rt.maxMemory())));
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
