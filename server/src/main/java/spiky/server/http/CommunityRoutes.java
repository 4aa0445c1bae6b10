package spiky.server.http;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import spiky.InvalidInputException;

/**
 * GET /api/runs/{id}/communities?f=&page=&pageSize=: the per-spike table of a run at one f'
 * (cypher/communities.cypher), largest spikes first, a page at a time.
 */
final class CommunityRoutes {
    static final int MAX_PAGE_SIZE = 500;
    private static final int DEFAULT_PAGE_SIZE = 50;

    private final Queries queries;

    CommunityRoutes(Queries queries) {
        this.queries = queries;
    }

    @SuppressWarnings("unchecked")
    void list(Context ctx) {
        String id = ctx.pathParam("id");
        List<Map<String, Object>> runs = queries.rows("run.cypher", Map.of("id", id));
        if (runs.isEmpty()) {
            throw new NotFoundResponse("No run with id '" + id + "'");
        }
        Map<String, Object> run = (Map<String, Object>) runs.get(0).get("run");
        List<Map<String, Object>> table = (List<Map<String, Object>>) run.get("spkTable");
        if (table == null || table.isEmpty()) {
            throw InvalidInputException.parameter("id", "run '" + id + "' has no spikes yet (status " + run.get("status")
                    + "); spiky.spikes.write computes them");
        }
        List<Long> dims = table.stream().map(m -> ((Number) m.get("f")).longValue()).toList();
        long f = longParam(ctx, "f", dims.get(0), 1, Integer.MAX_VALUE);
        int level = dims.indexOf(f);
        if (level < 0) {
            throw InvalidInputException.parameter("f", f + " is not one of the run's f' " + dims);
        }
        long pageSize = longParam(ctx, "pageSize", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        long page = longParam(ctx, "page", 1, 1, Integer.MAX_VALUE);
        List<Object> rows = queries.rows("communities.cypher",
                Map.of("run", id, "f", f, "skip", (page - 1) * pageSize, "limit", pageSize)).stream().map(r -> (Object) r).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("run", id);
        body.put("f", f);
        body.put("page", page);
        body.put("pageSize", pageSize);
        body.put("total", table.get(level).get("peaks"));
        body.put("communities", rows);
        ctx.json(body);
    }

    /** A whole-number query parameter within [min, max], or the default when absent. */
    static long longParam(Context ctx, String name, long defaultValue, long min, long max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return defaultValue;
        }
        long v;
        try {
            v = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw InvalidInputException.parameter(name, "'" + raw + "' is not a whole number");
        }
        if (v < min || v > max) {
            throw InvalidInputException.parameter(name, v + " is not in the range [" + min + ", " + max + "]");
        }
        return v;
    }
}
