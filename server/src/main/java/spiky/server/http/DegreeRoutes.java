package spiky.server.http;

import io.javalin.http.Context;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * GET /api/runs/{id}/degrees: per item of a run its norm and degrees (cypher/degrees.cypher), as
 * JSON a page at a time, or, with {@code Accept: text/csv}, every item as CSV for a spreadsheet
 * or pandas, written to the response as the rows come (a 1 M-item run's CSV is never held whole).
 */
final class DegreeRoutes implements RunReport.Streaming {
    static final int MAX_PAGE_SIZE = 10_000;
    private static final List<String> COLUMNS = List.of("item", "name", "norm", "interactions", "ppmiDegree", "trueCommunity", "theta", "spike");

    private final Queries queries;

    DegreeRoutes(Queries queries) {
        this.queries = queries;
    }

    /** A JSON page of items, each a row of cypher/degrees.cypher; f null when the run has no spikes. */
    record Degrees(String run, Long f, long page, long pageSize, List<Map<String, Object>> items) {}

    @Override
    public Object report(Context ctx, RunRecord run) {
        long pageSize = QueryParams.wholeNumber(ctx, "pageSize", 1000, 1, MAX_PAGE_SIZE);
        long page = QueryParams.wholeNumber(ctx, "page", 1, 1, Integer.MAX_VALUE);
        return new Degrees(run.id(), f(ctx, run), page, pageSize, queries.rows("degrees.cypher", params(run.id(), f(ctx, run),
                (page - 1) * pageSize, pageSize)));
    }

    /** With {@code Accept: text/csv}: every item, written as the rows come (not held in memory, not cached). */
    @Override
    public boolean streams(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("text/csv");
    }

    @Override
    public void stream(Context ctx, RunRecord run) throws IOException {
        Long f = f(ctx, run);
        ctx.contentType("text/csv; charset=utf-8");
        Writer out = new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8), 1 << 16);
        out.write(String.join(",", COLUMNS));
        out.write('\n');
        StringBuilder line = new StringBuilder();
        queries.each("degrees.cypher", params(run.id(), f, 0L, Long.MAX_VALUE), row -> {
            line.setLength(0);
            for (int c = 0; c < COLUMNS.size(); c++) {
                if (c > 0) {
                    line.append(',');
                }
                line.append(field(row.get(COLUMNS.get(c))));
            }
            line.append('\n');
            try {
                out.append(line);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        out.flush();
    }

    /** spike at ?f= (default the first f'); a run without spikes has none to give. */
    private static Long f(Context ctx, RunRecord run) {
        return !run.spkTable().isEmpty() ? QueryParams.level(ctx, run).f() : null;
    }

    private static Map<String, Object> params(String run, Object f, long skip, long limit) {
        Map<String, Object> params = new java.util.HashMap<>();
        params.put("run", run);
        params.put("f", f);
        params.put("skip", skip);
        params.put("limit", limit);
        return params;
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
