package spiky.graph;

import static spiky.graph.GraphModel.EMBEDDING;
import static spiky.graph.GraphModel.HAS_EMBEDDING;

import java.util.List;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import spiky.Progress;
import spiky.algo.Termination;
import spiky.algo.linalg.DenseBlock;
import spiky.algo.spikes.SpikeLevel;

/**
 * Writes a run's (:Item)-[:HAS_EMBEDDING]->(:Embedding {run, dataset, item, norm, vector, spike…})
 * nodes in batches. The caller removes them again when the run fails (RunStore.fail).
 */
final class EmbeddingWriter {
    private final BatchedWrites writes;

    EmbeddingWriter(GraphDatabaseService db, Progress progress) {
        this(db, progress, Termination.NONE);
    }

    /** @param termination checked before every batch: a stopped write leaves what it committed to the caller's undo */
    EmbeddingWriter(GraphDatabaseService db, Progress progress, Termination termination) {
        this.writes = new BatchedWrites(db, progress, termination);
    }

    /**
     * @param rowItemNodes the Item node of every row of {@code e}
     * @param rowItemIds   the item id of every row
     * @param levels       the spike levels to write with them (empty: none yet)
     */
    void write(String runId, String dataset, long[] rowItemNodes, Object[] rowItemIds, DenseBlock e, double[] norms,
            List<SpikeLevel> levels) {
        int f = e.cols();
        double[] data = e.data();
        // One buffer for every row: Neo4j copies an array property when it is set (Values.of).
        float[] vector = new float[f];
        writes.ranges("writing embeddings", e.rows(), BatchedWrites.NODES, (tx, start, end) -> {
            for (int a = start; a < end; a++) {
                Node node = tx.createNode(EMBEDDING);
                node.setProperty("run", runId);
                node.setProperty("dataset", dataset);
                node.setProperty("item", rowItemIds[a]);
                node.setProperty("norm", norms[a]);
                for (int j = 0; j < f; j++) {
                    vector[j] = (float) data[a * f + j];
                }
                node.setProperty("vector", vector);
                SpikeProperties.set(node, levels, a, rowItemIds);
                tx.getNodeById(rowItemNodes[a]).createRelationshipTo(node, HAS_EMBEDDING);
            }
            return null;
        });
    }
}
