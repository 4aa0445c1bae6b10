package spiky.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.neo4j.driver.AuthTokens;
import org.neo4j.driver.Driver;
import org.neo4j.driver.GraphDatabase;
import org.neo4j.driver.Record;
import org.neo4j.driver.Session;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.server.db.DatabaseOptions;
import spiky.server.db.SpikyDatabase;
import spiky.server.http.ApiOptions;

/** The whole process on real ports: Bolt, Neo4j's HTTP connector and Browser, the spiky API. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpikyServerTest {
    @TempDir
    static Path dir;

    private static final String PASSWORD = "test-password-1";

    private SpikyServer server;
    private int boltPort;
    private int neo4jHttpPort;
    private String api;

    @BeforeAll
    void start() {
        boltPort = FreePorts.next();
        neo4jHttpPort = FreePorts.next();
        server = SpikyServer.start(TestServer.options(dir, "dcbm", true, boltPort, neo4jHttpPort, PASSWORD), Progress.NONE,
                (db, name) -> {
                    db.executeTransactionally("CALL spiky.dcbm.generate($name, {items: 200, contexts: 300, seed: 3})", Map.of("name", name));
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

    @Test
    void boltAnswersSpikyAndGdsProcedures() {
        try (Driver driver = GraphDatabase.driver("bolt://127.0.0.1:" + boltPort, AuthTokens.basic("neo4j", PASSWORD));
                Session session = driver.session()) {
            Record spiky = session.run("CALL spiky.version()").single();
            assertFalse(spiky.get("spiky").asString().isBlank());
            Record gds = session.run("CALL gds.version()").single();
            assertTrue(gds.get("gdsVersion").asString().startsWith("2.13"), gds.toString());
        }
    }

    @Test
    void neo4jHttpConnectorRunsCypher() {
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(("neo4j:" + PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Http.Response r = Http.post("http://127.0.0.1:" + neo4jHttpPort + "/db/neo4j/tx/commit",
                "{\"statements\":[{\"statement\":\"CALL gds.version() YIELD gdsVersion RETURN gdsVersion\"},{\"statement\":\"CALL spiky.version() YIELD spiky RETURN spiky\"}]}",
                basic);
        assertEquals(200, r.status(), r.body());
        JsonNode body = r.json();
        assertEquals(0, body.get("errors").size(), r.body());
        assertTrue(body.get("results").get(0).get("data").get(0).get("row").get(0).asText().startsWith("2.13"), r.body());
        assertFalse(body.get("results").get(1).get("data").get(0).get("row").get(0).asText().isBlank());
    }

    @Test
    void boltAndTheHttpConnectorRefuseRequestsWithoutThePassword() {
        try (Driver driver = GraphDatabase.driver("bolt://127.0.0.1:" + boltPort, AuthTokens.none());
                Session session = driver.session()) {
            assertThrows(org.neo4j.driver.exceptions.AuthenticationException.class, () -> session.run("RETURN 1").consume());
        }
        try (Driver driver = GraphDatabase.driver("bolt://127.0.0.1:" + boltPort, AuthTokens.basic("neo4j", "neo4j"));
                Session session = driver.session()) {
            assertThrows(org.neo4j.driver.exceptions.ClientException.class, () -> session.run("RETURN 1").consume(),
                    "Neo4j's default password no longer works");
        }
        Http.Response anonymous = Http.post("http://127.0.0.1:" + neo4jHttpPort + "/db/neo4j/tx/commit",
                "{\"statements\":[{\"statement\":\"RETURN 1\"}]}");
        assertEquals(401, anonymous.status(), anonymous.body());
    }

    @Test
    void writeEndpointsNeedTheBearerTokenAndReadsStayOpen() {
        long runs = Http.get(api + "/api/datasets/dcbm/runs").json().get("runs").size();
        Http.Response none = Http.post(api + "/api/datasets/dcbm/runs", "{}");
        assertEquals(401, none.status(), none.body());
        assertEquals(401, none.json().get("status").asInt());
        assertTrue(none.json().get("detail").asText().contains("Authorization: Bearer"), none.body());
        Http.Response wrong = Http.post(api + "/api/datasets/dcbm/runs", "{}", "Bearer not-the-token");
        assertEquals(403, wrong.status(), wrong.body());
        Http.Response importing = Http.post(api + "/api/datasets/x/import", "{\"format\":\"csv\",\"path\":\"../etc/passwd\"}");
        assertEquals(401, importing.status());
        assertEquals(runs, Http.get(api + "/api/datasets/dcbm/runs").json().get("runs").size(), "a refused request starts nothing");
        assertEquals(200, Http.get(api + "/api/health").status());
        java.nio.file.Path tokenFile = dir.resolve("data").resolve(ApiOptions.TOKEN_FILE);
        assertEquals(server.apiToken(), readString(tokenFile).strip(), "a generated token is kept in the data directory");
        assertEquals("rw-------", posix(tokenFile));
    }

    private static String readString(java.nio.file.Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String posix(java.nio.file.Path p) {
        try {
            return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void neo4jBrowserIsServed() {
        Http.Response r = Http.get("http://127.0.0.1:" + neo4jHttpPort + "/browser/");
        assertEquals(200, r.status());
        assertTrue(r.body().contains("<html") && r.body().toLowerCase().contains("neo4j"), r.body());
    }

    @Test
    void healthReportsVersions() {
        Http.Response r = Http.get(api + "/api/health");
        assertEquals(200, r.status(), r.body());
        JsonNode body = r.json();
        assertEquals("up", body.get("status").asText());
        assertTrue(body.get("neo4j").asText().startsWith("5.26"), r.body());
        assertTrue(body.get("gds").asText().startsWith("2.13"), r.body());
        assertFalse(body.get("spiky").asText().isBlank());
    }

    @Test
    void anEmptyDataDirectoryGetsTheDefaultDataset() {
        Http.Response r = Http.get(api + "/api/datasets/dcbm");
        assertEquals(200, r.status(), r.body());
        JsonNode d = r.json();
        assertEquals(200, d.get("items").asLong());
        assertEquals(300, d.get("contexts").asLong());
        assertTrue(d.get("interactions").asLong() > 300);
        assertTrue(d.get("hasTruth").asBoolean());
    }

    @Test
    void importEndpointReadsOnlyInsideTheImportDirectory() throws IOException {
        Files.createDirectories(dir.resolve("import"));
        Files.writeString(dir.resolve("import/plays.csv"), "item,context,timestamp\na,u1,10\nb,u1,11\na,u2,12\na,u2,5\n");
        Files.writeString(dir.resolve("secret.csv"), "item,context\na,u1\n");

        Http.Response created = Http.post(api + "/api/datasets/plays/import", "{\"format\":\"csv\",\"path\":\"plays.csv\"}", bearer());
        assertEquals(201, created.status(), created.body());
        assertEquals(3, created.json().get("interactions").asLong());
        assertEquals(1, created.json().get("duplicates").asLong());

        JsonNode listed = Http.get(api + "/api/datasets").json().get("datasets");
        boolean found = false;
        for (JsonNode d : listed) {
            if (d.get("name").asText().equals("plays")) {
                found = true;
                assertEquals(2, d.get("items").asLong());
                assertEquals(2, d.get("contexts").asLong());
            }
        }
        assertTrue(found, listed.toString());

        Http.Response outside = Http.post(api + "/api/datasets/leak/import", "{\"format\":\"csv\",\"path\":\"../secret.csv\"}", bearer());
        assertEquals(400, outside.status(), outside.body());
        assertTrue(outside.json().get("detail").asText().contains("outside the import directory"), outside.body());
        assertEquals(404, Http.get(api + "/api/datasets/leak").status());

        Http.Response again = Http.post(api + "/api/datasets/plays/import", "{\"format\":\"csv\",\"path\":\"plays.csv\"}", bearer());
        assertEquals(400, again.status());
        assertTrue(again.json().get("detail").asText().contains("already exists"), again.body());

        Http.Response typo = Http.post(api + "/api/datasets/x/import", "{\"format\":\"csv\",\"pth\":\"plays.csv\"}", bearer());
        assertEquals(400, typo.status());
        assertTrue(typo.json().get("detail").asText().contains("Did you mean [path]"), typo.body());
    }

    @Test
    void importEndpointPassesReaderOptionsAndTheDatasetRecordsThem() throws IOException {
        Files.createDirectories(dir.resolve("import"));
        // Playlist 1: 5 distinct songs; 2: 4 distinct songs but 5 parts of line.split(' '); 3: 3 songs.
        Files.writeString(dir.resolve("import/yes.txt"), "0 1 2 3 4 5 6 7\n1 1 1 1 1 1 1 1\n0 1 2 3 4 \n4 5 6 7 \n5 6 7 \n");
        Http.Response created = Http.post(api + "/api/datasets/yes/import",
                "{\"format\":\"cornell\",\"path\":\"yes.txt\",\"options\":{\"countBy\":\"split\",\"minSongs\":5}}", bearer());
        assertEquals(201, created.status(), created.body());
        assertEquals(2, created.json().get("contexts").asLong(), created.body());
        assertEquals(1, created.json().get("skipped").asLong(), created.body());
        assertEquals("{\"minSongs\":5,\"countBy\":\"split\"}", created.json().get("readerOptions").toString());
        JsonNode dataset = Http.get(api + "/api/datasets/yes").json();
        assertEquals("minSongs=5, countBy=split", dataset.get("readerOptions").asText(), dataset.toString());
    }

    @Test
    void theDefaultDatasetsRunIsListedAndDescribed() {
        Http.Response list = Http.get(api + "/api/datasets/dcbm/runs");
        assertEquals(200, list.status(), list.body());
        JsonNode runs = list.json().get("runs");
        assertEquals(1, runs.size(), list.body());
        JsonNode summary = runs.get(0);
        assertEquals("finished", summary.get("status").asText());
        assertTrue(summary.get("latest").asBoolean());
        assertEquals(2, summary.get("spk").size());
        assertEquals(8, summary.get("spk").get(0).get("f").asInt());

        String id = summary.get("id").asText();
        Http.Response one = Http.get(api + "/api/runs/" + id);
        assertEquals(200, one.status(), one.body());
        JsonNode run = one.json();
        assertEquals("dcbm", run.get("dataset").asText());
        assertEquals(16, run.get("rank").asInt());
        assertEquals(16, run.get("singularValues").size());
        assertTrue(run.get("singularValues").get(0).asDouble() >= run.get("singularValues").get(15).asDouble());
        assertEquals(summary.get("spk"), run.get("spkTable"));
        assertTrue(run.get("peakHeapBytesSvd").asLong() > 0, one.body());
        assertTrue(run.get("millisSvd").asLong() >= 0, one.body());
        assertFalse(run.get("createdAt").asText().isBlank());

        Http.Response unknownRun = Http.get(api + "/api/runs/dcbm-99");
        assertEquals(404, unknownRun.status());
        assertTrue(unknownRun.json().get("detail").asText().contains("dcbm-99"), unknownRun.body());
        Http.Response unknownDataset = Http.get(api + "/api/datasets/nope/runs");
        assertEquals(404, unknownDataset.status());
        Http.Response tooLong = Http.get(api + "/api/runs/" + "x".repeat(200));
        assertEquals(400, tooLong.status());
        assertTrue(tooLong.json().get("detail").asText().contains("id"), tooLong.body());
    }

    @Test
    void communitiesOfTheDefaultRunComeAsPagesWithTheirDegreeCorrelations() {
        String id = Http.get(api + "/api/datasets/dcbm/runs").json().get("runs").get(0).get("id").asText();
        Http.Response r = Http.get(api + "/api/runs/" + id + "/communities?f=8&pageSize=3");
        assertEquals(200, r.status(), r.body());
        JsonNode body = r.json();
        JsonNode rows = body.get("communities");
        assertTrue(rows.size() >= 1 && rows.size() <= 3, r.body());
        long peaks = body.get("total").asLong();
        assertTrue(peaks >= rows.size(), r.body());
        long previous = Long.MAX_VALUE;
        for (JsonNode c : rows) {
            long size = c.get("size").asLong();
            assertTrue(size >= 1 && size <= previous, "largest first: " + r.body());
            previous = size;
            assertTrue(c.get("normMin").asDouble() <= c.get("normMedian").asDouble()
                    && c.get("normMedian").asDouble() <= c.get("normMax").asDouble(), r.body());
            assertTrue(c.get("interactions").asLong() >= size, "every item has an interaction: " + r.body());
        }
        // The spikes' sizes add up to the run's covered count at f' = 8, over all pages.
        JsonNode all = Http.get(api + "/api/runs/" + id + "/communities?f=8&pageSize=500").json();
        long covered = 0;
        for (JsonNode c : all.get("communities")) {
            covered += c.get("size").asLong();
        }
        JsonNode table = Http.get(api + "/api/runs/" + id).json().get("spkTable");
        assertEquals(table.get(0).get("covered").asLong(), covered);
        assertEquals(table.get(0).get("peaks").asLong(), all.get("communities").size());
        JsonNode page2 = Http.get(api + "/api/runs/" + id + "/communities?f=8&pageSize=3&page=2").json().get("communities");
        if (peaks > 3) {
            assertEquals(all.get("communities").get(3).get("spike"), page2.get(0).get("spike"));
        }

        Http.Response badF = Http.get(api + "/api/runs/" + id + "/communities?f=12");
        assertEquals(400, badF.status());
        assertTrue(badF.json().get("detail").asText().contains("`f`"), badF.body());
        Http.Response badPage = Http.get(api + "/api/runs/" + id + "/communities?f=8&pageSize=9999");
        assertEquals(400, badPage.status());
        assertTrue(badPage.json().get("detail").asText().contains("pageSize"), badPage.body());
        assertEquals(404, Http.get(api + "/api/runs/dcbm-99/communities").status());
    }

    @Test
    void agreementWithThePlantedCommunitiesAddsUpAndMatchesItsContingencyTable() {
        String id = Http.get(api + "/api/datasets/dcbm/runs").json().get("runs").get(0).get("id").asText();
        Http.Response r = Http.get(api + "/api/runs/" + id + "/truth?f=8");
        assertEquals(200, r.status(), r.body());
        JsonNode t = r.json();
        long items = t.get("items").asLong();
        long covered = t.get("covered").asLong();
        JsonNode run = Http.get(api + "/api/runs/" + id).json();
        assertEquals(run.get("n").asLong(), items, "every embedded item of a generated dataset has a true community");
        assertEquals(run.get("spkTable").get(0).get("covered").asLong(), covered);
        // ARI over covered items, recomputed here from the contingency table by pair counting.
        java.util.Map<String, Long> spikeSums = new java.util.HashMap<>();
        java.util.Map<String, Long> truthSums = new java.util.HashMap<>();
        double cells = 0;
        long total = 0;
        long sum = 0;
        for (JsonNode c : t.get("contingency")) {
            long n = c.get("items").asLong();
            sum += n;
            if (c.get("spike").isNull()) {
                continue;
            }
            total += n;
            cells += n * (n - 1) / 2.0;
            spikeSums.merge(c.get("spike").asText(), n, Long::sum);
            truthSums.merge(c.get("trueCommunity").asText(), n, Long::sum);
        }
        assertEquals(items, sum);
        assertEquals(covered, total);
        double a = spikeSums.values().stream().mapToDouble(n -> n * (n - 1) / 2.0).sum();
        double b = truthSums.values().stream().mapToDouble(n -> n * (n - 1) / 2.0).sum();
        double expected = a * b / (total * (total - 1) / 2.0);
        double ari = (cells - expected) / (0.5 * (a + b) - expected);
        assertEquals(ari, t.get("ariCovered").asDouble(), 1e-9, r.body());
        double purity = t.get("purity").asDouble();
        assertTrue(purity > 0 && purity <= 1, r.body());
        long sizes = 0;
        for (JsonNode c : t.get("communities")) {
            sizes += c.get("size").asLong();
        }
        assertEquals(items, sizes);
        assertTrue(t.get("meanSpearmanNormTheta").asDouble() >= -1 && t.get("meanSpearmanNormTheta").asDouble() <= 1);
        assertEquals(400, Http.get(api + "/api/runs/" + id + "/truth?f=abc").status());
    }

    @Test
    void degreesComeAsJsonPagesOrAsOneCsv() {
        String id = Http.get(api + "/api/datasets/dcbm/runs").json().get("runs").get(0).get("id").asText();
        long n = Http.get(api + "/api/runs/" + id).json().get("n").asLong();
        Http.Response page = Http.get(api + "/api/runs/" + id + "/degrees?pageSize=5");
        assertEquals(200, page.status(), page.body());
        JsonNode items = page.json().get("items");
        assertEquals(5, items.size());
        for (int i = 1; i < items.size(); i++) {
            assertTrue(items.get(i - 1).get("norm").asDouble() >= items.get(i).get("norm").asDouble(), "by norm: " + page.body());
        }
        JsonNode top = items.get(0);
        assertTrue(top.get("interactions").asLong() > 0 && top.get("ppmiDegree").asDouble() > 0, page.body());
        assertTrue(top.has("theta") && top.has("trueCommunity"), page.body());

        Http.Response csv = Http.get(api + "/api/runs/" + id + "/degrees", "text/csv");
        assertEquals(200, csv.status());
        assertTrue(csv.contentType().startsWith("text/csv"), csv.contentType());
        String[] lines = csv.body().split("\n");
        assertEquals("item,name,norm,interactions,ppmiDegree,trueCommunity,theta,spike", lines[0]);
        assertEquals(n + 1, lines.length, "a header and one line per embedded item");
        assertTrue(lines[1].startsWith(top.get("item").asText() + ","), lines[1]);
        assertEquals(404, Http.get(api + "/api/runs/dcbm-99/degrees").status());
        assertEquals(400, Http.get(api + "/api/runs/" + id + "/degrees?pageSize=0").status());
    }

    private String bearer() {
        return "Bearer " + server.apiToken();
    }

    private String defaultRun() {
        return Http.get(api + "/api/datasets/dcbm/runs").json().get("runs").get(0).get("id").asText();
    }

    @Test
    void communitiesSortByAnyNumericColumnEitherWay() {
        String id = defaultRun();
        Http.Response asc = Http.get(api + "/api/runs/" + id + "/communities?f=16&sort=normMedian&order=asc&pageSize=500");
        assertEquals(200, asc.status(), asc.body());
        JsonNode rows = asc.json().get("communities");
        assertTrue(rows.size() >= 2, asc.body());
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(rows.get(i - 1).get("normMedian").asDouble() <= rows.get(i).get("normMedian").asDouble(), asc.body());
        }
        JsonNode desc = Http.get(api + "/api/runs/" + id + "/communities?f=16&sort=normMedian&pageSize=500").json().get("communities");
        assertEquals(rows.get(0).get("spike"), desc.get(desc.size() - 1).get("spike"));
        Http.Response typo = Http.get(api + "/api/runs/" + id + "/communities?sort=sizes");
        assertEquals(400, typo.status());
        assertTrue(typo.json().get("detail").asText().contains("`sort`"), typo.body());
        assertEquals(400, Http.get(api + "/api/runs/" + id + "/communities?order=up").status());
    }

    @Test
    void aSpikesMembersAreItsItemsByDescendingNorm() {
        String id = defaultRun();
        JsonNode largest = Http.get(api + "/api/runs/" + id + "/communities?f=16&pageSize=1").json().get("communities").get(0);
        String spike = largest.get("spike").asText();
        Http.Response r = Http.get(api + "/api/runs/" + id + "/communities/" + spike + "?f=16&pageSize=5000");
        assertEquals(200, r.status(), r.body());
        JsonNode members = r.json().get("members");
        assertEquals(largest.get("size").asLong(), members.size(), "the spike's size is its member count");
        assertEquals(spike, members.get(0).get("item").asText(), "the peak has the largest norm of its spike");
        for (int i = 1; i < members.size(); i++) {
            assertTrue(members.get(i - 1).get("norm").asDouble() >= members.get(i).get("norm").asDouble(), r.body());
            assertTrue(members.get(i).get("intraDegree").asDouble() <= members.get(i).get("ppmiDegree").asDouble() + 1e-9, r.body());
        }
        JsonNode second = Http.get(api + "/api/runs/" + id + "/communities/" + spike + "?f=16&pageSize=2&page=2").json().get("members");
        assertEquals(members.get(2).get("item"), second.get(0).get("item"));
        JsonNode byDegree = Http.get(api + "/api/runs/" + id + "/communities/" + spike + "?f=16&sort=intraDegree&pageSize=3").json().get("members");
        assertTrue(byDegree.get(0).get("intraDegree").asDouble() >= byDegree.get(2).get("intraDegree").asDouble());

        String uncoveredOrMember = members.get(members.size() - 1).get("item").asText();
        Http.Response notPeak = Http.get(api + "/api/runs/" + id + "/communities/" + uncoveredOrMember + "?f=16");
        assertEquals(404, notPeak.status(), notPeak.body());
        assertTrue(notPeak.json().get("detail").asText().contains("not the peak"), notPeak.body());
        assertEquals(400, Http.get(api + "/api/runs/" + id + "/communities/" + spike + "?sort=theta").status());
        assertEquals(404, Http.get(api + "/api/runs/dcbm-99/communities/" + spike).status());
    }

    @Test
    void theFittedDcbmHasSymmetricAssortativeBlocks() {
        String id = defaultRun();
        Http.Response r = Http.get(api + "/api/runs/" + id + "/truth?f=16&blocks=4");
        assertEquals(200, r.status(), r.body());
        assertTrue(r.json().get("planted").asBoolean());
        JsonNode fitted = r.json().get("fitted");
        assertEquals("count", fitted.get("weight").asText());
        JsonNode run = Http.get(api + "/api/runs/" + id).json();
        assertEquals(run.get("spkTable").get(1).get("covered").asLong(), fitted.get("items").asLong());
        assertEquals(run.get("spkTable").get(1).get("peaks").asLong(), fitted.get("spikes").asLong());
        JsonNode b = fitted.get("blockMatrix").get("values");
        int k = (int) Math.min(4, fitted.get("spikes").asLong());
        assertEquals(k, b.size());
        assertEquals(k, fitted.get("blocks").size());
        double diagonal = 0;
        double off = 0;
        for (int i = 0; i < k; i++) {
            assertEquals(k, b.get(i).size());
            diagonal += b.get(i).get(i).asDouble() / k;
            for (int j = 0; j < k; j++) {
                assertEquals(b.get(i).get(j).asDouble(), b.get(j).get(i).asDouble(), 1e-9, "B is symmetric");
                if (i != j) {
                    off += b.get(i).get(j).asDouble() / (k * (k - 1));
                }
            }
        }
        // A generated DCBM with mix 0.1: most weight stays inside a block.
        assertTrue(diagonal > 1 && off < 1 && diagonal > 5 * off, "diagonal " + diagonal + ", off " + off);
        double share = fitted.get("withinShare").asDouble();
        assertTrue(share > 0.5 && share <= 1, r.body());
        double rho = fitted.get("meanSpearmanNormTheta").asDouble();
        assertTrue(rho >= -1 && rho <= 1, r.body());
        // Every spike's edges end somewhere: sum over s of B_rs * kappa_s = 2m, for each r, when
        // the matrix holds all spikes (the maximum-likelihood B of Karrer and Newman).
        JsonNode all = Http.get(api + "/api/runs/" + id + "/truth?f=16&blocks=100").json().get("fitted");
        JsonNode blocks = all.get("blocks");
        JsonNode matrix = all.get("blockMatrix").get("values");
        assertEquals(all.get("spikes").asInt(), blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            double sum = 0;
            for (int j = 0; j < blocks.size(); j++) {
                sum += matrix.get(i).get(j).asDouble() * blocks.get(j).get("kappa").asDouble();
            }
            assertEquals(all.get("totalWeight").asDouble(), sum, 1e-6 * sum, "row " + i);
        }
        Http.Response ppmi = Http.get(api + "/api/runs/" + id + "/truth?f=16&weight=ppmi&blocks=4");
        assertEquals("ppmi", ppmi.json().get("fitted").get("weight").asText());
        assertNotEquals(fitted.get("totalWeight").asDouble(), ppmi.json().get("fitted").get("totalWeight").asDouble());
        assertEquals(400, Http.get(api + "/api/runs/" + id + "/truth?weight=pmi").status());
        assertEquals(400, Http.get(api + "/api/runs/" + id + "/truth?blocks=0").status());
    }

    @Test
    void withoutPlantedTruthTheReportIsTheFittedDcbmAndFinishedReportsAreCached() {
        server.database().db().executeTransactionally("CALL spiky.dcbm.generate('plain', {items: 150, contexts: 300, seed: 11})");
        // As if imported without --items: no planted community, no theta.
        server.database().db().executeTransactionally("MATCH (i:Item {dataset: 'plain'}) REMOVE i.trueCommunity, i.theta");
        String id = (String) server.database().db().executeTransactionally(
                "CALL spiky.pipeline('plain', {rank: 8, spkDims: [4, 8]}) YIELD runId RETURN runId", Map.of(),
                result -> result.next().get("runId"));
        Http.Response r = Http.get(api + "/api/runs/" + id + "/truth?f=4");
        assertEquals(200, r.status(), r.body());
        assertFalse(r.json().get("planted").asBoolean());
        assertFalse(r.json().has("ariCovered"), r.body());
        assertTrue(r.json().get("fitted").get("items").asLong() > 0, r.body());

        String url = api + "/api/runs/" + id + "/communities?f=4";
        Http.Response first = Http.get(url);
        Http.Response second = Http.get(url);
        assertEquals("miss", first.header("X-Spiky-Cache"));
        assertEquals("hit", second.header("X-Spiky-Cache"));
        assertEquals(first.body(), second.body());
        // A newer run with the same PPMI settings keeps the dataset's PPMI set: the older run's
        // reports are what they were, and stay cached although it is no longer the latest.
        server.database().db().executeTransactionally("CALL spiky.pipeline('plain', {rank: 4, spkDims: [4]})");
        Http.Response record = Http.get(api + "/api/runs/" + id);
        assertFalse(record.json().get("latest").asBoolean());
        // The run record itself is read again only after a run or dataset changed.
        assertEquals("miss", record.header("X-Spiky-Cache"));
        assertEquals("hit", Http.get(api + "/api/runs/" + id).header("X-Spiky-Cache"));
        assertEquals("hit", Http.get(url).header("X-Spiky-Cache"));
        // Concurrent requests for a report nobody asked for yet compute it once.
        List<java.util.concurrent.CompletableFuture<String>> headers = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            headers.add(java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> Http.get(api + "/api/runs/" + id + "/truth?f=8").header("X-Spiky-Cache")));
        }
        List<String> seen = headers.stream().map(java.util.concurrent.CompletableFuture::join).toList();
        assertEquals(1, seen.stream().filter("miss"::equals).count(), seen.toString());
        assertTrue(seen.stream().allMatch(h -> List.of("miss", "joined", "hit").contains(h)), seen.toString());
        // Spikes written again change the run, so its reports are computed anew.
        server.database().db().executeTransactionally("CALL spiky.spikes.write($run, {spkDims: [4], cosTheta: 0.8})", Map.of("run", id));
        Http.Response third = Http.get(url);
        assertEquals("miss", third.header("X-Spiky-Cache"));
        assertNotEquals(first.body(), third.body());
    }

    @Test
    void everyRouteIsInTheOpenApiDescriptionAndNothingElse() {
        Http.Response r = Http.get(api + "/api/openapi.json");
        assertEquals(200, r.status(), r.body());
        JsonNode paths = r.json().get("paths");
        java.util.Set<String> documented = new java.util.TreeSet<>();
        paths.fieldNames().forEachRemaining(path -> paths.get(path).fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path)));
        java.util.Set<String> registered = new java.util.TreeSet<>();
        for (String route : server.apiRoutes()) {
            if (route.split(" ")[1].startsWith("/api/") || route.split(" ")[1].equals("/guide/")) {
                registered.add(route);
            }
        }
        assertTrue(registered.size() >= 13, registered.toString());
        java.util.Set<String> undocumented = new java.util.TreeSet<>(registered);
        undocumented.removeAll(documented);
        assertEquals(java.util.Set.of(), undocumented, "routes missing from openapi.json");
        java.util.Set<String> stale = new java.util.TreeSet<>(documented);
        stale.removeAll(registered);
        assertEquals(java.util.Set.of(), stale, "openapi.json describes routes that do not exist");
    }

    @Test
    void aPostedRunReportsItsProgressAsServerSentEventsAndFinishes() {
        server.database().db().executeTransactionally("CALL spiky.dcbm.generate('posted', {items: 1000, contexts: 3000, seed: 5})");
        Http.Response typo = Http.post(api + "/api/datasets/posted/runs", "{\"rnak\": 8}", bearer());
        assertEquals(400, typo.status(), typo.body());
        assertTrue(typo.json().get("detail").asText().contains("rank"), typo.body());
        assertEquals(404, Http.post(api + "/api/datasets/nothing/runs", "{}", bearer()).status());
        assertEquals(0, Http.get(api + "/api/datasets/posted/runs").json().get("runs").size(), "a refused request starts no run");

        Http.Response accepted = Http.post(api + "/api/datasets/posted/runs", "{\"rank\": 32, \"spkDims\": [8, 16, 32]}", bearer());
        assertEquals(202, accepted.status(), accepted.body());
        String id = accepted.json().get("run").asText();
        assertEquals("/api/runs/" + id, accepted.header("Location"));
        java.util.List<Http.Event> events = Http.events(api + "/api/runs/" + id + "/events", java.time.Duration.ofMinutes(3));
        assertTrue(events.size() >= 2, "progress before the end: " + events);
        Http.Event last = events.get(events.size() - 1);
        assertEquals("finished", last.name(), events.toString());
        assertTrue(last.data().contains("\"run\":\"" + id + "\""), last.data());
        assertTrue(events.stream().anyMatch(e -> e.name().equals("progress") && e.data().contains("stage")), events.toString());
        JsonNode run = Http.get(api + "/api/runs/" + id).json();
        assertEquals("finished", run.get("status").asText());
        assertEquals(3, run.get("spkTable").size());
        // Once ended, the stream gives the recorded outcome at once.
        java.util.List<Http.Event> again = Http.events(api + "/api/runs/" + id + "/events", java.time.Duration.ofSeconds(30));
        assertEquals(1, again.size(), again.toString());
        assertEquals("finished", again.get(0).name());
        Http.Response unknown = Http.get(api + "/api/runs/posted-99/events");
        assertEquals(404, unknown.status());
        assertEquals(404, unknown.json().get("status").asInt());

        // Deleting it: a write, so the token is needed; then the run and its reports are gone.
        assertEquals(200, Http.get(api + "/api/runs/" + id + "/communities?f=8").status());
        assertEquals(401, Http.delete(api + "/api/runs/" + id, null).status());
        Http.Response deleted = Http.delete(api + "/api/runs/" + id, bearer());
        assertEquals(200, deleted.status(), deleted.body());
        assertEquals(id, deleted.json().get("runId").asText());
        assertTrue(deleted.json().get("embeddings").asLong() > 0, deleted.body());
        assertTrue(deleted.json().get("ppmiRelationships").asLong() == 0, "the set stays: it is the dataset's current one");
        assertTrue(deleted.json().get("latestRun").isNull(), "its dataset has no finished run left: " + deleted.body());
        assertEquals(404, Http.get(api + "/api/runs/" + id).status());
        assertEquals(404, Http.get(api + "/api/runs/" + id + "/communities?f=8").status(), "no cached report outlives its run");
        assertEquals(0, Http.get(api + "/api/datasets/posted/runs").json().get("runs").size());
        assertEquals(404, Http.delete(api + "/api/runs/" + id, bearer()).status());
    }

    @Test
    void deletingARunThatIsStillRunningIsRefusedWith409AndLeavesItAsItWas() {
        org.neo4j.kernel.internal.GraphDatabaseAPI db = server.database().db();
        db.executeTransactionally("CALL spiky.dcbm.generate('deleting', {items: 100, contexts: 150, seed: 2})");
        // begin() records a 'running' run, as POST /runs does before its worker picks the run up.
        String id = spiky.proc.PipelineRunner.begin(db, "deleting", spiky.algo.pipeline.PipelineConfig.from(Map.of("rank", 8)));
        Http.Response refused = Http.delete(api + "/api/runs/" + id, bearer());
        assertEquals(409, refused.status(), refused.body());
        assertEquals(409, refused.json().get("status").asInt());
        assertEquals("Conflict", refused.json().get("title").asText());
        assertTrue(refused.json().get("detail").asText().contains("run '" + id + "' is still running"), refused.body());
        assertEquals("running", Http.get(api + "/api/runs/" + id).json().get("status").asText());

        new spiky.graph.RunStore(db, Progress.NONE).fail(id, "given up by the test");
        Http.Response deleted = Http.delete(api + "/api/runs/" + id, bearer());
        assertEquals(200, deleted.status(), deleted.body());
        Http.Response unknown = Http.delete(api + "/api/runs/" + id, bearer());
        assertEquals(404, unknown.status(), unknown.body());
        assertTrue(unknown.json().get("detail").asText().contains("no run '" + id + "'"), unknown.body());
    }

    @Test
    void stabilityOfSnapshotsComesByNormQuantile() {
        server.database().db().executeTransactionally("CALL spiky.dcbm.generate('timed', {items: 300, contexts: 400, seed: 4})");
        java.util.List<String> runs = server.database().db().executeTransactionally(
                "CALL spiky.snapshots('timed', {cuts: [1600000000 + 60 * 199, 1600000000 + 60 * 399], rank: 8, spkDims: [8]}) "
                        + "YIELD runId RETURN collect(runId) AS runs",
                Map.of(), result -> {
                    @SuppressWarnings("unchecked")
                    java.util.List<String> ids = (java.util.List<String>) result.next().get("runs");
                    return ids;
                });
        String ref = runs.get(1);
        Http.Response r = Http.get(api + "/api/runs/" + ref + "/stability?runs=" + String.join(",", runs) + "&partitions=3&sample=40&k=10&metric=dot");
        assertEquals(200, r.status(), r.body());
        JsonNode rows = r.json().get("rows");
        assertEquals(2 * 3, rows.size(), r.body());
        for (JsonNode row : rows) {
            assertEquals("dot", row.get("metric").asText());
            if (row.get("run").asText().equals(ref)) {
                assertEquals(1.0, row.get("meanJaccard").asDouble(), 1e-12, row.toString());
            } else {
                assertTrue(row.get("meanJaccard").asDouble() < 1.0, row.toString());
                assertTrue(row.get("until").asText().startsWith("2020-09-"), row.toString());
            }
        }
        assertEquals(400, Http.get(api + "/api/runs/" + ref + "/stability").status(), "runs is required");
        Http.Response unknown = Http.get(api + "/api/runs/" + ref + "/stability?runs=timed-77");
        assertEquals(400, unknown.status());
        assertTrue(unknown.json().get("detail").asText().contains("timed-77"), unknown.body());
        assertEquals(400, Http.get(api + "/api/runs/" + ref + "/stability?runs=" + ref + "&metric=l2").status());
        assertEquals(404, Http.get(api + "/api/runs/timed-99/stability?runs=" + ref).status());
    }

    @Test
    void runChangesMoveOnRunAndDatasetRecordsOnly() {
        var db = server.database().db();
        long g0 = server.database().runChanges().generation();
        db.executeTransactionally("CREATE (:Scratch {x: 1})");
        db.executeTransactionally("MATCH (s:Scratch) SET s.x = 2");
        assertEquals(g0, server.database().runChanges().generation(), "other nodes do not move it");
        db.executeTransactionally("MATCH (r:EmbeddingRun {dataset: 'dcbm'}) SET r.note = 'seen'");
        long g1 = server.database().runChanges().generation();
        assertEquals(g0 + 1, g1);
        db.executeTransactionally("MATCH (r:EmbeddingRun {dataset: 'dcbm'}) REMOVE r.note");
        db.executeTransactionally("MATCH (s:Scratch) DETACH DELETE s");
        assertEquals(g1 + 1, server.database().runChanges().generation());
    }

    @Test
    void errorsAreJson() {
        Http.Response missing = Http.get(api + "/api/datasets/nope");
        assertEquals(404, missing.status());
        assertEquals(404, missing.json().get("status").asInt());
        assertEquals("Not Found", missing.json().get("title").asText());
        assertTrue(missing.json().get("detail").asText().contains("nope"));

        Http.Response noRoute = Http.get(api + "/api/nothing-here");
        assertEquals(404, noRoute.status());
        assertEquals(404, noRoute.json().get("status").asInt());

        Http.Response badName = Http.get(api + "/api/datasets/bad%20name");
        assertEquals(400, badName.status());
        assertTrue(badName.json().get("detail").asText().contains("dataset"), badName.body());
    }

    @Test
    void aSecondProcessOnTheSameDataDirectoryIsToldWhoHoldsIt() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> SpikyDatabase.open(DatabaseOptions.local(dir.resolve("data"))));
        assertTrue(e.getMessage().contains("locked by pid " + ProcessHandle.current().pid()), e.getMessage());
    }
}
