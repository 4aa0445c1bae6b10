package spiky.server.http;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Data for the report page's pictures of a run at one f':
 * GET /api/runs/{id}/points (the embedding scatter on two dimensions, cypher/embedding-points.cypher)
 * and GET /api/runs/{id}/coverage (the Spk coverage curve, cypher/coverage.cypher).
 */
final class PlotRoutes {
    static final int MAX_POINTS = 20_000;
    private static final int DEFAULT_POINTS = 5_000;

    private final Queries queries;

    PlotRoutes(Queries queries) {
        this.queries = queries;
    }

    /** {run, f, x, y, items, points: [{item, name, spike, norm, x, y}]}, highest norms first. */
    /** The highest-norm items on dimensions x and y, each a row of cypher/embedding-points.cypher; items: the run's n. */
    record Points(String run, long f, long x, long y, Long items, List<Map<String, Object>> points) {}

    Points points(Context ctx, RunRecord run) {
        QueryParams.Level level = QueryParams.level(ctx, run);
        long rank = run.rank();
        long x = QueryParams.wholeNumber(ctx, "x", 0, 0, rank - 1);
        long y = QueryParams.wholeNumber(ctx, "y", Math.min(1, rank - 1), 0, rank - 1);
        long limit = QueryParams.wholeNumber(ctx, "limit", DEFAULT_POINTS, 1, MAX_POINTS);
        return new Points(level.run(), level.f(), x, y, run.n(), queries.rows("embedding-points.cypher",
                Map.of("run", level.run(), "f", level.f(), "x", x, "y", y, "limit", limit)));
    }

    /** A spike in the cover's visiting order; covered and share are running totals. */
    record Peak(Object peak, Object name, double norm, long size, long covered, double share) {}

    /** The answer of /coverage: the last share is the run's covered share. */
    record Coverage(String run, long f, long items, List<Peak> peaks) {}

    /** The spikes in the cover's visiting order (descending peak norm), with the covered count and share so far. */
    @SuppressWarnings("unchecked")
    Coverage coverage(Context ctx, RunRecord run) {
        QueryParams.Level level = QueryParams.level(ctx, run);
        Map<String, Object> row = queries.rows("coverage.cypher", Map.of("run", level.run(), "f", level.f())).get(0);
        long items = ((Number) row.get("items")).longValue();
        List<Peak> peaks = new ArrayList<>();
        long covered = 0;
        for (Map<String, Object> spike : (List<Map<String, Object>>) row.get("spikes")) {
            long size = ((Number) spike.get("size")).longValue();
            covered += size;
            peaks.add(new Peak(spike.get("peak"), spike.get("name"), ((Number) spike.get("norm")).doubleValue(), size, covered,
                    items == 0 ? 0.0 : (double) covered / items));
        }
        return new Coverage(level.run(), level.f(), items, peaks);
    }
}
