package spiky.server.http;

import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import spiky.graph.Undo;

/**
 * GET /api/runs/{id}/baselines?f=: GDS's Louvain, Leiden and FastRP on the run's dataset's PPMI
 * graph, compared with the spikes at f' and with the planted communities (cypher/baselines.cypher).
 */
final class BaselineRoutes {
    /** The query's columns in the order the answer lists them (a result row is an unordered map). */
    private static final List<String> COLUMNS = List.of("dataset", "ppmiRun", "nodes", "relationships", "items", "covered",
            "louvain", "leiden", "spikes", "fastRP", "spiky");

    private final Queries queries;

    BaselineRoutes(Queries queries) {
        this.queries = queries;
    }

    Object get(Context ctx, RunRecord run) {
        QueryParams.Level level = QueryParams.level(ctx, run);
        List<Map<String, Object>> datasets = queries.rows("dataset.cypher", Map.of("name", level.dataset()));
        Object ppmiRun = datasets.isEmpty() ? null : ((Map<?, ?>) datasets.get(0).get("dataset")).get("ppmiRun");
        if (ppmiRun == null) {
            throw new ConflictResponse("Dataset '" + level.dataset() + "' has no PPMI relationships written (a run over "
                    + "maxPpmiRelationships pairs, or writePpmi: false, does not write them): the baselines run on that graph. "
                    + "CALL spiky.ppmi.write('" + level.dataset() + "', {}) writes them.");
        }
        // A name of its own per request: concurrent requests must not share, or drop, each other's projection.
        String graph = "spiky-baselines-" + UUID.randomUUID();
        // The query drops its graph at its end; a failure before that would leave the projection in memory.
        Map<String, Object> row = Undo.get(() -> queries.rows("baselines.cypher", Map.of("run", level.run(), "f", level.f(), "graph", graph))
                .get(0), () -> queries.rows("baselines-drop.cypher", Map.of("graph", graph)));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("run", level.run());
        body.put("f", level.f());
        for (String column : COLUMNS) {
            body.put(column, row.get(column));
        }
        return body;
    }
}
