package spiky.server;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless, as a child process: loads a page, lets its scripts run, and returns
 * the DOM they left. Tests of the report page use it so that the charts are drawn by a real browser.
 */
final class HeadlessChromium {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final long TIMEOUT_SECONDS = 120;

    private HeadlessChromium() {}

    /**
     * The DOM of {@code url} once the page is idle or 15 s of virtual time have passed (virtual time
     * stands still while requests are pending, so slow API answers still arrive). Fails, rather
     * than skips, when Chromium is absent: the page would otherwise go untested in silence.
     */
    static String dumpDom(String url, Path workDir) throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            fail(BINARY + " is missing: install Debian's chromium package (apt-get install -y chromium); "
                    + ".ci/run installs it before the tests");
        }
        Path profile = Files.createTempDirectory(workDir, "chromium-profile");
        Path out = workDir.resolve("dom-" + System.nanoTime() + ".html");
        Path err = workDir.resolve("chromium-" + System.nanoTime() + ".log");
        // No network beyond the page itself: no first-run, sync, component or QUIC traffic.
        Process p = new ProcessBuilder(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--virtual-time-budget=15000", "--dump-dom", url))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("chromium did not finish within " + TIMEOUT_SECONDS + " s on " + url + "; its log: " + tail(err));
        }
        String dom = Files.readString(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0 || dom.isBlank()) {
            fail("chromium exited with " + p.exitValue() + " and " + dom.length() + " characters of DOM; its log: " + tail(err));
        }
        return dom;
    }

    private static String tail(Path log) throws IOException {
        String s = Files.readString(log, StandardCharsets.UTF_8);
        return s.length() > 2000 ? s.substring(s.length() - 2000) : s;
    }
}
