package spiky.server.http;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
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

    /** An item's k most similar items, each a row of cypher/similar.cypher, best first. */
    record Similar(String run, Object item, String metric, long k, long f, List<Map<String, Object>> similar) {}

    /** Cosine against dot-product lists by norm quintile, each a row of cypher/similar-discovery.cypher. */
    record Discovery(String run, long sample, long k, List<Map<String, Object>> quintiles) {}

    Similar similar(Context ctx, RunRecord run) {
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
        return new Similar(id, found.get(0).get("item"), metric, k, f,
                queries.rows("similar.cypher", Map.of("run", id, "item", item, "k", k, "metric", metric, "f", f)));
    }

    /** GET /api/runs/{id}/similar-discovery?sample=&k=: cosine against dot lists by norm quintile (cypher/similar-discovery.cypher). */
    Discovery discovery(Context ctx, RunRecord run) {
        String id = run.id();
        run.requireFinished();
        long sample = QueryParams.wholeNumber(ctx, "sample", 200, 5, 5_000);
        long k = QueryParams.wholeNumber(ctx, "k", 10, 1, MAX_K);
        return new Discovery(id, sample, k, queries.rows("similar-discovery.cypher", Map.of("run", id, "sample", sample, "k", k)));
    }
}
