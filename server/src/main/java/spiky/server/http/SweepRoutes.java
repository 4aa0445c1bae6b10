package spiky.server.http;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import spiky.InvalidInputException;

/**
 * GET /api/runs/{id}/sweep?step=&maxF=: Spk at every f' of a finished run and the recommended
 * truncation (cypher/sweep.cypher, which calls spiky.spikes.sweep).
 */
final class SweepRoutes {
    private final Queries queries;

    SweepRoutes(Queries queries) {
        this.queries = queries;
    }

    /** {run, levels: [{f, peaks, spk, covered, gap}], recommendedF, rule, gapF, noiseF}. */
    Object get(Context ctx, RunRecord run) {
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
        List<Map<String, Object>> levels = new ArrayList<>(rows.size());
        for (Map<String, Object> r : rows) {
            Map<String, Object> level = new LinkedHashMap<>();
            level.put("f", r.get("f"));
            level.put("peaks", r.get("peaks"));
            level.put("spk", r.get("spk"));
            level.put("covered", r.get("covered"));
            level.put("gap", r.get("gap"));
            levels.add(level);
        }
        Map<String, Object> first = rows.get(0);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("run", id);
        body.put("items", run.n());
        body.put("step", step);
        body.put("maxF", maxF);
        body.put("levels", levels);
        body.put("recommendedF", first.get("recommendedF"));
        body.put("rule", first.get("rule"));
        body.put("gapF", first.get("gapF"));
        body.put("noiseF", first.get("noiseF"));
        return body;
    }
}
