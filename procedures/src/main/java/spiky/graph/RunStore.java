package spiky.graph;

import static spiky.graph.GraphModel.DATASET;
import static spiky.graph.GraphModel.EMBEDDING;
import static spiky.graph.GraphModel.RUN;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.algo.Termination;
import spiky.algo.linalg.DenseBlock;
import spiky.algo.pipeline.PipelineResult;
import spiky.algo.ppmi.PpmiConfig;
import spiky.algo.ppmi.PpmiResult;
import spiky.algo.svd.SvdResult;

/**
 * Writes embedding runs into the graph model of cypher/schema.cypher: the EmbeddingRun node
 * first ('running'), then the per-item Embedding nodes and the PPMI relationships in batches,
 * and the run's results and 'finished' last, so that a reader never takes a half-written run for
 * the latest one. A failed run's partial results are removed.
 */
public final class RunStore {
    private final GraphDatabaseService db;
    private final Progress progress;
    private final Termination termination;

    public RunStore(GraphDatabaseService db, Progress progress) {
        this(db, progress, Termination.NONE);
    }

    /** @param termination checked before every batch of {@link #finish}'s writes (embeddings, PPMI relationships) */
    public RunStore(GraphDatabaseService db, Progress progress, Termination termination) {
        this.db = db;
        this.progress = progress;
        this.termination = termination;
    }

