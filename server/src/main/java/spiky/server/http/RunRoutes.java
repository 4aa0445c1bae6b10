package spiky.server.http;

import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.List;
import java.util.Map;
import spiky.graph.DatasetNames;

/** GET /api/datasets/{name}/runs and DELETE /api/runs/{id}: the embedding runs of a dataset; removing one. */
final class RunRoutes {
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

    /** DELETE /api/runs/{id}: 404 for an unknown run, 409 while it runs, else what was deleted. */
    void delete(Context ctx) {
        String id = ctx.pathParam("id");
        List<Map<String, Object>> run = queries.rows("run.cypher", Map.of("id", id));
        if (run.isEmpty()) {
            throw new NotFoundResponse("No run '" + id + "'");
        }
        @SuppressWarnings("unchecked")
        Object status = ((Map<String, Object>) run.get(0).get("run")).get("status");
        if ("running".equals(status)) {
            throw new ConflictResponse("Run '" + id + "' is still running: delete it once it has finished");
        }
        ctx.json(queries.rows("run-delete.cypher", Map.of("id", id)).get(0));
    }
}
