package spiky.server.http;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.List;
import java.util.Map;
import spiky.graph.DatasetNames;

/** GET /api/datasets/{name}/runs and /api/runs/{id}: the embedding runs and what each recorded. */
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
}
