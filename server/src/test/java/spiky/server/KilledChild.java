package spiky.server;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The CLI in a child JVM, killed with SIGKILL (no shutdown hook, no cleanup) at a chosen point of its progress. */
final class KilledChild {
    private KilledChild() {}

    /**
     * JVM options for a child that mostly starts (class loading, Neo4j's start and recovery) and
     * is killed a few seconds into its work: only the quick C1 compiler (the C2 threads would
     * compete for the test machine's two cores) and the serial collector. They change how fast
     * the child runs, not what it does or where it is killed (the kill points are its progress
     * lines). Measured on CrashRecoveryTest's four children: start to kill 78 s down to 41 s.
     */
    static final String[] FAST_START = {"-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"};

    /**
     * Runs {@code ./spiky ARGS} in a child JVM and kills it {@code delayMillis} after its output first
     * shows {@code stage}; fails the test, with what the child printed, when it ends before that.
     */
    static void killAfter(String stage, long delayMillis, long timeoutSeconds, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "-Xmx2g", FAST_START[0], FAST_START[1],
                "-cp", System.getProperty("java.class.path"), "spiky.server.Main"));
        command.addAll(List.of(args));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> seen = new ArrayList<>();
        CompletableFuture<Boolean> reached = CompletableFuture.supplyAsync(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (seen) {
                        seen.add(line);
                    }
                    if (line.contains(stage)) {
                        return true;
                    }
                }
                return false;
            } catch (IOException e) {
                return false;
            }
        });
        Boolean atStage;
        try {
            atStage = reached.get(timeoutSeconds, TimeUnit.SECONDS);
            if (atStage && delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no cleanup
            child.waitFor(60, TimeUnit.SECONDS);
        }
        if (!atStage) {
            synchronized (seen) {
                fail("the child ended before '" + stage + "' (exit " + child.exitValue() + "): " + String.join("\n", seen));
            }
        }
    }
}
