package spiky.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import spiky.Progress;

/**
 * The guide played the way an analyst plays it: in headless Chromium, Neo4j Browser as spiky
 * serves it, logged in as neo4j with the password generated at the first start, the command
 * {@code :play http://localhost:<api>/guide/} typed into Browser's editor; then the first slide
 * must show and one of its queries, run from its play icon, must return the default dataset; on
 * the fourth slide, its :params block (parsed by Browser) and the Spk sweep that reads them.
 * It starts a Chromium process (DevToolsChromium).
 */
@Tag("process")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GuideInBrowserTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String CONTEXTS = "1500";

    @TempDir
    static Path dir;

    private SpikyServer server;
    private int httpPort;
    private int boltPort;

    @BeforeAll
    void start() {
        httpPort = FreePorts.next();
        boltPort = FreePorts.next();
        server = SpikyServer.start(TestServer.options(dir, "dcbm", true, boltPort, httpPort, null), Progress.NONE, (db, name) -> {
            db.executeTransactionally("CALL spiky.dcbm.generate($name, {items: 600, contexts: " + CONTEXTS + ", seed: 5})", Map.of("name", name));
            db.executeTransactionally("CALL spiky.pipeline($name, {rank: 16, spkDims: [8, 16]})", Map.of("name", name));
        });
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Sets a React-controlled input as typing would: the native value setter, then an input event. */
    private static String setInput(String selector, String value) {
        return "(() => { const el = document.querySelector(" + js(selector) + ");"
                + " const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;"
                + " set.call(el, " + js(value) + "); el.dispatchEvent(new Event('input', {bubbles: true}));"
                + " el.dispatchEvent(new Event('change', {bubbles: true})); return el.value; })()";
    }

    private static String js(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Test
    void playsTheGuideInNeo4jBrowserAndRunsASlidesQuery() throws Exception {
        String password = server.database().newPassword().value();
        String guide = "http://localhost:" + server.apiPort() + "/guide/";
        try (DevToolsChromium chromium = DevToolsChromium.start(dir)) {
            chromium.navigate("http://localhost:" + httpPort + "/browser/");
            chromium.waitFor("Browser's connect form", "document.querySelector('[data-testid=password]')", WAIT);

            boolean schemeApart = chromium.evaluate("!!document.querySelector('[data-testid=bolt-scheme-select]')").asBoolean();
            chromium.evaluate(setInput("[data-testid=boltaddress]", (schemeApart ? "" : "bolt://") + "localhost:" + boltPort));
            chromium.evaluate(setInput("[data-testid=username]", "neo4j"));
            chromium.evaluate(setInput("[data-testid=password]", password));
            chromium.evaluate("document.querySelector('[data-testid=connect]').click()");
            chromium.waitFor("the connection as neo4j", "document.body.innerText.includes('You are connected as user neo4j')", WAIT);

            chromium.waitFor("Browser's editor", "document.querySelector('[data-testid=activeEditor] textarea')", WAIT);
            chromium.evaluate("document.querySelector('[data-testid=activeEditor] textarea').focus()");
            chromium.insertText(":play " + guide);
            chromium.waitFor("the command in the editor", "document.querySelector('[data-testid=activeEditor]').innerText.includes('/guide/')", WAIT);
            chromium.evaluate("document.querySelector('[data-testid=editor-Run]').click()");

            String firstSlide = "[...document.querySelectorAll('[data-testid=carousel]')]"
                    + ".find(c => c.innerText.includes('Where a truncated SVD puts items'))";
            chromium.waitFor("the guide's first slide", firstSlide, WAIT);
            String datasetsBlock = "[...(" + firstSlide + ").querySelectorAll('pre.runnable')]"
                    + ".find(p => p.textContent.includes(\"MATCH (d:Dataset {status: 'ready'})\"))";
            chromium.waitFor("the first slide's runnable datasets query", datasetsBlock, WAIT);
            assertTrue(chromium.evaluate("(" + datasetsBlock + ").querySelector('i') !== null").asBoolean(),
                    "Browser gives a runnable block its play icon: " + chromium.pageText(2000));

            chromium.evaluate("(" + datasetsBlock + ").querySelector('i').click()");
            String result = "[...document.querySelectorAll('[data-testid=frame]')].filter(f => !f.querySelector('[data-testid=carousel]'))"
                    + ".map(f => f.querySelector('[data-testid=frameContents]')).find(c => c && /\"contexts\":\\s*" + CONTEXTS + "\\b/.test(c.innerText))";
            chromium.waitFor("the query's result: the dataset dcbm with its " + CONTEXTS + " contexts", result, WAIT);
            assertEquals(0, chromium.evaluate("document.querySelectorAll('[data-testid=cypherFrameErrorMessage]').length").asInt(),
                    chromium.pageText(3000));
            assertTrue(chromium.evaluate("(" + result + ").innerText").asText().contains("\"dcbm\""), chromium.pageText(3000));

            // Slide 4 of 6, the reports: its :params block, as Browser parses it, then the sweep that reads them.
            String guideFrame = "[...document.querySelectorAll('[data-testid=carousel]')].find(c => c.innerText.includes('/ 6'))";
            chromium.waitFor("the guide's six slides", guideFrame + ".innerText.includes('1 / 6')", WAIT);
            for (int slide = 2; slide <= 4; slide++) {
                chromium.evaluate("(" + guideFrame + ").querySelector('[data-testid=nextSlide]').click()");
                chromium.waitFor("slide " + slide, guideFrame + ".innerText.includes('" + slide + " / 6')", WAIT);
            }
            String blocks = "[...(" + guideFrame + ").querySelectorAll('pre.runnable')]";
            chromium.evaluate(blocks + ".find(p => p.textContent.includes(':params {run:') && p.textContent.includes('maxF')).querySelector('i').click()");
            chromium.waitFor("the parameters set", "[...document.querySelectorAll('[data-testid=frame]')]"
                    + ".some(f => /\"maxF\":\s*null/.test(f.innerText) && /\"run\":\s*\"dcbm-1\"/.test(f.innerText))", WAIT);
            chromium.evaluate(blocks + ".find(p => p.textContent.includes('CALL spiky.spikes.sweep')).querySelector('i').click()");
            String sweep = "[...document.querySelectorAll('[data-testid=frame]')].filter(f => !f.querySelector('[data-testid=carousel]'))"
                    + ".map(f => f.querySelector('[data-testid=frameContents]'))"
                    + ".find(c => c && c.innerText.includes('recommendedF') && /spectral-gap|before-noise|first-level|no-noise/.test(c.innerText))";
            chromium.waitFor("the sweep's rows with the recommended f and its rule", sweep, WAIT);
            assertEquals(0, chromium.evaluate("document.querySelectorAll('[data-testid=cypherFrameErrorMessage]').length").asInt(),
                    chromium.pageText(3000));
        }
    }
}
