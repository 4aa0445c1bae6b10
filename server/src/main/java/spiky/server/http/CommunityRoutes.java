package spiky.server.http;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The community reports of a run at one f': GET /api/runs/{id}/communities (the per-spike table,
 * cypher/communities.cypher, sortable, a page at a time), GET /api/runs/{id}/communities/{spike}
 * (a spike's members, cypher/community-members.cypher) and GET /api/runs/{id}/truth (agreement
 * with planted communities, cypher/truth.cypher, and the DCBM fitted to the spikes,
 * cypher/fitted-dcbm.cypher).
 */
final class CommunityRoutes {
    static final int MAX_PAGE_SIZE = 500;
    static final int MAX_MEMBER_PAGE_SIZE = 5_000;
    static final int MAX_BLOCKS = 100;
    private static final int DEFAULT_PAGE_SIZE = 50;
    static final List<String> SORT_COLUMNS = List.of("size", "spike", "normMin", "normMedian", "normMax", "interactions",
            "meanInteractions", "spearmanNormInteractions", "spearmanNormPpmiDegree", "spearmanNormIntraDegree",
            "pearsonNormInteractions", "pearsonNormPpmiDegree", "pearsonNormIntraDegree");
    static final List<String> MEMBER_SORT_COLUMNS = List.of("norm", "interactions", "ppmiDegree", "intraDegree");
    /** ?weight= of the fitted DCBM: co-occurrence count or PPMI value (spiky.dcbm.fit's config.weight). */
    private static final List<String> WEIGHTS = List.of("count", "ppmi");

    private final Queries queries;

    CommunityRoutes(Queries queries) {
        this.queries = queries;
    }

    /** A page of the spikes at f', each a row of cypher/communities.cypher; total is the number of spikes. */
    record Communities(String run, long f, String sort, String order, long page, long pageSize, Object total,
            List<Map<String, Object>> communities) {}

    /** A page of a spike's members, each a row of cypher/community-members.cypher; spike as given in the path. */
    record Members(String run, long f, String spike, String sort, long page, long pageSize, List<Map<String, Object>> members) {}

    Communities list(Context ctx, RunRecord run) {
        QueryParams.Level level = QueryParams.level(ctx, run);
        String sort = QueryParams.choice(ctx, "sort", "size", SORT_COLUMNS);
        boolean descending = QueryParams.choice(ctx, "order", "desc", List.of("desc", "asc")).equals("desc");
        long pageSize = QueryParams.wholeNumber(ctx, "pageSize", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
        long page = QueryParams.wholeNumber(ctx, "page", 1, 1, Integer.MAX_VALUE);
        List<Map<String, Object>> rows = queries.rows("communities.cypher", Map.of("run", level.run(), "f", level.f(),
                "sort", sort, "descending", descending, "skip", (page - 1) * pageSize, "limit", pageSize));
        return new Communities(level.run(), level.f(), sort, descending ? "desc" : "asc", page, pageSize, level.spk().get("peaks"), rows);
    }

    Members members(Context ctx, RunRecord run) {
        QueryParams.Level level = QueryParams.level(ctx, run);
        // Item ids are integers or strings (Dataset.itemIdType): the query compares them as text.
        String spike = ctx.pathParam("spike");
        String sort = QueryParams.choice(ctx, "sort", "norm", MEMBER_SORT_COLUMNS);
        long pageSize = QueryParams.wholeNumber(ctx, "pageSize", 100, 1, MAX_MEMBER_PAGE_SIZE);
        long page = QueryParams.wholeNumber(ctx, "page", 1, 1, Integer.MAX_VALUE);
        List<Map<String, Object>> members = queries.rows("community-members.cypher", Map.of("run", level.run(), "f", level.f(),
                "spike", spike, "sort", sort, "skip", (page - 1) * pageSize, "limit", pageSize));
        // An empty page is either past the last member or no spike at all: only then ask which.
        if (members.isEmpty() && queries.rows("community-members.cypher", Map.of("run", level.run(), "f", level.f(),
                "spike", spike, "sort", "norm", "skip", 0L, "limit", 1L)).isEmpty()) {
            throw new NotFoundResponse("Item '" + spike + "' is not the peak of a spike of run '" + level.run() + "' at f' = " + level.f());
        }
        return new Members(level.run(), level.f(), spike, sort, page, pageSize, members);
    }

    Object truth(Context ctx, RunRecord run) {
        QueryParams.Level level = QueryParams.level(ctx, run);
        String weight = QueryParams.choice(ctx, "weight", "count", WEIGHTS);
        long blocks = QueryParams.wholeNumber(ctx, "blocks", 20, 1, MAX_BLOCKS);
        Map<String, Object> planted = queries.rows("truth.cypher", Map.of("run", level.run(), "f", level.f())).get(0);
        Map<String, Object> fitted = new LinkedHashMap<>();
        fitted.put("weight", weight);
        fitted.putAll(queries.rows("fitted-dcbm.cypher",
                Map.of("run", level.run(), "f", level.f(), "weight", weight, "blocks", blocks)).get(0));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("run", level.run());
        body.put("f", level.f());
        boolean hasTruth = ((Number) planted.get("items")).longValue() > 0;
        body.put("planted", hasTruth);
        if (hasTruth) {
            body.putAll(planted);
        }
        body.put("fitted", fitted);
        return body;
    }
}
