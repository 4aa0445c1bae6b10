package spiky.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import spiky.Progress;
import spiky.graph.CypherFiles;

/**
 * GET /guide/, the Neo4j Browser guide: its slides' Cypher is the text of the cypher/ files, every
 * block runs, in order, on the server's database (the :params blocks as Browser reads them), and
 * CORS answers the Browser's origin only. GuideInBrowserTest plays it in Browser itself.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GuideTest {
    private static final Pattern SLIDE = Pattern.compile("<slide\\b[^>]*>(.*?)</slide>", Pattern.DOTALL);
    private static final Pattern BLOCK = Pattern.compile("<pre class=\"code runnable\"( data-cypher=\"([^\"]+)\")?>(.*?)</pre>", Pattern.DOTALL);

    @TempDir
    static Path dir;

    private SpikyServer server;
    private String api;
    private int browserPort;

    /** A runnable block: the file it shows (null for a :params block) and its text as Browser runs it. */
    record Block(String file, String text) {}

    @BeforeAll
    void start() {
        browserPort = FreePorts.next();
        server = SpikyServer.start(TestServer.options(dir, "dcbm", true, FreePorts.next(), browserPort, "guide-test-password"), Progress.NONE, (db, name) -> {
            db.executeTransactionally("CALL spiky.dcbm.generate($name, {items: 800, contexts: 2000, seed: 11})", Map.of("name", name));
            db.executeTransactionally("CALL spiky.pipeline($name, {rank: 16, spkDims: [8, 16]})", Map.of("name", name));
        });
        api = "http://127.0.0.1:" + server.apiPort();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    static List<List<Block>> slides(String html) {
        List<List<Block>> slides = new ArrayList<>();
        Matcher s = SLIDE.matcher(html);
        while (s.find()) {
            List<Block> blocks = new ArrayList<>();
            Matcher b = BLOCK.matcher(s.group(1));
            while (b.find()) {
                blocks.add(new Block(b.group(2), unescape(b.group(3)).strip()));
            }
            slides.add(blocks);
        }
        return slides;
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    }

    @Test
    void theGuideIsHtmlWhoseCypherIsTheTextOfTheCypherFiles() {
        Http.Response r = Http.get(api + "/guide/");
        assertEquals(200, r.status(), r.body());
        assertTrue(r.contentType().startsWith("text/html"), r.contentType());
        assertTrue(r.body().contains("<article class=\"guide\">") && r.body().contains("<carousel"), r.body());
        assertFalse(r.body().contains("{{"), "every placeholder filled: " + r.body());
        List<List<Block>> slides = slides(r.body());
        assertEquals(6, slides.size(), r.body());
        Set<String> files = new LinkedHashSet<>();
        for (List<Block> slide : slides) {
            for (Block block : slide) {
                if (block.file() != null) {
                    assertEquals(new CypherFiles().load(block.file()).strip(), block.text(), block.file());
                    files.add(block.file());
                } else {
                    assertTrue(block.text().startsWith(":params {"), "a block that is not a file sets parameters: " + block.text());
                }
            }
        }
        assertEquals(List.of("datasets.cypher", "dcbm-generate.cypher", "dataset.cypher", "pipeline.cypher", "runs.cypher",
                "communities.cypher", "truth.cypher", "sweep.cypher", "similar.cypher", "snapshots.cypher", "snapshot-stability.cypher"),
                List.copyOf(files));
        // Filled from the data: the default dataset's latest run and its first f'.
        String run = server.database().db().executeTransactionally("MATCH (d:Dataset {name: 'dcbm'}) RETURN d.latestRun AS run", Map.of(),
                x -> (String) x.next().get("run"));
        assertTrue(r.body().contains(":params {run: '" + run + "', f: 8,"), r.body());
    }

    /**
     * Every block of every slide, in order, as Browser runs them: a {@code :params {...}} block
     * replaces the parameters (its map is a Cypher map literal too), the others run with them.
     */
    @Test
    void everySlidesQueriesRunOnTheDatabaseInOrder() {
        List<List<Block>> slides = slides(Http.get(api + "/guide/").body());
        Map<String, Object> params = new HashMap<>();
        Map<String, List<Map<String, Object>>> results = new HashMap<>();
        for (List<Block> slide : slides) {
            for (Block block : slide) {
                if (block.file() == null) {
                    String map = block.text().substring(":params ".length());
                    @SuppressWarnings("unchecked")
                    Map<String, Object> set = server.database().db().executeTransactionally("RETURN " + map + " AS p", Map.of(),
                            x -> (Map<String, Object>) x.next().get("p"));
                    params = new HashMap<>(set);
                    continue;
                }
                Map<String, Object> given = params;
                List<Map<String, Object>> rows;
                try {
                    rows = server.database().db().executeTransactionally(block.text(), given, x -> x.stream().toList());
                } catch (RuntimeException e) {
                    throw new AssertionError(block.file() + " with " + given + " failed: " + e.getMessage(), e);
                }
                results.merge(block.file(), rows, (a, b) -> b);
            }
        }
        assertEquals(1, results.get("dcbm-generate.cypher").size());
        assertEquals("finished", results.get("pipeline.cypher").get(0).get("status"));
        assertTrue(results.get("runs.cypher").size() >= 2, "the first run and the guide's: " + results.get("runs.cypher"));
        assertFalse(results.get("communities.cypher").isEmpty());
        assertEquals(1, results.get("truth.cypher").size());
        assertEquals(16, results.get("sweep.cypher").size(), "f' = 1..16 of the first run");
        assertEquals(10, results.get("similar.cypher").size());
        assertEquals(3, results.get("snapshots.cypher").size(), results.get("snapshots.cypher").toString());
        for (Map<String, Object> snapshot : results.get("snapshots.cypher")) {
            assertEquals("finished", snapshot.get("status"), snapshot.toString());
        }
        // Two earlier snapshots x 5 partitions x 2 metrics, against the latest.
        assertEquals(20, results.get("snapshot-stability.cypher").size(), results.get("snapshot-stability.cypher").toString());
    }

    @Test
    void corsAnswersTheBrowsersOriginOnlyPreflightIncluded() {
        for (String origin : List.of("http://localhost:" + browserPort, "http://127.0.0.1:" + browserPort)) {
            Http.Response get = Http.request("GET", api + "/guide/", "Origin", origin);
            assertEquals(200, get.status());
            assertEquals(origin, get.header("Access-Control-Allow-Origin"));
            Http.Response preflight = Http.request("OPTIONS", api + "/guide/", "Origin", origin, "Access-Control-Request-Method", "GET",
                    "Access-Control-Request-Headers", "cache-control,pragma,sentry-trace,baggage");
            assertEquals(204, preflight.status(), preflight.body());
            assertEquals(origin, preflight.header("Access-Control-Allow-Origin"));
            assertTrue(preflight.header("Access-Control-Allow-Methods").contains("GET"), preflight.headers().toString());
            for (String header : List.of("cache-control", "pragma", "sentry-trace", "baggage")) {
                assertTrue(preflight.header("Access-Control-Allow-Headers").contains(header), header + ": " + preflight.headers());
            }
            assertEquals(origin, Http.request("GET", api + "/api/health", "Origin", origin).header("Access-Control-Allow-Origin"));
        }
        for (String other : List.of("http://localhost:" + (browserPort == 1 ? 2 : browserPort - 1), "http://evil.example", "null")) {
            Http.Response get = Http.request("GET", api + "/guide/", "Origin", other);
            assertEquals(200, get.status());
            assertNull(get.header("Access-Control-Allow-Origin"), other);
            Http.Response preflight = Http.request("OPTIONS", api + "/guide/", "Origin", other, "Access-Control-Request-Method", "GET",
                    "Access-Control-Request-Headers", "sentry-trace");
            assertNull(preflight.header("Access-Control-Allow-Origin"), other + ": " + preflight.headers());
            assertNull(preflight.header("Access-Control-Allow-Headers"), other);
        }
        assertNull(Http.get(api + "/guide/").header("Access-Control-Allow-Origin"), "no Origin, no CORS");
    }

    @Test
    void browserMayPlayGuidesFromTheApisHost() {
        Object allowed = server.database().db().executeTransactionally(
                "CALL dbms.listConfig('browser.remote_content_hostname_whitelist') YIELD value RETURN value", Map.of(), x -> x.next().get("value"));
        assertEquals("localhost,127.0.0.1", allowed);
    }
}
