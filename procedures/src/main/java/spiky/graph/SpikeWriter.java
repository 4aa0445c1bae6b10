package spiky.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;
import spiky.Progress;
import spiky.algo.spikes.SpikeLevel;

/**
 * Writes spike covers onto a finished run: spike&lt;f'&gt; / peak&lt;f'&gt; on its Embedding nodes (in
 * batches; the previous spike properties of every f' are replaced) and the Spk table with its
 * parameters on the run node, last. The spike properties that each committed batch replaced are
 * kept in memory, so a write that fails half-way puts them back and leaves the run as it was.
 */
public final class SpikeWriter {
    private static final int BATCH = 10_000;

    private final GraphDatabaseService db;
    private final Progress progress;

    public SpikeWriter(GraphDatabaseService db, Progress progress) {
        this.db = db;
        this.progress = progress;
    }

    /** @param parameters spkDims, cosTheta, rho: recorded on the run node with the table */
    public void write(StoredEmbeddings e, List<SpikeLevel> levels, Map<String, Object> parameters, long millisSpikes) {
        long started = System.nanoTime();
        List<Map<Long, Map<String, Object>>> replaced = new ArrayList<>();
        try {
            int n = e.embeddingNodes().length;
            for (int start = 0; start < n; start += BATCH) {
                int end = Math.min(n, start + BATCH);
                Map<Long, Map<String, Object>> before = new HashMap<>();
                try (Transaction tx = db.beginTx()) {
                    for (int a = start; a < end; a++) {
                        Node node = tx.getNodeById(e.embeddingNodes()[a]);
                        before.put(node.getId(), spikeProperties(node));
                        SpikeProperties.clear(node);
                        SpikeProperties.set(node, levels, a, e.itemIds());
                    }
                    tx.commit();
                }
                replaced.add(before);
                progress.report("writing spikes", end, n);
            }
            try (Transaction tx = db.beginTx()) {
                Node run = EmbeddingReader.finishedRun(tx, e.runId());
                tx.acquireWriteLock(run);
                SpkTable.write(run, levels);
                parameters.forEach((k, v) -> run.setProperty(k, RunStore.toProperty(v)));
                run.setProperty("millisSpikes", millisSpikes);
                run.setProperty("millisSpikesWrite", (System.nanoTime() - started) / 1_000_000);
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

    private static Map<String, Object> spikeProperties(Node node) {
        Map<String, Object> m = new HashMap<>();
        node.getAllProperties().forEach((k, v) -> {
            if (SpikeProperties.isSpikeKey(k)) {
                m.put(k, v);
            }
        });
        return m;
    }

    private void restore(List<Map<Long, Map<String, Object>>> replaced) {
        for (Map<Long, Map<String, Object>> batch : replaced) {
            try (Transaction tx = db.beginTx()) {
                batch.forEach((id, properties) -> {
                    Node node = tx.getNodeById(id);
                    SpikeProperties.clear(node);
                    properties.forEach(node::setProperty);
                });
                tx.commit();
            }
        }
    }
}
