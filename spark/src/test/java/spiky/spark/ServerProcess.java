package spiky.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
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

/**
 * The spiky server CLI in child JVMs, for the process-level tests (its classpath cannot share one
 * with Spark): one-shot commands ({@link #cli}) and {@code serve} on free loopback ports
 * ({@link #serve}), with the HTTP calls the tests make. The server jar is built before this
 * module in the root build (mvn -B verify); run alone (-pl spark) the tests say they are skipped.
 */
final class ServerProcess implements AutoCloseable {
    static final Path SERVER_JAR = Path.of("../server/target/spiky-server.jar").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final Path data;
    private final Path log;
    private final int apiPort;
    private final int boltPort;
    private final HttpClient http = HttpClient.newHttpClient();

    private ServerProcess(Process process, Path data, Path log, int apiPort, int boltPort) {
        this.process = process;
        this.data = data;
        this.log = log;
        this.apiPort = apiPort;
        this.boltPort = boltPort;
    }

    static void assumeBuilt() {
        assumeTrue(Files.isRegularFile(SERVER_JAR), "skipped: " + SERVER_JAR + " is absent (build from the root: mvn -B verify, "
                + "or mvn -pl server -am package first)");
    }

    /** Runs the server CLI to its end and returns its output; fails on another exit status. */
    static String cli(int expectedStatus, String... args) throws IOException, InterruptedException {
        Process p = builder(args).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(600, TimeUnit.SECONDS), "spiky " + args[0] + " finished");
        assertEquals(expectedStatus, p.exitValue(), () -> "spiky " + String.join(" ", args) + ":\n" + output);
        return output;
    }

    /**
     * {@code spiky serve} on {@code data} (no default dataset), every port free and on loopback;
     * returns once the API answers. Its output goes to {@code log}. The secrets are the ones it
     * generates and keeps in {@code data} (the caller's SPIKY_* variables are not passed on).
     */
    static ServerProcess serve(Path data, Path log) throws Exception {
        int api = freePort();
        int bolt = freePort();
        Process p = builder("serve", "--data", data.toString(), "--port", Integer.toString(api), "--bolt-port", Integer.toString(bolt),
                "--neo4j-http-port", Integer.toString(freePort()), "--default-dataset", "")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ServerProcess server = new ServerProcess(p, data, log, api, bolt);
        try {
            server.waitForHealth();
        } catch (Exception | AssertionError e) {
            server.close();
            throw e;
        }
        return server;
    }

    String boltUrl() {
        return "bolt://127.0.0.1:" + boltPort;
    }

    /** The file in which the server keeps the password of user neo4j. */
    Path passwordFile() {
        return data.resolve("neo4j-password");
    }

    int status(String path) throws IOException, InterruptedException {
        return http.send(request(path).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** GET, expecting 200; a run's own route answers its {@code run} object. */
    JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request(path).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), () -> path + ": " + response.body());
        JsonNode body = JSON.readTree(response.body());
        return body.has("run") && path.matches("/api/runs/[^/]+") ? body.get("run") : body;
    }

    /** POST a JSON body with the API token, expecting {@code expectedStatus}. */
    JsonNode post(String path, String json, int expectedStatus) throws IOException, InterruptedException {
        String token = Files.readString(data.resolve("api-token"), StandardCharsets.UTF_8).strip();
        HttpRequest r = request(path).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
        HttpResponse<String> response = http.send(r, HttpResponse.BodyHandlers.ofString());
        assertEquals(expectedStatus, response.statusCode(), () -> path + ": " + response.body());
        return JSON.readTree(response.body());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path)).timeout(Duration.ofSeconds(120));
    }

    private void waitForHealth() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < deadline) {
            assertTrue(process.isAlive(), () -> "the server stopped: " + read(log));
            try {
                if (status("/api/health") == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the server did not answer in 240 s: " + read(log));
    }

    private static ProcessBuilder builder(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                // C1 only and the serial collector: the children mostly start (Neo4j, the CLI) and
                // work on a small dataset, so C2's threads would only compete for the two cores.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "-jar", SERVER_JAR.toString()));
        command.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(command);
        b.environment().remove("SPIKY_NEO4J_PASSWORD");
        b.environment().remove("SPIKY_API_TOKEN");
        return b;
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }
}
