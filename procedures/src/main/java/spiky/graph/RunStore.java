package spiky.graph;

import static spiky.graph.GraphModel.DATASET;
import static spiky.graph.GraphModel.EMBEDDING;
import static spiky.graph.GraphModel.HAS_EMBEDDING;
import static spiky.graph.GraphModel.PPMI;
import static spiky.graph.GraphModel.RUN;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.algo.linalg.CsrMatrix;
import spiky.algo.linalg.DenseBlock;
import spiky.algo.pipeline.PipelineResult;
import spiky.algo.ppmi.PpmiResult;
import spiky.algo.spikes.SpikeLevel;

/**
 * Writes embedding runs into the graph model of cypher/schema.cypher: the EmbeddingRun node
 * first ('running'), then the per-item Embedding nodes and the PPMI relationships in batches,
 * and the run's results and 'finished' last, so that a reader never takes a half-written run for
 * the latest one. A failed run's partial results are removed.
 */
public final class RunStore {
    private static final int BATCH = 10_000;
    private static final int RELATIONSHIP_BATCH = 50_000;

    private final GraphDatabaseService db;
    private final Progress progress;

    public RunStore(GraphDatabaseService db, Progress progress) {
        this.db = db;
        this.progress = progress;
    }

    /** Creates a 'running' run of a finished dataset and returns its id ("dataset-N"). */
    public String begin(String dataset, Map<String, Object> parameters) {
        try (Transaction tx = db.beginTx()) {
            Node d = tx.findNode(DATASET, "name", dataset);
            if (d == null || !GraphModel.STATUS_READY.equals(d.getProperty("status", null))) {
                throw InvalidInputException.parameter("dataset", "no dataset named '" + dataset + "'");
            }
            tx.acquireWriteLock(d);
            long next = ((Number) d.getProperty("runCounter", 0L)).longValue() + 1;
            d.setProperty("runCounter", next);
            String id = dataset + "-" + next;
            Node run = tx.createNode(RUN);
            run.setProperty("id", id);
            run.setProperty("dataset", dataset);
            run.setProperty("status", GraphModel.RUN_RUNNING);
            run.setProperty("createdAt", ZonedDateTime.now(ZoneOffset.UTC));
            parameters.forEach((k, v) -> run.setProperty(k, toProperty(v)));
            tx.commit();
            return id;
        }
    }

    private static Object toProperty(Object v) {
        if (v instanceof List<?> list) {
            return list.stream().mapToLong(x -> ((Number) x).longValue()).toArray();
        }
        return v;
    }

    /**
     * Writes a computed run and marks it finished.
     *
     * @param items    the dataset as read (item nodes and ids, by item index)
     * @param writePpmi whether to write PPMI relationships (already checked against the size cap)
     */
    public void finish(String runId, DatasetArrays items, PipelineResult result, boolean writePpmi, Map<String, Long> extraMillis) {
        long started = System.nanoTime();
        writeEmbeddings(runId, items, result);
        long ppmiRelationships = writePpmi ? writePpmi(runId, items, result.ppmi()) : 0;
        try (Transaction tx = db.beginTx()) {
            Node run = tx.findNode(RUN, "id", runId);
            PpmiResult ppmi = result.ppmi();
            run.setProperty("n", (long) ppmi.size());
            run.setProperty("nnz", ppmi.nnz());
            run.setProperty("cooccurringPairs", ppmi.cooccurringPairs());
            run.setProperty("pairsAfterMinCount", ppmi.pairsAfterMinCount());
            run.setProperty("pairsAfterRank", ppmi.pairsAfterRank());
            run.setProperty("pairsPositive", ppmi.pairsPositive());
            run.setProperty("singularValues", result.svd().singularValues());
            run.setProperty("matrixProducts", (long) result.svd().matrixProducts());
            List<SpikeLevel> levels = result.spikes();
            run.setProperty("spkF", levels.stream().mapToLong(SpikeLevel::f).toArray());
            run.setProperty("spkPeaks", levels.stream().mapToLong(SpikeLevel::peaks).toArray());
            run.setProperty("spkCovered", levels.stream().mapToLong(SpikeLevel::covered).toArray());
            run.setProperty("spk", levels.stream().mapToDouble(SpikeLevel::spk).toArray());
            extraMillis.forEach((k, v) -> run.setProperty(millisKey(k), v));
            result.millis().forEach((k, v) -> run.setProperty(millisKey(k), v));
            run.setProperty("millisWrite", (System.nanoTime() - started) / 1_000_000);
            run.setProperty("ppmiRelationships", ppmiRelationships);
            run.setProperty("finishedAt", ZonedDateTime.now(ZoneOffset.UTC));
            run.setProperty("status", GraphModel.RUN_FINISHED);
            Node d = tx.findNode(DATASET, "name", items.dataset());
            d.setProperty("latestRun", runId);
            if (writePpmi) {
                d.setProperty("ppmiRun", runId);
            }
            tx.commit();
        }
        if (writePpmi) {
            deleteOtherPpmi(items, runId);
        }
    }

    private static String millisKey(String stage) {
        return "millis" + Character.toUpperCase(stage.charAt(0)) + stage.substring(1);
    }

