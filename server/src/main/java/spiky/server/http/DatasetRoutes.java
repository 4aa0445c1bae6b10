package spiky.server.http;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.List;
import java.util.Map;
import spiky.graph.DatasetNames;

/** GET /api/datasets and /api/datasets/{name}: what is in the database. */
final class DatasetRoutes {
    private final Queries queries;

    DatasetRoutes(Queries queries) {
        this.queries = queries;
    }

    void list(Context ctx) {
        List<Object> datasets = queries.rows("datasets.cypher", Map.of()).stream().map(r -> r.get("dataset")).toList();
        ctx.json(Map.of("datasets", datasets));
    }

    void get(Context ctx) {
        String name = DatasetNames.check(ctx.pathParam("name"));
        List<Map<String, Object>> rows = queries.rows("dataset.cypher", Map.of("name", name));
        if (rows.isEmpty()) {
            throw new NotFoundResponse("No dataset named '" + name + "'");
        }
        ctx.json(rows.get(0).get("dataset"));
    }
}
