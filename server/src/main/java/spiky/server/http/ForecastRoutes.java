package spiky.server.http;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GET /api/runs/{id}/items/{item}: one item of a run with its norm, norm quantile, spikes and
 * stability forecast (cypher/item.cypher); GET /api/runs/{id}/forecast?bins=: the run's stability
 * forecast, its backtest and the forecast by norm bin (cypher/forecast.cypher). Both cached.
 */
final class ForecastRoutes {
    private final Queries queries;

    ForecastRoutes(Queries queries) {
        this.queries = queries;
    }

    Object item(Context ctx, RunRecord run) {
        String id = run.id();
        String item = ctx.pathParam("item");
        List<Map<String, Object>> rows = queries.rows("item.cypher", Map.of("run", id, "item", item));
        if (rows.isEmpty()) {
            throw new NotFoundResponse("No item '" + item + "' in dataset '" + run.dataset() + "'");
        }
        Map<String, Object> row = rows.get(0);
        if (!Boolean.TRUE.equals(row.get("embedded"))) {
            throw new NotFoundResponse("Item '" + item + "' is not embedded in run '" + id + "' (it keeps no PPMI pair)");
        }
        return row;
    }

    Object forecast(Context ctx, RunRecord run) {
        String id = run.id();
        long bins = QueryParams.wholeNumber(ctx, "bins", 10, 1, 100);
        List<Map<String, Object>> rows = queries.rows("forecast.cypher", Map.of("run", id, "bins", bins));
        if (rows.isEmpty()) {
            throw new NotFoundResponse("Run '" + id + "' has no stability forecast: CALL spiky.stability.forecast('" + run.dataset()
                    + "', {}) writes one on the dataset's latest snapshot run");
        }
        Map<String, Object> body = new LinkedHashMap<>(rows.get(0));
        body.put("binCount", bins);
        return body;
    }
}
