package spiky.server.http;

import io.javalin.http.Context;
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

    /** The answer; the versions are null while the database is down (503). */
    record Health(String status, String spiky, Object neo4j, Object edition, Object gds, String database, ReportCache.Stats reportCache) {}

    void get(Context ctx) {
        boolean up = db.isAvailable();
        if (up && versions == null) {
            versions = queries.rows("health.cypher", Map.of()).get(0);
        }
        Map<String, Object> v = versions == null ? Map.of() : versions;
        ctx.status(up ? 200 : 503).json(new Health(up ? "up" : "down", SpikyVersion.get(), v.get("neo4j"), v.get("edition"), v.get("gds"),
                "neo4j", reports.stats()));
    }
}
