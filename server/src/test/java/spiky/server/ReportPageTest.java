package spiky.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report page (/) and its data endpoints /api/runs/{id}/points and /coverage, on a small
 * generated DCBM; the page itself is loaded by a real headless Chromium.
 */
@Tag("process")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportPageTest {
    private static final List<String> CHARTS = List.of("scatter", "coverage", "sweep", "degree", "contingency", "blocks");
    private static final Pattern CHART = Pattern.compile("<div[^>]*\\bid=\"chart-([a-z]+)\"[^>]*>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z_][\\w-]*)=\"([^\"]*)\"");

    @TempDir
    static Path dir;

    private SpikyServer server;
    private String api;
    private String run;
    private JsonNode runRecord;

    @BeforeAll
    void start() {
        server = TestServer.start(dir, "dcbm", "page-test-password", (db, name) -> {
            db.executeTransactionally("CALL spiky.dcbm.generate($name, {items: 300, contexts: 600, seed: 11})", Map.of("name", name));
            db.executeTransactionally("CALL spiky.pipeline($name, {rank: 16, spkDims: [8, 16]})", Map.of("name", name));
        });
        api = "http://127.0.0.1:" + server.apiPort();
        run = Http.get(api + "/api/datasets/dcbm/runs").json().get("runs").get(0).get("id").asText();
        runRecord = Http.get(api + "/api/runs/" + run).json();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void coverageFollowsTheCoversVisitingOrderUpToTheRunsCoveredShare() {
        long n = runRecord.get("n").asLong();
        for (JsonNode level : runRecord.get("spkTable")) {
            int f = level.get("f").asInt();
            Http.Response r = Http.get(api + "/api/runs/" + run + "/coverage?f=" + f);
            assertEquals(200, r.status(), r.body());
            JsonNode body = r.json();
            assertEquals(n, body.get("items").asLong());
            JsonNode peaks = body.get("peaks");
            assertEquals(level.get("peaks").asLong(), peaks.size(), r.body());
            double previousShare = 0;
            long sizes = 0;
            for (JsonNode p : peaks) {
                sizes += p.get("size").asLong();
                assertEquals(sizes, p.get("covered").asLong(), "running covered count: " + r.body());
                assertEquals((double) sizes / n, p.get("share").asDouble(), 1e-12);
                assertTrue(p.get("share").asDouble() > previousShare, "share rises with every peak: " + r.body());
                previousShare = p.get("share").asDouble();
            }
            JsonNode last = peaks.get(peaks.size() - 1);
            assertTrue(last.get("share").asDouble() >= 0.5, "the cover stops past rho = 0.5: " + r.body());
            assertEquals(level.get("covered").asLong(), last.get("covered").asLong());
            assertEquals(level.get("covered").asDouble() / n, last.get("share").asDouble(), 1e-12);
            // The cover recomputed here from the stored vectors: same peaks, same order, same sizes.
            List<long[]> expected = recomputedCover(f, runRecord.get("cosTheta").asDouble(), runRecord.get("rho").asDouble());
            List<long[]> actual = new ArrayList<>();
            for (JsonNode p : peaks) {
                actual.add(new long[] {p.get("peak").asLong(), p.get("size").asLong()});
            }
            assertEquals(expected.stream().map(a -> a[0] + ":" + a[1]).toList(), actual.stream().map(a -> a[0] + ":" + a[1]).toList(),
                    "peak:size in visiting order at f'=" + f);
        }
        assertEquals(400, Http.get(api + "/api/runs/" + run + "/coverage?f=12").status());
        assertTrue(Http.get(api + "/api/runs/" + run + "/coverage?f=x").json().get("detail").asText().contains("`f`"));
        assertEquals(404, Http.get(api + "/api/runs/dcbm-99/coverage").status());
    }

    /**
     * The definition of the cover (SpikeCover's class comment) on the stored embeddings: visit items
     * by descending norm of their first f dimensions; an uncovered one becomes a peak and covers the
     * uncovered items of cosine above cosTheta; stop once more than rho·n are covered.
     */
    private List<long[]> recomputedCover(int f, double cosTheta, double rho) {
        Map<Long, double[]> vectors = new HashMap<>();
        server.database().db().executeTransactionally("MATCH (e:Embedding {run: $run}) RETURN e.item AS item, e.vector AS v",
                Map.of("run", run), result -> {
                    result.forEachRemaining(row -> vectors.put(((Number) row.get("item")).longValue(), head(row.get("v"), f)));
                    return null;
                });
        List<Long> order = new ArrayList<>(vectors.keySet());
        order.sort(Comparator.comparingDouble((Long i) -> -norm(vectors.get(i))).thenComparing(i -> i));
        Map<Long, Long> coveredBy = new LinkedHashMap<>();
        List<long[]> peaks = new ArrayList<>();
        for (long p : order) {
            if (coveredBy.size() > rho * vectors.size()) {
                break;
            }
            if (coveredBy.containsKey(p)) {
                continue;
            }
            double[] u = vectors.get(p);
            long size = 0;
            for (long i : order) {
                double[] v = vectors.get(i);
                if (!coveredBy.containsKey(i) && (i == p || dot(u, v) / (norm(u) * norm(v)) > cosTheta)) {
                    coveredBy.put(i, p);
                    size++;
                }
            }
            peaks.add(new long[] {p, size});
        }
        return peaks;
    }

    private static double[] head(Object vector, int f) {
        double[] out = new double[f];
        for (int j = 0; j < f; j++) {
            out[j] = vector instanceof float[] a ? a[j] : ((double[]) vector)[j];
        }
        return out;
    }

    private static double norm(double[] v) {
        return Math.sqrt(dot(v, v));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    @Test
    void pointsAreTheHighestNormItemsOnTheChosenDimensions() {
        long n = runRecord.get("n").asLong();
        Http.Response all = Http.get(api + "/api/runs/" + run + "/points?f=16");
        assertEquals(200, all.status(), all.body());
        JsonNode body = all.json();
        assertEquals(0, body.get("x").asInt());
        assertEquals(1, body.get("y").asInt());
        assertEquals(n, body.get("points").size(), "fewer items than the default limit: all of them");

        Http.Response top = Http.get(api + "/api/runs/" + run + "/points?f=16&x=3&y=15&limit=7");
        assertEquals(200, top.status(), top.body());
        JsonNode points = top.json().get("points");
        assertEquals(7, points.size());
        // The same items, in the same order, as the first page of /degrees (by norm), with its spike at f' = 16.
        JsonNode degrees = Http.get(api + "/api/runs/" + run + "/degrees?f=16&pageSize=7").json().get("items");
        Map<Long, double[]> vectors = new HashMap<>();
        server.database().db().executeTransactionally("MATCH (e:Embedding {run: $run}) RETURN e.item AS item, e.vector AS v",
                Map.of("run", run), result -> {
                    result.forEachRemaining(row -> vectors.put(((Number) row.get("item")).longValue(), head(row.get("v"), 16)));
                    return null;
                });
        for (int k = 0; k < 7; k++) {
            JsonNode p = points.get(k);
            assertEquals(degrees.get(k).get("item").asLong(), p.get("item").asLong(), top.body());
            assertEquals(degrees.get(k).get("spike"), p.get("spike"), top.body());
            double[] v = vectors.get(p.get("item").asLong());
            assertEquals(v[3], p.get("x").asDouble(), 1e-6 * Math.abs(v[3]) + 1e-12);
            assertEquals(v[15], p.get("y").asDouble(), 1e-6 * Math.abs(v[15]) + 1e-12);
        }

        Http.Response xTooBig = Http.get(api + "/api/runs/" + run + "/points?x=16");
        assertEquals(400, xTooBig.status());
        assertTrue(xTooBig.json().get("detail").asText().contains("`x`"), xTooBig.body());
        assertEquals(400, Http.get(api + "/api/runs/" + run + "/points?y=-1").status());
        Http.Response limit = Http.get(api + "/api/runs/" + run + "/points?limit=20001");
        assertEquals(400, limit.status());
        assertTrue(limit.json().get("detail").asText().contains("`limit`"), limit.body());
        Http.Response badF = Http.get(api + "/api/runs/" + run + "/points?f=12");
        assertEquals(400, badF.status());
        assertTrue(badF.json().get("detail").asText().contains("`f`"), badF.body());
        assertEquals(404, Http.get(api + "/api/runs/dcbm-99/points").status());
    }

    @Test
    void thePageAndEChartsAreServedWithoutHidingTheApisJson404() {
        Http.Response page = Http.get(api + "/");
        assertEquals(200, page.status());
        assertTrue(page.contentType().startsWith("text/html"), page.contentType());
        for (String chart : CHARTS) {
            assertTrue(page.body().contains("id=\"chart-" + chart + "\""), chart);
        }
        Http.Response echarts = Http.get(api + "/webjars/echarts/5.3.1/dist/echarts.min.js");
        assertEquals(200, echarts.status());
        assertTrue(echarts.body().length() > 500_000, "the whole library");
        Http.Response noRoute = Http.get(api + "/api/nothing-here");
        assertEquals(404, noRoute.status());
        assertEquals(404, noRoute.json().get("status").asInt(), noRoute.body());
    }

    @Test
    void aRealBrowserDrawsEveryChart() throws Exception {
        String dom = HeadlessChromium.dumpDom(api + "/?dataset=dcbm&run=" + run + "&f=16", dir);
        Map<String, Map<String, String>> charts = charts(dom);
        java.util.List<String> all = new java.util.ArrayList<>(CHARTS);
        all.add("stability");
        all.add("forecast");
        assertEquals(all, List.copyOf(charts.keySet()), dom);
        assertEquals("empty", charts.get("stability").get("data-state"), "the default dataset has no snapshots");
        assertTrue(dom.contains("No snapshots of this dataset"), "the reason is on the page");
        assertEquals("empty", charts.get("forecast").get("data-state"), "the default run has no forecast");
        assertTrue(dom.contains("No stability forecast for run"), "the reason is on the page");
        for (String chart : CHARTS) {
            Map<String, String> a = charts.get(chart);
            assertEquals("drawn", a.get("data-state"), chart + ": " + a);
            assertTrue(Long.parseLong(a.get("data-points")) > 0, chart + ": " + a);
        }
        long n = runRecord.get("n").asLong();
        JsonNode level16 = runRecord.get("spkTable").get(1);
        assertEquals(n, points(charts, "scatter"), "every item is drawn (fewer than the 5,000 limit)");
        assertEquals(level16.get("peaks").asLong(), points(charts, "coverage"), "one step per peak");
        assertEquals(n, points(charts, "degree"), "every generated item has interactions");
        JsonNode truth = Http.get(api + "/api/runs/" + run + "/truth?f=16").json();
        long cells = truth.get("contingency").size();
        assertTrue(points(charts, "contingency") > 0 && points(charts, "contingency") <= cells, charts.toString());
        assertFittedBlockMatrixIsDrawn(charts, truth);
        assertTrue(dom.split("<svg", -1).length - 1 >= CHARTS.size(), "the SVG renderer leaves the drawing in the DOM");
        assertSweepIsDrawn(charts, dom);
        assertNormAxisSpansTheBulk(charts.get("degree"), run);
    }

    /** Spk against f': one point per level of /sweep, and the recommended f marked and named. */
    private void assertSweepIsDrawn(Map<String, Map<String, String>> charts, String dom) {
        JsonNode sweep = Http.get(api + "/api/runs/" + run + "/sweep").json();
        assertEquals(runRecord.get("rank").asLong(), sweep.get("levels").size(), sweep.toString());
        assertEquals(sweep.get("levels").size(), points(charts, "sweep"), "one point per f'");
        String recommended = sweep.get("recommendedF").asText();
        assertEquals(recommended, charts.get("sweep").get("data-recommended"), charts.get("sweep").toString());
        assertTrue(dom.contains("recommended f = " + recommended + " (" + sweep.get("rule").asText() + ")"), "the mark is labelled on the page");
    }

    /** Tick labels as the page shows them: short (1e-3, 0.05, 10, 2.5k, 1M), never 10,000,000. */
    private static final Pattern SHORT_LABEL = Pattern.compile("-?\\d+(\\.\\d+)?(e-?\\d+|k|M)?");

    /**
     * The norm axis of the degree chart, as ECharts laid it out: it shows the bulk of the norms
     * (1st to 99th percentile of the items drawn) and reaches at most two decades beyond it, and
     * its labels are short.
     */
    private void assertNormAxisSpansTheBulk(Map<String, String> chart, String runId) {
        List<Double> norms = new ArrayList<>();
        Http.get(api + "/api/runs/" + runId + "/degrees?pageSize=10000").json().get("items").forEach(i -> {
            if (i.get("norm").asDouble() > 0 && i.get("interactions").asDouble() > 0) {
                norms.add(i.get("norm").asDouble());
            }
        });
        norms.sort(Comparator.naturalOrder());
        double p1 = norms.get((int) Math.round(0.01 * (norms.size() - 1)));
        double p99 = norms.get((int) Math.round(0.99 * (norms.size() - 1)));
        double min = Double.parseDouble(chart.get("data-y-min"));
        double max = Double.parseDouble(chart.get("data-y-max"));
        String range = "axis [" + min + ", " + max + "], norms p1 " + p1 + ", p99 " + p99 + ", " + chart;
        assertTrue(min <= p1 && max >= p99, "the bulk is on the axis: " + range);
        assertTrue(min >= p1 / 100 && max <= p99 * 100, "no more than two decades beyond it: " + range);
        String[] labels = chart.get("data-y-labels").split("\\|");
        assertTrue(labels.length >= 2, range);
        for (String label : labels) {
            assertTrue(SHORT_LABEL.matcher(label).matches() && label.length() <= 6, "short label '" + label + "': " + range);
        }
    }

    @Test
    void aFewNearZeroNormsDoNotStretchTheNormAxis() throws Exception {
        var db = server.database().db();
        db.executeTransactionally("CALL spiky.dcbm.generate('tiny', {items: 300, contexts: 600, seed: 14})");
        db.executeTransactionally("CALL spiky.pipeline('tiny', {rank: 16, spkDims: [8, 16]})");
        String tiny = Http.get(api + "/api/datasets/tiny/runs").json().get("runs").get(0).get("id").asText();
        // As seen on Last.fm: a few norms near 0, and one far above the rest.
        db.executeTransactionally("MATCH (e:Embedding {run: $run}) WITH e ORDER BY e.norm LIMIT 2 SET e.norm = 1e-8", Map.of("run", tiny));
        db.executeTransactionally("MATCH (e:Embedding {run: $run}) WITH e ORDER BY e.norm DESC LIMIT 1 SET e.norm = 1e7", Map.of("run", tiny));
        JsonNode items = Http.get(api + "/api/runs/" + tiny + "/degrees?pageSize=10000").json().get("items");
        assertEquals(1e7, items.get(0).get("norm").asDouble(), "the report reads the changed norms");
        assertEquals(1e-8, items.get(items.size() - 1).get("norm").asDouble());

        String dom = HeadlessChromium.dumpDom(api + "/?dataset=tiny&run=" + tiny + "&f=16", dir);
        Map<String, String> chart = charts(dom).get("degree");
        assertEquals("drawn", chart.get("data-state"), chart.toString());
        assertNormAxisSpansTheBulk(chart, tiny);
        assertTrue(Double.parseDouble(chart.get("data-y-min")) > 1e-6, "not down to the 1e-8 norms: " + chart);
        assertTrue(Double.parseDouble(chart.get("data-y-max")) < 1e6, "not up to the 1e7 norm: " + chart);
        Matcher outside = Pattern.compile("(\\d+) outside the axes").matcher(dom);
        assertTrue(outside.find() && Integer.parseInt(outside.group(1)) >= 3, "the items left outside are counted");
    }

    @Test
    void theApiPageRendersEveryOperationOfTheOpenApiDescription() throws Exception {
        JsonNode paths = Http.get(api + "/api/openapi.json").json().get("paths");
        int operations = 0;
        for (JsonNode ops : paths) {
            operations += ops.size();
        }
        String dom = HeadlessChromium.dumpDom(api + "/api.html", dir);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("id=\"routes\" data-routes=\"(\\d+)\"").matcher(dom);
        assertTrue(m.find(), dom);
        assertEquals(operations, Integer.parseInt(m.group(1)), "one section per operation");
        assertEquals(operations, dom.split("class=\"route\"", -1).length - 1, dom);
        assertTrue(dom.contains("/api/runs/{id}/truth") && dom.contains("Responses: 200"), dom);
    }

    /** The B̂ heatmap: one cell per positive entry of the fitted block matrix of /truth. */
    private static void assertFittedBlockMatrixIsDrawn(Map<String, Map<String, String>> charts, JsonNode truth) {
        long positive = 0;
        for (JsonNode row : truth.get("fitted").get("blockMatrix").get("values")) {
            for (JsonNode v : row) {
                if (!v.isNull() && v.asDouble() > 0) {
                    positive++;
                }
            }
        }
        assertTrue(positive > 0, truth.toString());
        assertEquals(positive, points(charts, "blocks"));
    }

    @Test
    void withoutPlantedTruthTheContingencyChartSaysSo() throws Exception {
        var db = server.database().db();
        db.executeTransactionally("CALL spiky.dcbm.generate('plain', {items: 300, contexts: 600, seed: 12})");
        // Imported data without --items: the same graph, no trueCommunity or theta on the items.
        db.executeTransactionally("MATCH (i:Item {dataset: 'plain'}) REMOVE i.trueCommunity, i.theta");
        db.executeTransactionally("CALL spiky.pipeline('plain', {rank: 16, spkDims: [8, 16]})");
        String plain = Http.get(api + "/api/datasets/plain/runs").json().get("runs").get(0).get("id").asText();
        assertEquals(false, Http.get(api + "/api/runs/" + plain + "/truth?f=8").json().get("planted").asBoolean());

        String dom = HeadlessChromium.dumpDom(api + "/?dataset=plain&run=" + plain + "&f=8", dir);
        Map<String, Map<String, String>> charts = charts(dom);
        Map<String, String> contingency = charts.get("contingency");
        assertEquals("empty", contingency.get("data-state"), contingency.toString());
        assertEquals("0", contingency.get("data-points"));
        assertTrue(dom.contains("No planted truth"), "the reason is on the page");
        for (String chart : List.of("scatter", "coverage", "degree", "blocks")) {
            assertEquals("drawn", charts.get(chart).get("data-state"), chart + ": " + charts.get(chart));
        }
    }

    @Test
    void snapshotsOfADatasetDrawOneStabilityCurvePerNormQuantile() throws Exception {
        var db = server.database().db();
        db.executeTransactionally("CALL spiky.dcbm.generate('timed', {items: 300, contexts: 600, seed: 13})");
        // Contexts arrive a minute apart from 1600000000: cuts after 300, 450 and all 600 of them.
        db.executeTransactionally("CALL spiky.snapshots('timed', {cuts: [1600000000 + 60 * 299, 1600000000 + 60 * 449, "
                + "1600000000 + 60 * 599], rank: 8, spkDims: [8]})");
        String dom = HeadlessChromium.dumpDom(api + "/?dataset=timed&metric=dot", dir);
        Map<String, String> stability = charts(dom).get("stability");
        assertEquals("drawn", stability.get("data-state"), stability.toString());
        assertEquals(3 * 5, points(charts(dom), "stability"), "3 snapshots × 5 norm quantiles");
        assertTrue(dom.contains("q1 (lowest norms)") && dom.contains("q5 (highest norms)"), "one curve per quantile, named");
    }

    @Test
    void aForecastRunDrawsItsForecastAgainstNormQuantile() throws Exception {
        var db = server.database().db();
        db.executeTransactionally("CALL spiky.dcbm.generate('forecast', {items: 300, contexts: 600, seed: 17})");
        db.executeTransactionally("CALL spiky.snapshots('forecast', {cuts: [1600000000 + 60 * 299, 1600000000 + 60 * 399, "
                + "1600000000 + 60 * 499, 1600000000 + 60 * 599], rank: 8, spkDims: [8]})");
        db.executeTransactionally("CALL spiky.stability.forecast('forecast', {k: 10})");
        String latest = (String) db.executeTransactionally("MATCH (r:EmbeddingRun {dataset: 'forecast'}) RETURN r.id AS id ORDER BY r.until DESC LIMIT 1",
                Map.of(), r -> r.next().get("id"));
        JsonNode report = Http.get(api + "/api/runs/" + latest + "/forecast?bins=10").json();
        String dom = HeadlessChromium.dumpDom(api + "/?dataset=forecast&run=" + latest, dir);
        Map<String, String> forecast = charts(dom).get("forecast");
        assertEquals("drawn", forecast.get("data-state"), forecast.toString());
        assertEquals(10, points(charts(dom), "forecast"), "one point per norm decile");
        assertTrue(dom.contains(String.format(java.util.Locale.ROOT, "mae %.3f against %.3f", report.get("mae").asDouble(),
                report.get("baselineMae").asDouble())), "the backtest is in the chart's title");
    }

    /** Each chart container's attributes, by chart name, in page order. */
    private static Map<String, Map<String, String>> charts(String dom) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        Matcher m = CHART.matcher(dom);
        while (m.find()) {
            Map<String, String> attributes = new HashMap<>();
            Matcher a = ATTRIBUTE.matcher(m.group());
            while (a.find()) {
                attributes.put(a.group(1), a.group(2));
            }
            out.put(m.group(1), attributes);
        }
        return out;
    }

    private static long points(Map<String, Map<String, String>> charts, String chart) {
        return Long.parseLong(charts.get(chart).getOrDefault("data-points", "-1"));
    }
}
