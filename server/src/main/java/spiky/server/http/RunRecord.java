package spiky.server.http;

import java.util.List;
import java.util.Map;
import spiky.InvalidInputException;

/**
 * A run as cypher/run.cypher returns it: the fields the routes read, typed once here instead of
 * cast at each use, and every recorded property as read ({@link #properties}: the body of
 * GET /api/runs/{id} and the report cache's key).
 *
 * @param rank     null until the run has embeddings
 * @param n        items embedded; null until then
 * @param spkTable one row per f' ({f, peaks, n, covered, spk}); empty while the run has no spikes
 */
record RunRecord(String id, String dataset, String status, Long rank, Long n, List<Map<String, Object>> spkTable,
        Map<String, Object> properties) {
    @SuppressWarnings("unchecked")
    static RunRecord of(Map<String, Object> run) {
        return new RunRecord((String) run.get("id"), (String) run.get("dataset"), (String) run.get("status"), number(run.get("rank")),
                number(run.get("n")), run.get("spkTable") instanceof List<?> table ? (List<Map<String, Object>>) table : List.of(), run);
    }

    private static Long number(Object v) {
        return v instanceof Number x ? x.longValue() : null;
    }

    boolean finished() {
        return "finished".equals(status);
    }

    /** This run, or a 400 naming {@code id} when it has not finished (its embeddings are not all written). */
    RunRecord requireFinished() {
        if (!finished()) {
            throw InvalidInputException.parameter("id", "run '" + id + "' is " + status + ", not finished");
        }
        return this;
    }
}
