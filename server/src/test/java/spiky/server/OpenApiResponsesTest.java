package spiky.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * /api/openapi.json against real answers: every documented route is called on a server holding
 * a timed DCBM (four snapshot runs with a forecast, then a pipeline run with its PPMI set), and
 * each answer must carry the fields its success response's schema lists, with their types (a
 * field the schema marks required is present; one it lists is of a listed type; arrays' items and
 * nested objects alike). A route without a call here, or a documented field missing from a real
 * answer, fails the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiResponsesTest {
    private static final long T0 = 1_600_000_000L;

    @TempDir
    static Path dir;

    private SpikyServer server;
    private String api;
    private JsonNode openApi;
    private List<String> snapshots;
    private String run;

    @BeforeAll
    void start() throws IOException {
        Files.createDirectories(dir.resolve("import"));
        Files.writeString(dir.resolve("import/plays.csv"), "item,context,timestamp\na,u1,10\nb,u1,11\na,u2,12\nb,u2,5\n");
        server = TestServer.start(dir, "timed", (db, name) -> {
            db.executeTransactionally("CALL spiky.dcbm.generate($name, {communities: 4, items: 300, contexts: 800, seed: 5})", Map.of("name", name));
            db.executeTransactionally("CALL spiky.snapshots($name, {cuts: [$a, $b, $c, $d], rank: 8, spkDims: [8]})", Map.of("name", name,
                    "a", T0 + 60 * 349, "b", T0 + 60 * 499, "c", T0 + 60 * 649, "d", T0 + 60 * 799));
            db.executeTransactionally("CALL spiky.stability.forecast($name, {k: 10})", Map.of("name", name));
            db.executeTransactionally("CALL spiky.pipeline($name, {rank: 8, spkDims: [4, 8]})", Map.of("name", name));
        });
        api = "http://127.0.0.1:" + server.apiPort();
        openApi = Http.get(api + "/api/openapi.json").json();
        snapshots = new ArrayList<>();
        String latest = null;
        for (JsonNode r : Http.get(api + "/api/datasets/timed/runs").json().get("runs")) {
            if (r.hasNonNull("until")) {
                snapshots.add(0, r.get("id").asText());
            } else {
                latest = r.get("id").asText();
            }
        }
        assertEquals(4, snapshots.size(), snapshots.toString());
        run = latest;
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private String bearer() {
        return "Bearer " + server.apiToken();
    }

    /** The calls, by documented route: one real request each (several where the answer's shape differs). */
    private Map<String, List<Http.Response>> calls() {
        String snapshot = snapshots.get(3);
        String item = Http.get(api + "/api/runs/" + run + "/points?f=8&limit=1").json().get("points").get(0).get("item").asText();
        String spike = Http.get(api + "/api/runs/" + run + "/coverage?f=8").json().get("peaks").get(0).get("peak").asText();
        Map<String, List<Http.Response>> calls = new LinkedHashMap<>();
        calls.put("GET /api/health", List.of(Http.get(api + "/api/health")));
        calls.put("GET /api/openapi.json", List.of(Http.get(api + "/api/openapi.json")));
        calls.put("GET /api/datasets", List.of(Http.get(api + "/api/datasets")));
        calls.put("GET /api/datasets/{name}", List.of(Http.get(api + "/api/datasets/timed")));
        calls.put("GET /api/datasets/{name}/runs", List.of(Http.get(api + "/api/datasets/timed/runs")));
        calls.put("GET /api/runs/{id}", List.of(Http.get(api + "/api/runs/" + run), Http.get(api + "/api/runs/" + snapshot),
                Http.get(api + "/api/runs/" + snapshots.get(0))));
        calls.put("GET /api/runs/{id}/communities", List.of(Http.get(api + "/api/runs/" + run + "/communities?f=8")));
        calls.put("GET /api/runs/{id}/communities/{spike}", List.of(Http.get(api + "/api/runs/" + run + "/communities/" + spike + "?f=8")));
        calls.put("GET /api/runs/{id}/truth", List.of(Http.get(api + "/api/runs/" + run + "/truth?f=8")));
        calls.put("GET /api/runs/{id}/degrees", List.of(Http.get(api + "/api/runs/" + run + "/degrees?f=8")));
        calls.put("GET /api/runs/{id}/stability", List.of(Http.get(api + "/api/runs/" + snapshot + "/stability?runs="
                + String.join(",", snapshots.subList(0, 3)) + "&partitions=2&sample=50&k=5")));
        calls.put("GET /api/runs/{id}/forecast", List.of(Http.get(api + "/api/runs/" + snapshot + "/forecast")));
        calls.put("GET /api/runs/{id}/items/{item}", List.of(Http.get(api + "/api/runs/" + snapshot + "/items/" + item),
                Http.get(api + "/api/runs/" + run + "/items/" + item)));
        calls.put("GET /api/runs/{id}/baselines", List.of(Http.get(api + "/api/runs/" + run + "/baselines?f=8")));
        calls.put("GET /api/runs/{id}/points", List.of(Http.get(api + "/api/runs/" + run + "/points?f=8")));
        calls.put("GET /api/runs/{id}/coverage", List.of(Http.get(api + "/api/runs/" + run + "/coverage?f=8")));
        calls.put("GET /api/runs/{id}/sweep", List.of(Http.get(api + "/api/runs/" + run + "/sweep")));
        calls.put("GET /api/runs/{id}/items/{item}/similar", List.of(Http.get(api + "/api/runs/" + run + "/items/" + item + "/similar?k=5")));
        calls.put("GET /api/runs/{id}/similar-discovery", List.of(Http.get(api + "/api/runs/" + run + "/similar-discovery?sample=50&k=5")));
        calls.put("POST /api/datasets/{name}/import",
                List.of(Http.post(api + "/api/datasets/plays/import", "{\"format\":\"csv\",\"path\":\"plays.csv\"}", bearer())));
        Http.Response posted = Http.post(api + "/api/datasets/timed/runs", "{\"rank\": 8, \"spkDims\": [8]}", bearer());
        calls.put("POST /api/datasets/{name}/runs", List.of(posted));
        String postedRun = posted.json().get("run").asText();
        Http.Response events = Http.get(api + "/api/runs/" + postedRun + "/events", "text/event-stream");
        calls.put("GET /api/runs/{id}/events", List.of(events));
        calls.put("DELETE /api/runs/{id}", List.of(Http.delete(api + "/api/runs/" + postedRun, bearer())));
        calls.put("GET /guide/", List.of(Http.get(api + "/guide/", "text/html")));
        return calls;
    }

    @Test
    void everyRoutesAnswerHasTheDocumentedFieldsWithTheDocumentedTypes() {
        Map<String, List<Http.Response>> calls = calls();
        Set<String> documented = new TreeSet<>();
        JsonNode paths = openApi.get("paths");
        paths.fieldNames().forEachRemaining(p -> paths.get(p).fieldNames()
                .forEachRemaining(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + p)));
        assertEquals(documented, new TreeSet<>(calls.keySet()), "a route of openapi.json without a call here, or the reverse");

        List<String> problems = new ArrayList<>();
        int checkedFields = 0;
        for (Map.Entry<String, List<Http.Response>> call : calls.entrySet()) {
            String[] route = call.getKey().split(" ", 2);
            JsonNode responses = paths.get(route[1]).get(route[0].toLowerCase(Locale.ROOT)).get("responses");
            for (Http.Response r : call.getValue()) {
                String code = String.valueOf(r.status());
                JsonNode documentedResponse = responses.get(code);
                if (r.status() >= 300 || documentedResponse == null) {
                    problems.add(call.getKey() + ": status " + r.status() + " (documented: " + responses.fieldNames().next() + "…): " + r.body());
                    continue;
                }
                JsonNode content = documentedResponse.get("content");
                if (r.contentType() != null && r.contentType().startsWith("text/event-stream")) {
                    if (content == null || !content.has("text/event-stream")) {
                        problems.add(call.getKey() + ": answers text/event-stream, which its " + code + " response does not list");
                    }
                    continue;
                }
                if (r.contentType() != null && r.contentType().startsWith("text/html")) {
                    if (content == null || !content.has("text/html") || !r.body().contains("<article")) {
                        problems.add(call.getKey() + ": answers text/html, which its " + code + " response does not list, or no guide article");
                    }
                    continue;
                }
                JsonNode schema = content == null ? null : content.path("application/json").get("schema");
                if (schema == null) {
                    problems.add(call.getKey() + ": its " + code + " response documents no JSON schema");
                    continue;
                }
                checkedFields += check(schema, r.json(), call.getKey() + " $", problems);
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(checkedFields > 200, "the schemas describe the answers' fields, not just 'an object': " + checkedFields);
    }

    /** The problems of {@code value} against {@code schema} (the subset of JSON Schema openapi.json uses); returns the fields checked. */
    private int check(JsonNode schema, JsonNode value, String where, List<String> problems) {
        if (schema.has("$ref")) {
            String[] ref = schema.get("$ref").asText().substring(2).split("/");
            JsonNode target = openApi;
            for (String part : ref) {
                target = target.get(part);
            }
            return check(target, value, where, problems);
        }
        int checked = 0;
        List<String> types = new ArrayList<>();
        JsonNode type = schema.get("type");
        if (type != null && type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        } else if (type != null) {
            types.add(type.asText());
        }
        String actual = typeOf(value);
        boolean typeOk = types.isEmpty() || types.contains(actual) || (actual.equals("integer") && types.contains("number"));
        if (!typeOk) {
            problems.add(where + ": " + actual + " " + abbreviate(value) + ", documented " + types);
            return 1;
        }
        if (value.isObject()) {
            JsonNode required = schema.get("required");
            if (required != null) {
                for (JsonNode name : required) {
                    if (!value.has(name.asText())) {
                        problems.add(where + "." + name.asText() + ": missing (required)");
                    }
                }
            }
            JsonNode properties = schema.get("properties");
            JsonNode additional = schema.get("additionalProperties");
            for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> field = it.next();
                JsonNode fieldSchema = properties == null ? null : properties.get(field.getKey());
                if (fieldSchema == null && additional != null && additional.isObject()) {
                    fieldSchema = additional;
                }
                if (fieldSchema != null) {
                    checked += 1 + check(fieldSchema, field.getValue(), where + "." + field.getKey(), problems);
                } else if (properties != null && additional != null && additional.isBoolean() && !additional.asBoolean()) {
                    problems.add(where + "." + field.getKey() + ": not documented");
                }
            }
        } else if (value.isArray() && schema.has("items")) {
            int i = 0;
            for (JsonNode element : value) {
                checked += check(schema.get("items"), element, where + "[" + i++ + "]", problems);
            }
        }
        return checked;
    }

    private static String typeOf(JsonNode v) {
        if (v.isNull()) {
            return "null";
        }
        if (v.isBoolean()) {
            return "boolean";
        }
        if (v.isIntegralNumber()) {
            return "integer";
        }
        if (v.isNumber()) {
            return "number";
        }
        if (v.isTextual()) {
            return "string";
        }
        return v.isArray() ? "array" : "object";
    }

    private static String abbreviate(JsonNode v) {
        String s = v.toString();
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }
}
