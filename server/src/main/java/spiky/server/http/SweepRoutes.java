package spiky.server.http;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * GET /api/runs/{id}/sweep?step=&maxF=: Spk at every f' of a finished run and the recommended
 * truncation (cypher/sweep.cypher, which calls spiky.spikes.sweep).
 */
final class SweepRoutes {
    private final Queries queries;

    SweepRoutes(Queries queries) {
        this.queries = queries;
    }

    /** One f' of the sweep. @param gap sigma_f / sigma_(f+1), null at f = rank */
    record Level(long f, long peaks, double spk, long covered, Double gap) {}

    /** The answer: every f' measured and the recommendation (see spiky.spikes.sweep). */
    record Sweep(String run, Long items, long step, long maxF, List<Level> levels, Long recommendedF, String rule, Long gapF,
            Long noiseF) {}

    Sweep get(Context ctx, RunRecord run) {
        String id = run.id();
        run.requireFinished();
        long rank = run.rank();
        long maxF = QueryParams.wholeNumber(ctx, "maxF", rank, 1, rank);
        long step = QueryParams.wholeNumber(ctx, "step", 1, 1, rank);
        Map<String, Object> params = new HashMap<>();
        params.put("run", id);
        params.put("step", step);
        params.put("maxF", maxF);
        List<Map<String, Object>> rows = queries.rows("sweep.cypher", params);
        List<Level> levels = new ArrayList<>(rows.size());
        for (Map<String, Object> r : rows) {
            levels.add(new Level(whole(r.get("f")), whole(r.get("peaks")), ((Number) r.get("spk")).doubleValue(), whole(r.get("covered")),
                    r.get("gap") == null ? null : ((Number) r.get("gap")).doubleValue()));
        }
        // Every row repeats the recommendation.
        Map<String, Object> first = rows.get(0);
        return new Sweep(id, run.n(), step, maxF, levels, wholeOrNull(first.get("recommendedF")), (String) first.get("rule"),
                wholeOrNull(first.get("gapF")), wholeOrNull(first.get("noiseF")));
    }

    private static long whole(Object v) {
        return ((Number) v).longValue();
    }

    private static Long wholeOrNull(Object v) {
        return v == null ? null : whole(v);
    }
}
