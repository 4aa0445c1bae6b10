package spiky.server.http;

import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import org.neo4j.graphdb.GraphDatabaseService;
import spiky.SpikyVersion;

/**
 * GET /api/health: is the database up, which versions run, and how the report cache does. The
 * versions (cypher/health.cypher) cannot change while the process runs, so they are read once;
 * each request asks the database only whether it is available, which costs no query (health is
 * polled by load balancers and monitors, often).
 */
final class HealthRoutes {
    private final GraphDatabaseService db;
    private final Queries queries;
    private final ReportCache reports;
    private volatile Map<String, Object> versions;

    HealthRoutes(GraphDatabaseService db, Queries queries, ReportCache reports) {
        this.db = db;
        this.queries = queries;
        this.reports = reports;
    }

    void get(Context ctx) {
        boolean up = db.isAvailable();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "up" : "down");
        body.put("spiky", SpikyVersion.get());
        if (up && versions == null) {
            versions = queries.rows("health.cypher", Map.of()).get(0);
        }
        if (versions != null) {
            body.put("neo4j", versions.get("neo4j"));
            body.put("edition", versions.get("edition"));
            body.put("gds", versions.get("gds"));
        }
        body.put("database", "neo4j");
        body.put("reportCache", reports.stats());
        ctx.status(up ? 200 : 503).json(body);
    }
}
