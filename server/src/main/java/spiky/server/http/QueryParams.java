package spiky.server.http;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.List;
import java.util.Map;
import spiky.InvalidInputException;

/** Request parameters every report route reads the same way: a run id, whole numbers in a range. */
final class QueryParams {
    /** Run ids are a dataset name (at most 100 characters), '-' and a counter: longer ones cannot exist. */
    private static final int MAX_RUN_ID_LENGTH = 128;

    private QueryParams() {}

    /** The run named by the path parameter {id} (cypher/run.cypher), or 400 / 404. */
    @SuppressWarnings("unchecked")
    static RunRecord run(Context ctx, Queries queries) {
        String id = ctx.pathParam("id");
        if (id.isBlank() || id.length() > MAX_RUN_ID_LENGTH) {
            throw InvalidInputException.parameter("id", "a run id is 1 to " + MAX_RUN_ID_LENGTH + " characters, e.g. 'ml-100k-1'");
        }
        List<Map<String, Object>> rows = queries.rows("run.cypher", Map.of("id", id));
        if (rows.isEmpty()) {
            throw new NotFoundResponse("No run with id '" + id + "'");
        }
        return RunRecord.of((Map<String, Object>) rows.get(0).get("run"));
    }

    /** A query parameter that must be one of a few words, or the default when absent. */
    static String choice(Context ctx, String name, String defaultValue, List<String> allowed) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return defaultValue;
        }
        if (!allowed.contains(raw)) {
            throw InvalidInputException.parameter(name, quote(raw) + " is not one of " + allowed);
        }
        return raw;
    }

    /** A finished run's spike level: its id and dataset, the f' chosen by ?f= and that f''s row of the Spk table. */
    record Level(String run, String dataset, long f, Map<String, Object> spk) {}

    /** The run of {id} at the f' of ?f= (default: its first f'), or 400 (no spikes, f' not in its table) / 404. */
    static Level level(Context ctx, Queries queries) {
        return level(ctx, run(ctx, queries));
    }

    /** The same for a run already looked up. */
    static Level level(Context ctx, RunRecord run) {
        String id = run.id();
        List<Map<String, Object>> table = run.spkTable();
        if (table.isEmpty()) {
            throw InvalidInputException.parameter("id", "run '" + id + "' has no spikes yet (status " + run.status()
                    + "); spiky.spikes.write computes them");
        }
        List<Long> dims = table.stream().map(m -> ((Number) m.get("f")).longValue()).toList();
        long f = wholeNumber(ctx, "f", dims.get(0), 1, Integer.MAX_VALUE);
        int index = dims.indexOf(f);
        if (index < 0) {
            throw InvalidInputException.parameter("f", f + " is not one of the run's f' " + dims);
        }
        return new Level(id, run.dataset(), f, table.get(index));
    }

    /** Quotes a value for an error's detail, shortened: a 10 kB parameter must not come back whole. */
    static String quote(String value) {
        int max = 60;
        return value.length() <= max ? "'" + value + "'" : "'" + value.substring(0, max) + "...' (" + value.length() + " characters)";
    }

    /** A whole-number query parameter within [min, max], or the default when absent. */
    static long wholeNumber(Context ctx, String name, long defaultValue, long min, long max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isEmpty()) {
            return defaultValue;
        }
        long v;
        try {
            v = Long.parseLong(raw.trim());
        } catch (NumberFormatException e) {
            throw InvalidInputException.parameter(name, quote(raw) + " is not a whole number");
        }
        if (v < min || v > max) {
            throw InvalidInputException.parameter(name, v + " is not in the range [" + min + ", " + max + "]");
        }
        return v;
    }
}
