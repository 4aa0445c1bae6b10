package spiky.algo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 13's memory test: on small generated data of three shapes (dense like MovieLens, sparse,
 * skewed; seeded), the memory guard's estimate of every stage (PPMI, both SVD methods, the
 * embedding, Spk) is at least what the stage needs and at most twice it. Each shape runs in a
 * JVM of its own ({@link StageHeapProbe}, serial collector, 2 MiB young generation): each stage
 * alone, on its inputs, in an old generation filled with ballast until exactly the estimate is
 * free (it must complete), then half the estimate (it must run out of memory). Garbage cannot
 * decide either outcome (the collector reclaims it before it gives up), so the measure is the
 * stage's live peak, to the young generation's 2 MiB: the half-estimate run is only asserted
 * for stages whose estimate is at least 8× that (on the dense shape the embedding and Spk of
 * 1,500 items are too small to tell).
 */
@Tag("process")
class MemoryEstimateTest {
    /** Estimates below this are within a few times the young generation: the half-estimate run cannot tell. */
    private static final long MEASURABLE = 16L << 20;

    @ParameterizedTest
    @ValueSource(strings = {"dense", "sparse", "skewed"})
    void everyStageFitsInItsEstimateAndNotInHalfOfIt(String shape) throws Exception {
        List<String> lines = probe(shape, "0.5", "1.0");
        Map<String, Map<String, String>> outcome = new LinkedHashMap<>();
        Map<String, Long> estimate = new LinkedHashMap<>();
        for (String line : lines) {
            if (line.startsWith("#")) {
                continue;
            }
            String[] f = line.trim().split(" ");
            outcome.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(f[1], f[3]);
            estimate.put(f[0], Long.parseLong(f[2]));
        }
        assertEquals(List.of("ppmi", "svd-randomized", "svd-block-krylov", "embed", "spikes"), List.copyOf(outcome.keySet()),
                String.join("\n", lines));
        int measured = 0;
        for (Map.Entry<String, Map<String, String>> e : outcome.entrySet()) {
            String stage = e.getKey();
            assertEquals("fits", e.getValue().get("1.000"), shape + " " + stage + ": it must run with its estimate free\n"
                    + String.join("\n", lines));
            if (estimate.get(stage) >= MEASURABLE) {
                measured++;
                assertEquals("oom", e.getValue().get("0.500"), shape + " " + stage + ": with half its estimate free it must not "
                        + "run, or the estimate is more than twice what it needs\n" + String.join("\n", lines));
            }
        }
        assertTrue(measured >= 2, shape + ": at least the PPMI and the block-krylov SVD are large enough to measure\n"
                + String.join("\n", lines));
    }

    private static List<String> probe(String shape, String... fractions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xmx1g", "-Xmn2m", "-XX:-UseGCOverheadLimit",
                "-cp", System.getProperty("java.class.path"), StageHeapProbe.class.getName(), shape));
        command.addAll(List.of(fractions));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the probe finishes");
        assertEquals(0, p.exitValue(), out);
        return out.lines().toList();
    }
}
