package spiky.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Session;

/**
 * What a newcomer does first: clone the repository and run the first command of the README's
 * first code block, exactly as written (no options, so the default ports and {@code ./data}).
 * The command is read from the README, so the two cannot drift apart. The clone is of the
 * committed HEAD: uncommitted changes are not part of a fresh clone, and not tested here.
 *
 * <p>It needs git, and the default ports 7070, 7474 and 7687 free (it fails saying which is taken).
 */
@Tag("process")
class FreshCloneTest {
    private static final List<Integer> DEFAULT_PORTS = List.of(7070, 7474, 7687);
    private static final Duration START_TIMEOUT = Duration.ofMinutes(12);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path temp;

    @Test
    void theReadmesFirstCommandServesTheDefaultDatasetFromAFreshCloneAndStopsCleanly() throws Exception {
        Path repository = repositoryRoot();
        String command = ReadmeCommands.firstCommand(Files.readString(repository.resolve("README.md")));
        assertEquals("./spiky serve", command, "the README's first command (this test runs whatever it is, but checks a server)");
        for (int port : DEFAULT_PORTS) {
            assertTrue(free(port), "port " + port + " is taken: the README's command uses the default ports; stop what holds it");
        }
        Path clone = temp.resolve("spiky");
        run(temp, Duration.ofMinutes(2), "git", "clone", "--quiet", repository.toString(), clone.toString());

        Path log = temp.resolve("serve.log");
        Process serve = new ProcessBuilder("bash", "-c", command).directory(clone.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            JsonNode health = waitFor(serve, log, "GET /api/health answering 200", () -> getJson("http://127.0.0.1:7070/api/health"));
            assertEquals("up", health.path("status").asText(), health.toString());

            JsonNode runs = waitFor(serve, log, "a finished run of the default dataset dcbm", () -> {
                JsonNode body = getJson("http://127.0.0.1:7070/api/datasets/dcbm/runs");
                if (body == null) {
                    return null;
                }
                for (JsonNode run : body.path("runs")) {
                    if ("finished".equals(run.path("status").asText())) {
                        return body;
                    }
                }
                return null;
            });
            assertTrue(runs.path("runs").size() >= 1, runs.toString());

            HttpResponse<String> browser = get("http://127.0.0.1:7474/browser/");
            assertEquals(200, browser.statusCode(), "Neo4j Browser at /browser/");
            assertTrue(browser.body().toLowerCase().contains("<html"), "Browser's page is HTML");

            String password = Files.readString(clone.resolve("data/neo4j-password")).trim();
            try (Driver driver = GraphDatabase.driver("bolt://127.0.0.1:7687", AuthTokens.basic("neo4j", password));
                    Session session = driver.session()) {
                long finished = session.run("MATCH (r:EmbeddingRun {dataset: 'dcbm', status: 'finished'}) RETURN count(r) AS n")
                        .single().get("n").asLong();
                assertTrue(finished >= 1, "finished runs of dcbm over Bolt: " + finished);
                String telemetry = session.run("CALL dbms.listConfig('client.allow_telemetry') YIELD value RETURN value")
                        .single().get("value").asString();
                assertEquals("false", telemetry, "Browser's product analytics off");
            }

            stopWithSigterm(serve, log);
            for (int port : DEFAULT_PORTS) {
                assertTrue(free(port), "port " + port + " still held after the server exited");
            }
            assertTrue(Files.readString(log).contains("spiky: shutting down"), "the shutdown hook ran:\n" + tail(log));
        } finally {
            killTree(serve);
        }

        // The one-shot commands use the same default data directory.
        Files.writeString(clone.resolve("f.csv"), "item,context\na,p1\nb,p1\na,p2\nb,p2\nc,p2\n", StandardCharsets.UTF_8);
        String out = run(clone, Duration.ofMinutes(3), "bash", "-c", "./spiky import --dataset x --format csv --path f.csv");
        assertTrue(out.contains("Imported 'x' (csv): 5 rows read -> 5 interactions, 3 items, 2 contexts"), out);
        assertTrue(Files.isDirectory(clone.resolve("data/data/databases/neo4j")), "the import wrote into ./data's store:\n" + out);
    }

    /** The working directory of Surefire is the module's; the repository is its parent. */
    private static Path repositoryRoot() {
        Path root = Path.of("").toAbsolutePath().getParent();
        if (!Files.isDirectory(root.resolve(".git")) && !Files.isRegularFile(root.resolve(".git"))) {
            fail("not a git checkout: " + root + " (this test clones the repository it runs in)");
        }
        return root;
    }

    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The JSON body of a 200 answer; null while the server is not up yet or answers otherwise. */
    private static JsonNode getJson(String url) {
        try {
            HttpResponse<String> r = get(url);
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Polls until the probe answers non-null; fails early, with the log, if the process dies. */
    private static <T> T waitFor(Process process, Path log, String what, Supplier<T> probe) throws Exception {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            if (!process.isAlive()) {
                fail("the README's first command exited with " + process.exitValue() + " before " + what + ":\n" + tail(log));
            }
            Thread.sleep(1000);
        }
        fail("no " + what + " within " + START_TIMEOUT.toMinutes() + " min:\n" + tail(log));
        return null;
    }

    /** SIGTERM to the whole tree (bash, the launcher, the JVM), as a service manager would; then it must exit. */
    private static void stopWithSigterm(Process process, Path log) throws Exception {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(90, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                fail("pid " + handle.pid() + " still running 90 s after SIGTERM:\n" + tail(log));
            }
        }
    }

    private static void killTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static String run(Path dir, Duration timeout, String... command) throws Exception {
        Path out = Files.createTempFile(dir.getParent() == null ? dir : dir, "cmd", ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            killTree(p);
            fail(String.join(" ", command) + " did not finish within " + timeout + ":\n" + tail(out));
        }
        String text = Files.readString(out);
        assertEquals(0, p.exitValue(), String.join(" ", command) + " failed:\n" + text);
        return text;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
