package spiky.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import spiky.Progress;

/**
 * Malformed parameters and bodies for the import endpoint and the report endpoints, on a real
 * server: each is answered 400, 404 or 413 with the JSON error body {status, title, detail}
 * naming what was wrong, and none changes the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadHttpInputTest {
    @TempDir
    static Path dir;

    private SpikyServer server;
    private String api;
    private String run;
    private Footprint before;

    @BeforeAll
    void start() throws IOException {
        server = SpikyServer.start(TestServer.options(dir, "dcbm", false, FreePorts.next(), FreePorts.next(), null), Progress.NONE, (db, name) -> {
            db.executeTransactionally("CALL spiky.dcbm.generate($name, {items: 120, contexts: 200, seed: 3})", Map.of("name", name));
            db.executeTransactionally("CALL spiky.pipeline($name, {rank: 8, spkDims: [4, 8]})", Map.of("name", name));
        });
        api = "http://127.0.0.1:" + server.apiPort();
        run = Http.get(api + "/api/datasets/dcbm/runs").json().get("runs").get(0).get("id").asText();
        Files.writeString(dir.resolve("import/plays.csv"), "item,context\na,u1\nb,u1\n");
        Files.writeString(dir.resolve("import/broken.csv"), "item,context\na,u1\nb\n");
        Files.writeString(dir.resolve("import/train.txt"), "0 1 2 3 4\n1 1 1 1 1\n0 1 2 3 4 \n");
        Files.writeString(dir.resolve("secret.csv"), "item,context\na,u1\n");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void count() {
        before = Footprint.of(server.database().db());
    }

    @AfterEach
    void unchanged() {
        assertEquals(before, Footprint.of(server.database().db()), "a refused request must leave the database as it was");
    }

    private static final String LONG = "x".repeat(10_000);

    /** name, body → status and a phrase the detail must hold (the parameter's name, at least). */
    static Stream<Arguments> importBodies() {
        return Stream.of(
                Arguments.of("not JSON", "format=csv&path=plays.csv", 400, "`body`: not valid JSON"),
                Arguments.of("truncated JSON", "{\"format\": \"csv\", \"path\": ", 400, "`body`: not valid JSON"),
                Arguments.of("a JSON array", "[{\"format\": \"csv\", \"path\": \"plays.csv\"}]", 400, "`body`: expected a JSON object"),
                Arguments.of("a JSON string", "\"csv\"", 400, "`body`: expected a JSON object"),
                Arguments.of("JSON null", "null", 400, "`body`: expected a JSON object"),
                Arguments.of("no body", "", 400, "`format`: required"),
                Arguments.of("unknown key", "{\"format\": \"csv\", \"pth\": \"plays.csv\"}", 400, "pth (Did you mean [path]?)"),
                Arguments.of("format of the wrong type", "{\"format\": 1, \"path\": \"plays.csv\"}", 400, "`format`: expected a string, got 1"),
                Arguments.of("format as a nested map", "{\"format\": {\"name\": \"csv\"}, \"path\": \"plays.csv\"}", 400, "`format`: expected a string"),
                Arguments.of("unknown format", "{\"format\": \"tsv\", \"path\": \"plays.csv\"}", 400, "`format`: 'tsv' is not one of"),
                Arguments.of("replace not a boolean", "{\"format\": \"csv\", \"path\": \"plays.csv\", \"replace\": \"yes\"}", 400, "`replace`: expected true or false"),
                Arguments.of("no path", "{\"format\": \"csv\"}", 400, "`path`: a file name inside the import directory is required"),
                Arguments.of("path outside", "{\"format\": \"csv\", \"path\": \"../secret.csv\"}", 400, "`path`: '../secret.csv' is outside the import directory"),
                Arguments.of("absolute path", "{\"format\": \"csv\", \"path\": \"" + dir.resolve("secret.csv") + "\"}", 400, "is outside the import directory"),
                Arguments.of("path with a NUL", "{\"format\": \"csv\", \"path\": \"plays.csv\\u0000.txt\"}", 400, "`path`:"),
                Arguments.of("10 kB path", "{\"format\": \"csv\", \"path\": \"" + LONG + "\"}", 400, "`path`: no file"),
                Arguments.of("items outside", "{\"format\": \"csv\", \"path\": \"plays.csv\", \"items\": \"../../secret.csv\"}", 400, "`items`:"),
                Arguments.of("a broken file", "{\"format\": \"csv\", \"path\": \"broken.csv\"}", 400, "broken.csv:3: expected 2 comma-separated fields, found 1"),
                Arguments.of("reader options for csv", "{\"format\": \"csv\", \"path\": \"plays.csv\", \"options\": {\"minSongs\": 4}}", 400,
                        "Unexpected reader option minSongs for the csv format"),
                Arguments.of("options not an object", "{\"format\": \"cornell\", \"path\": \"train.txt\", \"options\": \"minSongs=4\"}", 400,
                        "`options`: expected a JSON object"),
                Arguments.of("unknown cornell option", "{\"format\": \"cornell\", \"path\": \"train.txt\", \"options\": {\"countby\": \"split\"}}", 400,
                        "countby (Did you mean [countBy]?)"),
                Arguments.of("bad minSongs", "{\"format\": \"cornell\", \"path\": \"train.txt\", \"options\": {\"minSongs\": 0}}", 400,
                        "`minSongs`: 0 is not in the range"),
                Arguments.of("bad countBy", "{\"format\": \"cornell\", \"path\": \"train.txt\", \"options\": {\"countBy\": \"all\"}}", 400,
                        "`countBy`: 'all' is not one of [distinct, split]"),
                Arguments.of("dataset named in the body", "{\"format\": \"csv\", \"path\": \"plays.csv\", \"dataset\": \"dcbm\"}", 400, "Unexpected configuration key: dataset"),
                Arguments.of("huge body", "{\"format\": \"csv\", \"path\": \"plays.csv\", \"x\": \"" + "y".repeat(2 << 20) + "\"}", 413, ""));
    }

    private String bearer() {
        return "Bearer " + server.apiToken();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("importBodies")
    void importBodyIsRefused(String name, String body, int status, String detail) {
        assertError(Http.post(api + "/api/datasets/fresh/import", body, bearer()), status, detail);
        assertEquals(404, Http.get(api + "/api/datasets/fresh").status());
    }

    /** path (after /api), status, phrase of the detail. */
    static Stream<Arguments> badUrls() {
        return Stream.of(
                Arguments.of("/datasets/..%2F..%2Fetc", 400, "`dataset`: '../../etc' is not a valid dataset name"),
                Arguments.of("/datasets/" + "d".repeat(3_000), 400, "`dataset`: 'ddd"),
                Arguments.of("/datasets/.hidden", 400, "`dataset`: '.hidden' is not a valid dataset name"),
                Arguments.of("/datasets/no-such-dataset/runs", 404, "no-such-dataset"),
                Arguments.of("/runs/..%2F..%2Fetc%2Fpasswd", 404, "No run with id '../../etc/passwd'"),
                Arguments.of("/runs/" + "r".repeat(3_000), 400, "`id`: a run id is 1 to 128 characters"),
                Arguments.of("/runs/{run}/communities?page=-1", 400, "`page`: -1 is not in the range [1, 2147483647]"),
                Arguments.of("/runs/{run}/communities?page=0", 400, "`page`:"),
                Arguments.of("/runs/{run}/communities?pageSize=1000000000000", 400, "`pageSize`: 1000000000000 is not in the range"),
                Arguments.of("/runs/{run}/communities?pageSize=99999999999999999999", 400, "`pageSize`: '99999999999999999999' is not a whole number"),
                Arguments.of("/runs/{run}/communities?f=abc", 400, "`f`: 'abc' is not a whole number"),
                Arguments.of("/runs/{run}/communities?f=1.5", 400, "`f`: '1.5' is not a whole number"),
                Arguments.of("/runs/{run}/communities?f=%00", 400, "`f`:"),
                Arguments.of("/runs/{run}/communities?sort=" + LONG.substring(0, 3_000), 400, "`sort`:"),
                Arguments.of("/runs/{run}/communities?order=sideways", 400, "`order`: 'sideways' is not one of [desc, asc]"),
                Arguments.of("/runs/{run}/communities/abc", 404, "Item 'abc' is not the peak of a spike"),
                Arguments.of("/runs/{run}/degrees?page=-1", 400, "`page`:"),
                Arguments.of("/runs/{run}/degrees?pageSize=1000000000000", 400, "`pageSize`:"),
                Arguments.of("/runs/{run}/truth?blocks=-3", 400, "`blocks`:"),
                Arguments.of("/runs/{run}/truth?weight=..%2F", 400, "`weight`:"),
                Arguments.of("/runs/{run}/stability", 400, "`runs`: required"),
                Arguments.of("/runs/{run}/stability?runs=..%2F..%2F", 400, "`runs`: no run with id '../../'"),
                Arguments.of("/runs/{run}/stability?runs={run}&k=abc", 400, "`k`: 'abc' is not a whole number"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badUrls")
    void reportParameterIsRefused(String path, int status, String detail) {
        assertError(Http.get(api + "/api" + path.replace("{run}", run)), status, detail);
    }

    /** Names the import endpoint refuses before it reads the body. */
    static Stream<Arguments> badNames() {
        return Stream.of(
                Arguments.of("..%2F..%2Fetc", "'../../etc' is not a valid dataset name"),
                Arguments.of(".hidden", "'.hidden' is not a valid dataset name"),
                Arguments.of("a%20b", "'a b' is not a valid dataset name"),
                Arguments.of("n".repeat(3_000), "'nnn"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badNames")
    void importNameIsRefused(String name, String detail) {
        assertError(Http.post(api + "/api/datasets/" + name + "/import", "{\"format\": \"csv\", \"path\": \"plays.csv\"}", bearer()),
                400, "`dataset`: " + detail);
    }

    /**
     * A NUL byte in a path segment never reaches a route: Jetty refuses the URI itself, and its
     * error handler answers in the API's JSON error shape like every other refusal.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("nulPaths")
    void nulInAPathSegmentIsRefusedWithTheApisJsonError(String path) {
        assertError(Http.get(api + "/api" + path.replace("{run}", run)), 400, "");
    }

    static Stream<String> nulPaths() {
        return Stream.of("/datasets/a%00b", "/runs/a%00b", "/runs/{run}/communities/a%00b");
    }

    /** Launching a run: the same body rules as the import. */
    static Stream<Arguments> runBodies() {
        return Stream.of(
                Arguments.of("not JSON", "rank=8", 400, "`body`: not valid JSON"),
                Arguments.of("a JSON array", "[8]", 400, "`body`: expected a JSON object"),
                Arguments.of("unknown key", "{\"rnak\": 8}", 400, "rnak (Did you mean [rank]?)"),
                Arguments.of("rank of the wrong type", "{\"rank\": \"eight\"}", 400, "`rank`"),
                Arguments.of("rank out of range", "{\"rank\": -1}", 400, "`rank`"),
                Arguments.of("huge body", "{\"rank\": 8, \"x\": \"" + "y".repeat(2 << 20) + "\"}", 413, ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runBodies")
    void runBodyIsRefused(String name, String body, int status, String detail) {
        assertError(Http.post(api + "/api/datasets/dcbm/runs", body, bearer()), status, detail);
    }

    private static void assertError(Http.Response r, int status, String detail) {
        String shown = BadImportIntoDatabaseTest.abbreviated(r.body());
        assertEquals(status, r.status(), shown);
        assertTrue(r.contentType().startsWith("application/json"), r.contentType() + ": " + shown);
        JsonNode body = r.json();
        assertEquals(List.of("status", "title", "detail"), List.copyOf(iterable(body.fieldNames())), shown);
        assertEquals(status, body.get("status").asInt(), shown);
        assertTrue(body.get("detail").asText().contains(detail), "detail should contain " + detail + ": " + shown);
        assertTrue(body.get("detail").asText().length() < 2_000, "a detail must not echo a huge input: " + shown);
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
