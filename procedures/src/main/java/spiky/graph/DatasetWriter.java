package spiky.graph;

import static spiky.graph.GraphModel.CONTEXT;
import static spiky.graph.GraphModel.DATASET;
import static spiky.graph.GraphModel.IN;
import static spiky.graph.GraphModel.ITEM;

import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.Transaction;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.algo.Termination;
import spiky.data.IdType;
import spiky.data.Interactions;
import spiky.data.InteractionsBuilder;

/**
 * Writes a whole dataset into the graph model of cypher/schema.cypher, in large batches, and owns
 * its atomicity: the Dataset node is marked 'importing' first and 'ready' last; if anything
 * fails in between, what was written is erased, and a crash leaves an 'importing' dataset that
 * {@link DatasetEraser#eraseUnfinished} removes at the next start-up.
 */
public final class DatasetWriter {
    /**
     * Nodes per transaction of an import, and a quarter of its relationships per transaction
     * (80,000): larger than {@link BatchedWrites#NODES} and {@link BatchedWrites#RELATIONSHIPS}
     * because an import writes nodes of a few properties and relationships of at most two, into a
     * dataset no report reads until it is ready, so its transactions are sized for throughput.
     */
    public static final int DEFAULT_BATCH = 20_000;

    private final GraphDatabaseService db;
    private final int batchSize;
    private final Progress progress;

    public DatasetWriter(GraphDatabaseService db, int batchSize, Progress progress) {
        this.db = db;
        this.batchSize = batchSize;
        this.progress = progress;
    }

    public DatasetWriter(GraphDatabaseService db) {
        this(db, DEFAULT_BATCH, Progress.NONE);
    }

    /**
     * Writes {@code data} as dataset {@code name}.
     *
     * @param extra   properties for the Dataset node (format, source, ...)
     * @param replace erase an existing dataset of that name first; without it, an existing name is an error
     */
    public void write(String name, Interactions data, Map<String, Object> extra, boolean replace) {
        DatasetNames.check(name);
        if (data.size() == 0) {
            throw InvalidInputException.of("Dataset '" + name + "' has no interactions: nothing to import");
        }
        Schema.apply(db);
        DatasetEraser eraser = new DatasetEraser(db, progress);
        String existing = eraser.status(name);
        if (existing != null) {
            if (!replace && GraphModel.STATUS_READY.equals(existing)) {
                throw InvalidInputException.of("Dataset '" + name + "' already exists: use replace (--replace) to import it again");
            }
            eraser.erase(name);
        }
        long started = System.nanoTime();
        try (Transaction tx = db.beginTx()) {
            Node d = tx.createNode(DATASET);
            d.setProperty("name", name);
            d.setProperty("status", GraphModel.STATUS_IMPORTING);
            tx.commit();
        }
        Undo.run(() -> {
            writeAll(name, data);
            long seconds = Math.max(0, System.nanoTime() - started);
            try (Transaction tx = db.beginTx()) {
                Node d = tx.findNode(DATASET, "name", name);
                for (Map.Entry<String, Object> e : extra.entrySet()) {
                    if (e.getValue() != null) {
                        d.setProperty(e.getKey(), e.getValue());
                    }
                }
                d.setProperty("items", (long) data.itemCount());
                d.setProperty("contexts", (long) data.contextCount());
                d.setProperty("interactions", (long) data.size());
                d.setProperty("rowsRead", data.rowsRead());
                d.setProperty("rowsSkipped", data.rowsSkipped());
                d.setProperty("duplicates", data.duplicates());
                d.setProperty("hasTimestamps", data.timestamps() != null);
                d.setProperty("hasWeights", data.weights() != null);
                d.setProperty("hasTruth", data.itemTruth() != null);
                d.setProperty("itemIdType", data.integerItemIds() ? "integer" : "string");
                d.setProperty("contextIdType", data.integerContextIds() ? "integer" : "string");
                d.setProperty("importedAt", ZonedDateTime.now(ZoneOffset.UTC));
                d.setProperty("writeSeconds", seconds / 1e9);
                d.setProperty("status", GraphModel.STATUS_READY);
                tx.commit();
            }
        }, () -> eraser.erase(name));
    }

    private void writeAll(String name, Interactions data) {
        boolean integerItems = data.integerItemIds();
        boolean integerContexts = data.integerContextIds();
        long[] itemNodes = new long[data.itemCount()];
        long[] contextNodes = new long[data.contextCount()];
        long total = (long) data.itemCount() + data.contextCount() + data.size();
        long contextsFrom = itemNodes.length;
        long interactionsFrom = contextsFrom + contextNodes.length;
        // Progress counts items, then contexts, then interactions, against one total.
        BatchedWrites items = new BatchedWrites(db, (stage, done, n) -> progress.report(stage, done, total), Termination.NONE);
        BatchedWrites contexts = new BatchedWrites(db, (stage, done, n) -> progress.report(stage, contextsFrom + done, total), Termination.NONE);
        BatchedWrites interactions = new BatchedWrites(db, (stage, done, n) -> progress.report(stage, interactionsFrom + done, total),
                Termination.NONE);

        String[] names = data.itemNames();
        Interactions.Truth truth = data.itemTruth();
        items.ranges("writing items", itemNodes.length, batchSize, (tx, start, end) -> {
            for (int i = start; i < end; i++) {
                Node n = tx.createNode(ITEM);
                n.setProperty("dataset", name);
                n.setProperty("id", IdType.value(data.itemKeys()[i], integerItems));
                if (names[i] != null) {
                    n.setProperty("name", names[i]);
                }
                if (truth != null) {
                    n.setProperty("trueCommunity", (long) truth.community()[i]);
                    n.setProperty("theta", truth.theta()[i]);
                }
                itemNodes[i] = n.getId();
            }
            return null;
        });
        contexts.ranges("writing contexts", contextNodes.length, batchSize, (tx, start, end) -> {
            for (int c = start; c < end; c++) {
                Node n = tx.createNode(CONTEXT);
                n.setProperty("dataset", name);
                n.setProperty("id", IdType.value(data.contextKeys()[c], integerContexts));
                contextNodes[c] = n.getId();
            }
            return null;
        });
        int[] itemOf = data.itemOf();
        int[] contextOf = data.contextOf();
        long[] ts = data.timestamps();
        double[] w = data.weights();
        interactions.ranges("writing interactions", itemOf.length, batchSize * 4, (tx, start, end) -> {
            for (int k = start; k < end; k++) {
                Node item = tx.getNodeById(itemNodes[itemOf[k]]);
                Node context = tx.getNodeById(contextNodes[contextOf[k]]);
                Relationship r = item.createRelationshipTo(context, IN);
                if (ts != null && ts[k] != InteractionsBuilder.NO_TIMESTAMP) {
                    r.setProperty("timestamp", ts[k]);
                }
                if (w != null && !Double.isNaN(w[k])) {
                    r.setProperty("weight", w[k]);
                }
            }
            return null;
        });
    }
}
