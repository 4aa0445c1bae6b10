package spiky.graph;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;
import spiky.Progress;
import spiky.algo.Termination;
import spiky.algo.spikes.SpikeLevel;

/**
 * Writes spike covers onto a finished run: spike&lt;f'&gt; / peak&lt;f'&gt; on its Embedding nodes (in
 * batches; the previous spike properties of every f' are replaced) and the Spk table with its
 * parameters on the run node, last. The spike properties that each committed batch replaced are
 * kept in memory, so a write that fails half-way puts them back and leaves the run as it was.
 */
public final class SpikeWriter {
    private final GraphDatabaseService db;
    private final BatchedWrites writes;

    public SpikeWriter(GraphDatabaseService db, Progress progress) {
        this(db, progress, Termination.NONE);
    }

    public SpikeWriter(GraphDatabaseService db, Progress progress, Termination termination) {
        this.db = db;
        this.writes = new BatchedWrites(db, progress, termination);
    }

    /** @param parameters spkDims, cosTheta, rho: recorded on the run node with the table */
    public void write(StoredEmbeddings e, List<SpikeLevel> levels, Map<String, Object> parameters, long millisSpikes) {
        long started = System.nanoTime();
        BatchedWrites.Committed<Map<Long, Map<String, Object>>> written = writes.undoableRanges("writing spikes",
                e.embeddingNodes().length, BatchedWrites.NODES, (tx, start, end) -> {
                    Map<Long, Map<String, Object>> before = new HashMap<>();
                    for (int a = start; a < end; a++) {
                        Node node = tx.getNodeById(e.embeddingNodes()[a]);
                        before.put(node.getId(), spikeProperties(node));
                        SpikeProperties.clear(node);
                        SpikeProperties.set(node, levels, a, e.itemIds());
                    }
                    return before;
                }, SpikeWriter::restore);
        Undo.run(() -> {
            try (Transaction tx = db.beginTx()) {
                Node run = EmbeddingReader.finishedRun(tx, e.runId());
                tx.acquireWriteLock(run);
                SpkTable.write(run, levels);
                parameters.forEach((k, v) -> run.setProperty(k, RunStore.toProperty(v)));
                run.setProperty("millisSpikes", millisSpikes);
                run.setProperty("millisSpikesWrite", (System.nanoTime() - started) / 1_000_000);
                tx.commit();
            }
        }, written::undo);
    }

    private static Map<String, Object> spikeProperties(Node node) {
        Map<String, Object> m = new HashMap<>();
        node.getAllProperties().forEach((k, v) -> {
            if (SpikeProperties.isSpikeKey(k)) {
                m.put(k, v);
            }
        });
        return m;
    }

    private static void restore(Transaction tx, Map<Long, Map<String, Object>> before) {
        before.forEach((id, properties) -> {
            Node node = tx.getNodeById(id);
            SpikeProperties.clear(node);
            properties.forEach(node::setProperty);
        });
    }
}
