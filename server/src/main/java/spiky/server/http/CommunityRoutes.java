package spiky.server.http;

import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The community reports of a run at one f': GET /api/runs/{id}/communities?f=&page=&pageSize=
 * (the per-spike table, cypher/communities.cypher, largest spikes first, a page at a time) and
 * GET /api/runs/{id}/truth?f= (agreement with planted communities, cypher/truth.cypher).
 */
final class CommunityRoutes {
    static final int MAX_PAGE_SIZE = 500;
    private static final int DEFAULT_PAGE_SIZE = 50;

    private final Queries queries;

    CommunityRoutes(Queries queries) {
        this.queries = queries;
    }

    void list(Context ctx) {
        QueryParams.Level level = QueryParams.level(ctx, queries);
        long pageSize = QueryParams.wholeNumber(ctx, "pageSize", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        long page = QueryParams.wholeNumber(ctx, "page", 1, 1, Integer.MAX_VALUE);
        List<Map<String, Object>> rows = queries.rows("communities.cypher",
                Map.of("run", level.run(), "f", level.f(), "skip", (page - 1) * pageSize, "limit", pageSize));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("run", level.run());
        body.put("f", level.f());
        body.put("page", page);
        body.put("pageSize", pageSize);
        body.put("total", level.spk().get("peaks"));
        body.put("communities", rows);
        ctx.json(body);
    }

    void truth(Context ctx) {
        QueryParams.Level level = QueryParams.level(ctx, queries);
        Map<String, Object> row = queries.rows("truth.cypher", Map.of("run", level.run(), "f", level.f())).get(0);
        if (((Number) row.get("items")).longValue() == 0) {
            throw new ConflictResponse("The items of run '" + level.run() + "' carry no planted community (trueCommunity): "
                    + "there is no truth to compare with. The fitted-DCBM comparison for such data is not available yet.");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("run", level.run());
        body.put("f", level.f());
        body.putAll(row);
        ctx.json(body);
    }
}
