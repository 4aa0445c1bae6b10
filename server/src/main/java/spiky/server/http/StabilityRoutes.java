package spiky.server.http;

import io.javalin.http.Context;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import spiky.InvalidInputException;

/**
 * GET /api/runs/{id}/stability?runs=a,b,c&metric=&partitions=&sample=&k=&seed=: how stable the
 * similar-items lists of items stay between the reference run {id} and other runs (typically the
 * snapshots of spiky.snapshots), by norm quantile (cypher/stability.cypher).
 */
final class StabilityRoutes {
    static final int MAX_RUNS = 50;

    private final Queries queries;

    StabilityRoutes(Queries queries) {
        this.queries = queries;
    }

    /** The rows of cypher/stability.cypher with the runs compared and the settings used. */
    record Stability(String refRun, List<String> runs, Map<String, Object> config, List<Map<String, Object>> rows) {}

    Stability get(Context ctx, RunRecord run) {
        String raw = ctx.queryParam("runs");
        if (raw == null || raw.isBlank()) {
            throw InvalidInputException.parameter("runs", "required: a comma-separated list of run ids to compare with '" + run.id() + "'");
        }
        List<String> runs = Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
        if (runs.size() > MAX_RUNS) {
            throw InvalidInputException.parameter("runs", runs.size() + " runs; at most " + MAX_RUNS);
        }
        for (String r : runs) {
            if (queries.rows("run.cypher", Map.of("id", r)).isEmpty()) {
                throw InvalidInputException.parameter("runs", "no run with id '" + r + "'");
            }
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("metric", QueryParams.choice(ctx, "metric", "both", List.of("cosine", "dot", "both")));
        config.put("partitions", QueryParams.wholeNumber(ctx, "partitions", 5, 1, 100));
        config.put("sample", QueryParams.wholeNumber(ctx, "sample", 1000, 1, 100_000));
        config.put("k", QueryParams.wholeNumber(ctx, "k", 500, 1, 10_000));
        config.put("seed", QueryParams.wholeNumber(ctx, "seed", 42, Long.MIN_VALUE, Long.MAX_VALUE));
        return new Stability(run.id(), runs, config, queries.rows("stability.cypher", Map.of("ref", run.id(), "runs", runs, "config", config)));
    }
}
