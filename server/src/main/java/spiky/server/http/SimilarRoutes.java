package spiky.server.http;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import spiky.InvalidInputException;
import spiky.algo.similar.Metric;

/**
 * GET /api/runs/{id}/items/{item}/similar?metric=&k=&f=: an item's most similar items in a run
 * (cypher/similar.cypher, which calls spiky.similar). The item is looked up first
 * (cypher/similar-item.cypher) so that an unknown or unembedded item is a 404, not a failed query.
 */
final class SimilarRoutes {
    static final int MAX_K = 1_000;

    private final Queries queries;

    SimilarRoutes(Queries queries) {
        this.queries = queries;
    }

    Object similar(Context ctx, RunRecord run) {
        String id = run.id();
        run.requireFinished();
        long rank = run.rank();
        String metric = QueryParams.choice(ctx, "metric", Metric.COSINE.label, Metric.NAMES);
        long k = QueryParams.wholeNumber(ctx, "k", 10, 1, MAX_K);
        long f = QueryParams.wholeNumber(ctx, "f", rank, 1, rank);
        String item = ctx.pathParam("item");
        List<Map<String, Object>> found = queries.rows("similar-item.cypher", Map.of("run", id, "item", item));
        if (found.isEmpty()) {
            throw new NotFoundResponse("No item '" + item + "' in dataset '" + run.dataset() + "'");
        }
        if (!Boolean.TRUE.equals(found.get(0).get("embedded"))) {
            throw new NotFoundResponse("Item '" + item + "' is not embedded in run '" + id + "' (it keeps no PPMI pair)");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("run", id);
        body.put("item", found.get(0).get("item"));
        body.put("metric", metric);
        body.put("k", k);
        body.put("f", f);
        body.put("similar", queries.rows("similar.cypher", Map.of("run", id, "item", item, "k", k, "metric", metric, "f", f)));
        return body;
    }

    /** GET /api/runs/{id}/similar-discovery?sample=&k=: cosine against dot lists by norm quintile (cypher/similar-discovery.cypher). */
    Object discovery(Context ctx, RunRecord run) {
        String id = run.id();
        run.requireFinished();
        long sample = QueryParams.wholeNumber(ctx, "sample", 200, 5, 5_000);
        long k = QueryParams.wholeNumber(ctx, "k", 10, 1, MAX_K);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("run", id);
        body.put("sample", sample);
        body.put("k", k);
        body.put("quintiles", queries.rows("similar-discovery.cypher", Map.of("run", id, "sample", sample, "k", k)));
        return body;
    }
}
