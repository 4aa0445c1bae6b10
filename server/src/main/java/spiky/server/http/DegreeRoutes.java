package spiky.server.http;

import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * GET /api/runs/{id}/degrees: per item of a run its norm and degrees (cypher/degrees.cypher), as
 * JSON a page at a time, or, with {@code Accept: text/csv}, every item as CSV for a spreadsheet
 * or pandas.
 */
final class DegreeRoutes {
    static final int MAX_PAGE_SIZE = 10_000;
    private static final List<String> COLUMNS = List.of("item", "name", "norm", "interactions", "ppmiDegree", "trueCommunity", "theta", "spike");

    private final Queries queries;

    DegreeRoutes(Queries queries) {
        this.queries = queries;
    }

    /** A JSON page of items, each a row of cypher/degrees.cypher; f null when the run has no spikes. */
    record Degrees(String run, Long f, long page, long pageSize, List<Map<String, Object>> items) {}

    Object get(Context ctx, RunRecord run) {
        String id = run.id();
        // spike at ?f= (default the first f'); a run without spikes has none to give.
        Long f = !run.spkTable().isEmpty() ? QueryParams.level(ctx, run).f() : null;
        String accept = ctx.header("Accept");
        if (accept != null && accept.contains("text/csv")) {
            List<Map<String, Object>> rows = queries.rows("degrees.cypher", params(id, f, 0L, Long.MAX_VALUE));
            return new RunReport.Csv(csv(rows));
        }
        long pageSize = QueryParams.wholeNumber(ctx, "pageSize", 1000, 1, MAX_PAGE_SIZE);
        long page = QueryParams.wholeNumber(ctx, "page", 1, 1, Integer.MAX_VALUE);
        return new Degrees(id, f, page, pageSize, queries.rows("degrees.cypher", params(id, f, (page - 1) * pageSize, pageSize)));
    }

    private static Map<String, Object> params(String run, Object f, long skip, long limit) {
        Map<String, Object> params = new java.util.HashMap<>();
        params.put("run", run);
        params.put("f", f);
        params.put("skip", skip);
        params.put("limit", limit);
        return params;
    }

    private static String csv(List<Map<String, Object>> rows) {
        StringBuilder b = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (Map<String, Object> row : rows) {
            for (int c = 0; c < COLUMNS.size(); c++) {
                if (c > 0) {
                    b.append(',');
                }
                b.append(field(row.get(COLUMNS.get(c))));
            }
            b.append('\n');
        }
        return b.toString();
    }

    /** RFC 4180: quoted when it holds a comma, a quote or a line break; empty for null. */
    private static String field(Object v) {
        if (v == null) {
            return "";
        }
        String s = v.toString();
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
