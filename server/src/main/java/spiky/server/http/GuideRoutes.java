package spiky.server.http;

import io.javalin.http.Context;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import spiky.graph.CypherFiles;

/**
 * GET /guide/: the analyst's guide for Neo4j Browser ({@code :play http://host:port/guide/}),
 * slides whose runnable blocks are the files of cypher/, with parameters on the default dataset
 * (its latest run, first f' and an item, read by cypher/guide-defaults.cypher at each request,
 * so the guide follows the data).
 */
final class GuideRoutes {
    private final Queries queries;
    private final String dataset;
    private final GuideTemplate template;

    GuideRoutes(Queries queries, CypherFiles cypher, String dataset) {
        this.queries = queries;
        this.dataset = dataset;
        this.template = GuideTemplate.load(cypher);
    }

    void get(Context ctx) {
        List<Map<String, Object>> rows = queries.rows("guide-defaults.cypher", Map.of("dataset", dataset));
        Map<String, Object> row = rows.isEmpty() ? Map.of() : rows.get(0);
        Map<String, String> values = new HashMap<>();
        values.put("dataset", dataset);
        // Without a finished run yet, the names the first run will have and the pipeline's first default f'.
        values.put("run", row.get("run") != null ? (String) row.get("run") : dataset + "-1");
        values.put("f", row.get("f") != null ? row.get("f").toString() : "16");
        values.put("item", row.get("item") != null ? (String) row.get("item") : "1");
        ctx.contentType("text/html; charset=utf-8").result(template.fill(values));
    }
}
