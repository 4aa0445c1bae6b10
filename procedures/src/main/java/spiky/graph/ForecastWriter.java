package spiky.graph;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;
import spiky.Progress;
import spiky.algo.Termination;

/**
 * Writes a stability forecast: Embedding.stabilityForecast on a run's embeddings (in batches) and
 * the backtest as forecast* properties on the run node, last. The values each committed batch
 * replaced (or their absence) are kept in memory, so a write that fails half-way puts them back.
 */
public final class ForecastWriter {
    public static final String PROPERTY = "stabilityForecast";

    private final GraphDatabaseService db;
    private final BatchedWrites writes;

    public ForecastWriter(GraphDatabaseService db, Progress progress) {
        this(db, progress, Termination.NONE);
    }

    public ForecastWriter(GraphDatabaseService db, Progress progress, Termination termination) {
        this.db = db;
        this.writes = new BatchedWrites(db, progress, termination);
    }

    /**
     * @param embeddingNodes the run's Embedding nodes, one per forecast
     * @param runRecord      properties to set on the run node (forecastModel, forecastMae, …); null values remove the property
     */
    public void write(String runId, long[] embeddingNodes, double[] forecast, Map<String, Object> runRecord) {
        BatchedWrites.Committed<Map<Long, Object>> written = writes.undoableRanges("writing stability forecasts",
                embeddingNodes.length, BatchedWrites.NODES, (tx, start, end) -> {
                    Map<Long, Object> before = new HashMap<>();
                    for (int a = start; a < end; a++) {
                        Node node = tx.getNodeById(embeddingNodes[a]);
                        before.put(node.getId(), node.getProperty(PROPERTY, null));
                        node.setProperty(PROPERTY, forecast[a]);
                    }
                    return before;
                }, ForecastWriter::restore);
        Undo.run(() -> {
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
        }, written::undo);
    }

    /** A list of strings as String[], of numbers as double[]; anything else as it is. */
    private static Object property(Object v) {
        if (v instanceof List<?> list) {
            return list.stream().allMatch(x -> x instanceof String) ? list.toArray(new String[0])
                    : list.stream().mapToDouble(x -> ((Number) x).doubleValue()).toArray();
        }
        return v;
    }

    private static void restore(Transaction tx, Map<Long, Object> before) {
        before.forEach((id, value) -> {
            Node node = tx.getNodeById(id);
            if (value == null) {
                node.removeProperty(PROPERTY);
            } else {
                node.setProperty(PROPERTY, value);
            }
        });
    }
}
