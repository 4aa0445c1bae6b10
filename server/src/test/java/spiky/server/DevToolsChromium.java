package spiky.server;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Debian's headless Chromium driven through the DevTools protocol, for tests that must click and
 * type in a real page (Neo4j Browser). Chromium listens on a port it chooses
 * ({@code --remote-debugging-port=0}) and writes it to {@code DevToolsActivePort} in its profile;
 * the page's websocket is spoken with the JDK's own {@link WebSocket}. Every wait polls with a
 * timeout and fails with Chromium's log and a piece of the page's text.
 */
final class DevToolsChromium implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final Path log;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    private DevToolsChromium(Process process, Path log, WebSocket socket) {
        this.process = process;
        this.log = log;
        this.socket = socket;
    }

    /** Starts Chromium on about:blank with a fresh profile under {@code workDir}; fails when the binary is absent. */
    static DevToolsChromium start(Path workDir) throws IOException, InterruptedException {
        if (!Files.isExecutable(HeadlessChromium.BINARY)) {
            fail(HeadlessChromium.BINARY + " is missing: install Debian's chromium package (apt-get install -y chromium); "
                    + ".ci/run installs it before the tests");
        }
        Path profile = Files.createTempDirectory(workDir, "chromium-devtools");
        Path log = workDir.resolve("chromium-devtools-" + System.nanoTime() + ".log");
        Process p = new ProcessBuilder(List.of(HeadlessChromium.BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1000", "--enable-logging=stderr", "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank"))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Path portFile = profile.resolve("DevToolsActivePort");
            long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
            while (!Files.isRegularFile(portFile) || Files.readAllLines(portFile).size() < 2) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    fail("chromium did not open its DevTools port within " + START_TIMEOUT.toSeconds() + " s (alive: " + p.isAlive()
                            + "); its log: " + tail(log));
                }
                Thread.sleep(100);
            }
            int port = Integer.parseInt(Files.readAllLines(portFile).get(0).strip());
            String pageSocket = pageWebSocket(port, deadline, log);
            DevToolsChromium[] self = new DevToolsChromium[1];
            WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                    .buildAsync(URI.create(pageSocket), new Listener(self)).get(30, TimeUnit.SECONDS);
            self[0] = new DevToolsChromium(p, log, socket);
            self[0].call("Page.enable", JSON.createObjectNode());
            self[0].call("Runtime.enable", JSON.createObjectNode());
            return self[0];
        } catch (Exception | AssertionError e) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            if (e instanceof AssertionError a) {
                throw a;
            }
            throw new AssertionError("could not drive chromium: " + e + "; its log: " + tail(log), e);
        }
    }

    /** The websocket of Chromium's first page target (the about:blank it opened). */
    private static String pageWebSocket(int port, long deadline, Path log) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        while (true) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            for (JsonNode target : JSON.readTree(r.body())) {
                if ("page".equals(target.path("type").asText()) && target.has("webSocketDebuggerUrl")) {
                    return target.get("webSocketDebuggerUrl").asText();
                }
            }
            if (System.nanoTime() > deadline) {
                fail("chromium lists no page target: " + r.body() + "; its log: " + tail(log));
            }
            Thread.sleep(200);
        }
    }

    /** Collects a message's frames and completes the call it answers. */
    private static final class Listener implements WebSocket.Listener {
        private final DevToolsChromium[] owner;
        private final StringBuilder buffer = new StringBuilder();

        Listener(DevToolsChromium[] owner) {
            this.owner = owner;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                String message = buffer.toString();
                buffer.setLength(0);
                try {
                    JsonNode node = JSON.readTree(message);
                    if (node.has("id") && owner[0] != null) {
                        CompletableFuture<JsonNode> f = owner[0].pending.remove(node.get("id").asInt());
                        if (f != null) {
                            f.complete(node);
                        }
                    }
                } catch (IOException e) {
                    // An unreadable event is not an answer to any call; the call times out and says so.
                }
            }
            webSocket.request(1);
            return null;
        }
    }

    /** One DevTools call; its result, or an AssertionError naming the method and the error. */
    JsonNode call(String method, ObjectNode params) {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        try {
            socket.sendText(message.toString(), true).get(10, TimeUnit.SECONDS);
            JsonNode node = answer.get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            if (node.has("error")) {
                throw new AssertionError(method + " failed: " + node.get("error") + "; chromium's log: " + tail(log));
            }
            return node.get("result");
        } catch (TimeoutException e) {
            throw new AssertionError(method + " got no answer within " + CALL_TIMEOUT.toSeconds() + " s; chromium's log: " + tail(log), e);
        } catch (Exception e) {
            throw new AssertionError(method + ": " + e, e);
        } finally {
            pending.remove(id);
        }
    }

    void navigate(String url) {
        call("Page.navigate", JSON.createObjectNode().put("url", url));
    }

    /** The value of a JavaScript expression in the page (promises awaited), as JSON. */
    JsonNode evaluate(String expression) {
        JsonNode result = call("Runtime.evaluate", JSON.createObjectNode().put("expression", expression)
                .put("returnByValue", true).put("awaitPromise", true));
        if (result.has("exceptionDetails")) {
            throw new AssertionError("the page threw on " + expression + ": " + result.get("exceptionDetails"));
        }
        return result.path("result").path("value");
    }

    /** Polls {@code condition} (a JavaScript expression) until it is truthy, or fails saying what was awaited. */
    void waitFor(String what, String condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String expression = "(() => { try { return !!(" + condition + "); } catch (e) { return false; } })()";
        while (!evaluate(expression).asBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("waited " + timeout.toSeconds() + " s for " + what + "; the page says: " + pageText(3000)
                        + "\nchromium's log: " + tail(log));
            }
            Thread.sleep(250);
        }
    }

    /** The start of the page's visible text, for failure messages. */
    String pageText(int characters) {
        try {
            return evaluate("(document.body ? document.body.innerText : '').slice(0, " + characters + ")").asText();
        } catch (AssertionError e) {
            return "(no text: " + e.getMessage() + ")";
        }
    }

    /** Types text where the focus is, as a keyboard would insert it. */
    void insertText(String text) {
        call("Input.insertText", JSON.createObjectNode().put("text", text));
    }

    String log() {
        return tail(log);
    }

    private static String tail(Path log) {
        try {
            String s = Files.readString(log, StandardCharsets.UTF_8);
            return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            socket.abort();
        } finally {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }
}
