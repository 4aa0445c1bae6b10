package spiky.server.http;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import spiky.SpikyVersion;

/** GET /api/health: is the database up, which versions run, and how the report cache does. */
final class HealthRoutes {
    private final Queries queries;
    private final ReportCache reports;

    HealthRoutes(Queries queries, ReportCache reports) {
        this.queries = queries;
        this.reports = reports;
    }

    void get(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "up");
        body.put("spiky", SpikyVersion.get());
        Map<String, Object> versions = queries.rows("health.cypher", Map.of()).get(0);
        body.put("neo4j", versions.get("neo4j"));
        body.put("edition", versions.get("edition"));
        body.put("gds", versions.get("gds"));
        body.put("database", "neo4j");
        body.put("reportCache", reports.stats());
        ctx.json(body);
    }
}