    private void writeEmbeddings(String runId, DatasetArrays items, PipelineResult result) {
        int[] kept = result.ppmi().items();
        DenseBlock e = result.embeddings();
        int f = e.cols();
        double[] data = e.data();
        List<SpikeLevel> levels = result.spikes();
        for (int start = 0; start < kept.length; start += BATCH) {
            int end = Math.min(kept.length, start + BATCH);
            try (Transaction tx = db.beginTx()) {
                for (int a = start; a < end; a++) {
                    int item = kept[a];
                    Node node = tx.createNode(EMBEDDING);
                    node.setProperty("run", runId);
                    node.setProperty("dataset", items.dataset());
                    node.setProperty("item", items.itemIds()[item]);
                    node.setProperty("norm", result.norms()[a]);
                    float[] vector = new float[f];
                    for (int j = 0; j < f; j++) {
                        vector[j] = (float) data[a * f + j];
                    }
                    node.setProperty("vector", vector);
                    for (SpikeLevel level : levels) {
                        int peak = level.spikeOf()[a];
                        if (peak >= 0) {
                            node.setProperty("spike" + level.f(), items.itemIds()[kept[peak]]);
                        }
                        node.setProperty("peak" + level.f(), level.isPeak(a));
                    }
                    tx.getNodeById(items.itemNodes()[item]).createRelationshipTo(node, HAS_EMBEDDING);
                }
                tx.commit();
            }
            progress.report("writing embeddings", end, kept.length);
        }
    }

    private long writePpmi(String runId, DatasetArrays items, PpmiResult ppmi) {
        CsrMatrix m = ppmi.matrix();
        int[] kept = ppmi.items();
        int[] rank = items.keyRank();
        long total = m.nnz() / 2;
        long written = 0;
        Transaction tx = db.beginTx();
        try {
            int inBatch = 0;
            for (int a = 0; a < m.rows(); a++) {
                Node from = null;
                for (long p = m.rowStart(a); p < m.rowEnd(a); p++) {
                    int b = m.column(p);
                    // One relationship per pair: from the smaller item key to the larger.
                    if (rank[kept[a]] > rank[kept[b]]) {
                        continue;
                    }
                    if (from == null) {
                        from = tx.getNodeById(items.itemNodes()[kept[a]]);
                    }
                    Relationship r = from.createRelationshipTo(tx.getNodeById(items.itemNodes()[kept[b]]), PPMI);
                    r.setProperty("weight", m.value(p));
                    r.setProperty("count", (long) ppmi.counts().get(p));
                    r.setProperty("run", runId);
                    written++;
                    if (++inBatch == RELATIONSHIP_BATCH) {
                        tx.commit();
                        tx.close();
                        tx = db.beginTx();
                        from = null;
                        inBatch = 0;
                        progress.report("writing PPMI relationships", written, total);
                    }
                }
            }
            tx.commit();
        } finally {
            tx.close();
        }
        progress.report("writing PPMI relationships", written, total);
        return written;
    }

    /** Removes the dataset's PPMI relationships of every run but {@code keep}. */
    private void deleteOtherPpmi(DatasetArrays items, String keep) {
        for (int start = 0; start < items.items(); start += BATCH) {
            int end = Math.min(items.items(), start + BATCH);
            try (Transaction tx = db.beginTx()) {
                for (int i = start; i < end; i++) {
                    for (Relationship r : tx.getNodeById(items.itemNodes()[i]).getRelationships(Direction.OUTGOING, PPMI)) {
                        if (!keep.equals(r.getProperty("run", null))) {
                            r.delete();
                        }
                    }
                }
                tx.commit();
            }
        }
    }

    /** Marks a run failed with the reason, and removes what it had written. */
    public void fail(String runId, String reason) {
        deleteResults(runId);
        try (Transaction tx = db.beginTx()) {
            Node run = tx.findNode(RUN, "id", runId);
            if (run != null) {
                run.setProperty("status", GraphModel.RUN_FAILED);
                run.setProperty("error", reason == null ? "unknown error" : reason);
                run.setProperty("finishedAt", ZonedDateTime.now(ZoneOffset.UTC));
            }
            tx.commit();
        }
    }

    /** At start-up: runs left 'running' by a crash become 'failed'; returns their ids. */
    public List<String> failUnfinished() {
        List<String> ids = new ArrayList<>();
        try (Transaction tx = db.beginTx(); ResourceIterator<Node> it = tx.findNodes(RUN, "status", GraphModel.RUN_RUNNING)) {
            it.forEachRemaining(n -> ids.add((String) n.getProperty("id")));
        }
        ids.forEach(id -> fail(id, "interrupted: the process stopped during the run"));
        return ids;
    }

    private void deleteResults(String runId) {
        while (true) {
            int deleted = 0;
            try (Transaction tx = db.beginTx(); ResourceIterator<Node> it = tx.findNodes(EMBEDDING, "run", runId)) {
                while (it.hasNext() && deleted < BATCH) {
                    Node n = it.next();
                    n.getRelationships().forEach(Relationship::delete);
                    n.delete();
                    deleted++;
                }
                tx.commit();
            }
            if (deleted == 0) {
                break;
            }
        }
        deletePpmiOfRun(runId);
    }

    /** PPMI relationships that a failed run wrote (they hang off the items of its dataset). */
    private void deletePpmiOfRun(String runId) {
        String dataset;
        try (Transaction tx = db.beginTx()) {
            Node run = tx.findNode(RUN, "id", runId);
            if (run == null) {
                return;
            }
            dataset = (String) run.getProperty("dataset");
        }
        List<Long> nodes = new ArrayList<>();
        try (Transaction tx = db.beginTx(); ResourceIterator<Node> it = tx.findNodes(GraphModel.ITEM, "dataset", dataset)) {
            it.forEachRemaining(n -> nodes.add(n.getId()));
        }
        for (int start = 0; start < nodes.size(); start += BATCH) {
            try (Transaction tx = db.beginTx()) {
                for (int i = start; i < Math.min(nodes.size(), start + BATCH); i++) {
                    for (Relationship r : tx.getNodeById(nodes.get(i)).getRelationships(Direction.OUTGOING, PPMI)) {
                        if (runId.equals(r.getProperty("run", null))) {
                            r.delete();
                        }
                    }
                }
                tx.commit();
            }
        }
    }
}
