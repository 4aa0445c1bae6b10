package spiky.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;
import spiky.Progress;

/**
 * Writes a stability forecast: Embedding.stabilityForecast on a run's embeddings (in batches) and
 * the backtest as forecast* properties on the run node, last. The values each committed batch
 * replaced (or their absence) are kept in memory, so a write that fails half-way puts them back.
 */
public final class ForecastWriter {
    public static final String PROPERTY = "stabilityForecast";
    private static final int BATCH = 10_000;

    private final GraphDatabaseService db;
    private final Progress progress;

    public ForecastWriter(GraphDatabaseService db, Progress progress) {
        this.db = db;
        this.progress = progress;
    }

    /**
     * @param embeddingNodes the run's Embedding nodes, one per forecast
     * @param runRecord      properties to set on the run node (forecastModel, forecastMae, …); null values remove the property
     */
    public void write(String runId, long[] embeddingNodes, double[] forecast, Map<String, Object> runRecord) {
        List<Map<Long, Object>> replaced = new ArrayList<>();
        try {
            int n = embeddingNodes.length;
            for (int start = 0; start < n; start += BATCH) {
                int end = Math.min(n, start + BATCH);
                Map<Long, Object> before = new HashMap<>();
                try (Transaction tx = db.beginTx()) {
                    for (int a = start; a < end; a++) {
                        Node node = tx.getNodeById(embeddingNodes[a]);
                        before.put(node.getId(), node.getProperty(PROPERTY, null));
                        node.setProperty(PROPERTY, forecast[a]);
                    }
                    tx.commit();
                }
                replaced.add(before);
                progress.report("writing stability forecasts", end, n);
            }
            try (Transaction tx = db.beginTx()) {
                Node run = EmbeddingReader.finishedRun(tx, runId);
                tx.acquireWriteLock(run);
                runRecord.forEach((k, v) -> {
                    if (v == null) {
                        run.removeProperty(k);
                    } else {
                        run.setProperty(k, property(v));
                    }
                });
                tx.commit();
            }
        } catch (RuntimeException | Error failure) {
            try {
                restore(replaced);
            } catch (RuntimeException cleanup) {
                failure.addSuppressed(cleanup);
            }
            throw failure;
        }
    }

    /** A list of strings as String[], of numbers as double[]; anything else as it is. */
    private static Object property(Object v) {
        if (v instanceof List<?> list) {
            return list.stream().allMatch(x -> x instanceof String) ? list.toArray(new String[0])
                    : list.stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
        }
        return v;
    }

    private void restore(List<Map<Long, Object>> replaced) {
        for (Map<Long, Object> batch : replaced) {
            try (Transaction tx = db.beginTx()) {
                batch.forEach((id, value) -> {
                    Node node = tx.getNodeById(id);
                    if (value == null) {
                        node.removeProperty(PROPERTY);
                    } else {
                        node.setProperty(PROPERTY, value);
                    }
                });
                tx.commit();
            }
        }
    }
}
