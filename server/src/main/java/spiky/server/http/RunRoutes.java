package spiky.server.http;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.List;
import java.util.Map;
import spiky.InvalidInputException;
import spiky.graph.DatasetNames;

/** GET /api/datasets/{name}/runs and /api/runs/{id}: the embedding runs and what each recorded. */
final class RunRoutes {
    /** Run ids are a dataset name (at most 100 characters), '-' and a counter: longer ones cannot exist. */
    private static final int MAX_ID_LENGTH = 128;

    private final Queries queries;

    RunRoutes(Queries queries) {
        this.queries = queries;
    }

    void listOfDataset(Context ctx) {
        String name = DatasetNames.check(ctx.pathParam("name"));
        if (queries.rows("dataset.cypher", Map.of("name", name)).isEmpty()) {
            throw new NotFoundResponse("No dataset named '" + name + "'");
        }
        List<Object> runs = queries.rows("runs.cypher", Map.of("dataset", name)).stream().map(r -> r.get("run")).toList();
        ctx.json(Map.of("dataset", name, "runs", runs));
    }

    void get(Context ctx) {
        String id = ctx.pathParam("id");
        if (id.isBlank() || id.length() > MAX_ID_LENGTH) {
            throw InvalidInputException.parameter("id", "a run id is 1 to " + MAX_ID_LENGTH + " characters, e.g. 'ml-100k-1'");
        }
        List<Map<String, Object>> rows = queries.rows("run.cypher", Map.of("id", id));
        if (rows.isEmpty()) {
            throw new NotFoundResponse("No run with id '" + id + "'");
        }
        ctx.json(rows.get(0).get("run"));
    }
}
