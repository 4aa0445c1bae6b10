package spiky.server.http;

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

    /** GET /api/datasets/{name}/runs: newest first, each as cypher/runs.cypher returns it. */
    record DatasetRuns(String dataset, List<Object> runs) {}

    void listOfDataset(Context ctx) {
        String name = DatasetNames.check(ctx.pathParam("name"));
        if (queries.rows("dataset.cypher", Map.of("name", name)).isEmpty()) {
            throw new NotFoundResponse("No dataset named '" + name + "'");
        }
        ctx.json(new DatasetRuns(name, queries.rows("runs.cypher", Map.of("dataset", name)).stream().map(r -> r.get("run")).toList()));
    }

    /**
     * DELETE /api/runs/{id}: what was deleted; spiky.run.delete's refusals become 404 for an
     * unknown run and 409 while it runs (ApiServer maps the exception's kind).
     */
    void delete(Context ctx) {
        ctx.json(queries.rows("run-delete.cypher", Map.of("id", ctx.pathParam("id"))).get(0));
    }
}