    /** Creates a 'running' run of a finished dataset and returns its id ("dataset-N"). */
    public String begin(String dataset, Map<String, Object> parameters) {
        try (Transaction tx = db.beginTx()) {
            Node d = DatasetReader.readyDataset(tx, dataset);
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

    static Object toProperty(Object v) {
        if (v instanceof List<?> list) {
            return list.stream().mapToLong(x -> ((Number) x).longValue()).toArray();
        }
        return v;
    }

    /**
     * What {@link #finish} wrote: the PPMI relationships (0 when none are wanted or when the
     * dataset already keeps this matrix: the run's ppmiRun names that set) and the milliseconds of
     * the writes, as the run records them: write (all of it), writeEmbeddings, writePpmi.
     */
    public record Written(long ppmiRelationships, Map<String, Long> millis) {}

    /**
     * Writes a computed pipeline run and marks it finished. With {@code graphTopK} &gt; 0 only each
     * item's {@code graphTopK} strongest pairs become relationships, the whole matrix then in the
     * set's file (PpmiWriter, PpmiFiles); the run records ppmiWrittenTopK (0: all pairs).
     *
     * @param items      the dataset as read (item nodes and ids, by item index)
     * @param writtenPpmi the PPMI settings when the PPMI relationships are to be written (already
     *                   checked against the size cap), null when they are not
     */
    public Written finish(String runId, DatasetArrays items, PipelineResult result, PpmiConfig writtenPpmi, int graphTopK,
            Map<String, Long> extraMillis) {
        long started = System.nanoTime();
        int[] kept = result.ppmi().items();
        long[] rowNodes = new long[kept.length];
        Object[] rowIds = new Object[kept.length];
        for (int a = 0; a < kept.length; a++) {
            rowNodes[a] = items.itemNodes()[kept[a]];
            rowIds[a] = items.itemIds()[kept[a]];
        }
        new EmbeddingWriter(db, progress, termination).write(runId, items.dataset(), rowNodes, rowIds, result.embeddings(), result.norms(),
                result.spikes());
        long embeddingMillis = (System.nanoTime() - started) / 1_000_000;
        PpmiWriter ppmiWriter = new PpmiWriter(db, progress, termination);
        long digest = writtenPpmi != null ? PpmiDigest.of(items, result.ppmi()) : 0;
        String keptSet = writtenPpmi != null ? identicalKeptSet(items.dataset(), writtenPpmi, digest) : null;
        boolean write = writtenPpmi != null && keptSet == null;
        long writeStarted = System.nanoTime();
        long ppmiRelationships = write ? ppmiWriter.write(runId, items, result.ppmi(), graphTopK) : 0;
        long ppmiMillis = (System.nanoTime() - writeStarted) / 1_000_000;
        Map<String, Long> millis = new LinkedHashMap<>();
        try (Transaction tx = db.beginTx()) {
            Node run = tx.findNode(RUN, "id", runId);
            PpmiResult ppmi = result.ppmi();
            run.setProperty("n", (long) ppmi.size());
            run.setProperty("nnz", ppmi.nnz());
            run.setProperty("cooccurringPairs", ppmi.cooccurringPairs());
            run.setProperty("pairsAfterMinCount", ppmi.pairsAfterMinCount());
            run.setProperty("pairsAfterRank", ppmi.pairsAfterRank());
            run.setProperty("pairsPositive", ppmi.pairsPositive());
            setSvd(run, result.svd());
            SpkTable.write(run, result.spikes());
            extraMillis.forEach((k, v) -> run.setProperty(millisKey(k), v));
            result.millis().forEach((k, v) -> run.setProperty(millisKey(k), v));
            result.peakHeap().forEach((k, v) -> run.setProperty(peakHeapKey(k), v));
            long writeMillis = (System.nanoTime() - started) / 1_000_000;
            run.setProperty("millisWrite", writeMillis);
            millis.put("write", writeMillis);
            run.setProperty("ppmiRelationships", ppmiRelationships);
            run.setProperty("millisWritePpmi", ppmiMillis);
            run.setProperty("millisWriteEmbeddings", embeddingMillis);
            if (write) {
                run.setProperty("ppmiWrittenTopK", (long) graphTopK);
            }
            Node d = tx.findNode(DATASET, "name", items.dataset());
            if (write) {
                PpmiRecord.of(runId, "spiky.pipeline", writtenPpmi, ppmi, digest).writeTo(d);
                run.setProperty("ppmiRun", runId);
            } else if (keptSet != null) {
                run.setProperty("ppmiRun", keptSet);
            }
            if (write || keptSet != null) {
                run.setProperty("ppmiDigest", Long.toHexString(digest));
                RunPpmi.in(db).offer(write ? runId : keptSet, items, ppmi);
            }
            markFinished(run, d, runId);
            tx.commit();
        }
        if (write) {
            ppmiWriter.deleteUnused(items.dataset());
        }
        millis.put("writeEmbeddings", embeddingMillis);
        millis.put("writePpmi", ppmiMillis);
        return new Written(ppmiRelationships, millis);
    }

    /**
     * The tag of a PPMI set the dataset keeps that is the matrix this run computed (same PPMI
     * settings, same {@link PpmiDigest}): its current set, or the set of one of its finished runs;
     * null when there is none or another write is in progress. Such a run keeps that set instead
     * of writing the same relationships again. A kept set that is not the current one stays so:
     * the run names it, and spiky.svd.write, which embeds the current set, is not affected.
     */
    private String identicalKeptSet(String dataset, PpmiConfig config, long digest) {
        try (Transaction tx = db.beginTx()) {
            Node d = tx.findNode(DATASET, "name", dataset);
            if (d == null || d.hasProperty(PpmiWriter.WRITING)) {
                return null;
            }
            if (d.hasProperty("ppmiRun")) {
                PpmiRecord current = PpmiRecord.readFrom(tx, d);
                if (current != null && current.digest() == digest && current.config().equals(config)) {
                    return current.tag();
                }
            }
            String hex = Long.toHexString(digest);
            try (ResourceIterator<Node> runs = tx.findNodes(RUN, "dataset", dataset)) {
                while (runs.hasNext()) {
                    Node r = runs.next();
                    if ("finished".equals(r.getProperty("status", null)) && r.hasProperty("ppmiRun")
                            && hex.equals(r.getProperty("ppmiDigest", null))
                            && config.minCount() == ((Number) r.getProperty("minCount", -1L)).intValue()
                            && config.topK() == ((Number) r.getProperty("topK", -1L)).intValue()
                            && config.rankRule().configName().equals(r.getProperty("rankRule", null))) {
                        return (String) r.getProperty("ppmiRun");
                    }
                }
            }
            return null;
        }
    }

    /**
     * Writes a run computed by spiky.svd.write from the dataset's current PPMI relationships (begun
     * with their record among its parameters): the Embedding nodes without spike properties and
     * the SVD results, and marks it finished. Its Spk table is absent until spiky.spikes.write.
     */
    public void finishSvd(String runId, StoredPpmi ppmi, SvdResult svd, DenseBlock embeddings, double[] norms,
            Map<String, Long> millis) {
        long started = System.nanoTime();
        new EmbeddingWriter(db, progress).write(runId, ppmi.dataset(), ppmi.rowItemNodes(), ppmi.rowItemIds(), embeddings, norms,
                List.of());
        try (Transaction tx = db.beginTx()) {
            Node run = tx.findNode(RUN, "id", runId);
            run.setProperty("n", (long) ppmi.matrix().rows());
            run.setProperty("nnz", ppmi.matrix().nnz());
            setSvd(run, svd);
            millis.forEach((k, v) -> run.setProperty(millisKey(k), v));
            run.setProperty("millisWrite", (System.nanoTime() - started) / 1_000_000);
            markFinished(run, tx.findNode(DATASET, "name", ppmi.dataset()), runId);
            tx.commit();
        }
    }

    private static void setSvd(Node run, SvdResult svd) {
        run.setProperty("singularValues", svd.singularValues());
        run.setProperty("matrixProducts", (long) svd.matrixProducts());
    }

    private static void markFinished(Node run, Node dataset, String runId) {
        run.setProperty("finishedAt", ZonedDateTime.now(ZoneOffset.UTC));
        run.setProperty("status", GraphModel.RUN_FINISHED);
        dataset.setProperty("latestRun", runId);
    }

    static String peakHeapKey(String stage) {
        return "peakHeapBytes" + Character.toUpperCase(stage.charAt(0)) + stage.substring(1);
    }

    static String millisKey(String stage) {
        return "millis" + Character.toUpperCase(stage.charAt(0)) + stage.substring(1);
    }

    /** Returns what {@code work} returns; should it fail, the run is marked failed with the reason ({@link #fail}) first. */
    public <T> T failOnError(String runId, Supplier<T> work) {
        return Undo.get(work, failure -> fail(runId, failure.getMessage()));
    }

    /** As {@link #failOnError(String, Supplier)}, for work that returns nothing. */
    public void failOnError(String runId, Runnable work) {
        failOnError(runId, () -> {
            work.run();
            return null;
        });
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

    /** What {@link #delete} removed. */
    public record Deleted(String runId, String dataset, long embeddings, long ppmiRelationships, String latestRun) {}

    /**
     * Removes a finished or failed run: it is first marked failed ("deleted") and, when it was its
     * dataset's latest, the newest other finished run takes its place; then its Embedding nodes go,
     * then the run node, then the PPMI set that only it named. Should the process stop half-way,
     * what is left is a failed run, and deleting it again completes the work. A running run is
     * refused (an InvalidInputException of kind CONFLICT; an unknown one, NOT_FOUND): it would
     * finish into a deleted node.
     */
    public Deleted delete(String runId) {
        String dataset;
        String latest;
        try (Transaction tx = db.beginTx()) {
            Node run = tx.findNode(RUN, "id", runId);
            if (run == null) {
                throw InvalidInputException.notFound("runId", "no run '" + runId + "'");
            }
            if (GraphModel.RUN_RUNNING.equals(run.getProperty("status", null))) {
                throw InvalidInputException.conflict("runId", "run '" + runId + "' is still running: wait for it to finish");
            }
            dataset = (String) run.getProperty("dataset");
            Node d = tx.findNode(DATASET, "name", dataset);
            if (d != null) {
                tx.acquireWriteLock(d);
            }
            run.setProperty("status", GraphModel.RUN_FAILED);
            run.setProperty("error", "deleted");
            latest = d == null ? null : (String) d.getProperty("latestRun", null);
            if (d != null && runId.equals(latest)) {
                latest = newestFinished(tx, dataset);
                if (latest == null) {
                    d.removeProperty("latestRun");
                } else {
                    d.setProperty("latestRun", latest);
                }
            }
            tx.commit();
        }
        long embeddings = deleteEmbeddings(runId);
        try (Transaction tx = db.beginTx()) {
            Node run = tx.findNode(RUN, "id", runId);
            if (run != null) {
                run.getRelationships().forEach(Relationship::delete);
                run.delete();
            }
            tx.commit();
        }
        long ppmi = new PpmiWriter(db, progress).deleteUnused(dataset).deleted();
        return new Deleted(runId, dataset, embeddings, ppmi, latest);
    }

    private static String newestFinished(Transaction tx, String dataset) {
        Node newest = null;
        try (ResourceIterator<Node> runs = tx.findNodes(RUN, "dataset", dataset)) {
            while (runs.hasNext()) {
                Node r = runs.next();
                if (GraphModel.RUN_FINISHED.equals(r.getProperty("status", null)) && (newest == null
                        || ((ZonedDateTime) r.getProperty("finishedAt")).isAfter((ZonedDateTime) newest.getProperty("finishedAt")))) {
                    newest = r;
                }
            }
        }
        return newest == null ? null : (String) newest.getProperty("id");
    }

    /** Deleting is undoing (a failed run, a deleted one): it runs to its end, whatever termination says. */
    private long deleteEmbeddings(String runId) {
        return new BatchedWrites(db, Progress.NONE, Termination.NONE).untilDone(BatchedWrites.NODES, (tx, limit) -> {
            int deleted = 0;
            try (ResourceIterator<Node> it = tx.findNodes(EMBEDDING, "run", runId)) {
                while (it.hasNext() && deleted < limit) {
                    Node n = it.next();
                    n.getRelationships().forEach(Relationship::delete);
                    n.delete();
                    deleted++;
                }
            }
            return deleted;
        });
    }

    private void deleteResults(String runId) {
        deleteEmbeddings(runId);
        String dataset;
        try (Transaction tx = db.beginTx()) {
            Node run = tx.findNode(RUN, "id", runId);
            if (run == null) {
                return;
            }
            dataset = (String) run.getProperty("dataset");
        }
        // PPMI relationships that a failed run wrote hang off the items of its dataset.
        new PpmiWriter(db, progress).delete(dataset, runId);
    }
}
