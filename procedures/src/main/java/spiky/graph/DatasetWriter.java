package spiky.graph;

import static spiky.graph.GraphModel.CONTEXT;
import static spiky.graph.GraphModel.DATASET;
import static spiky.graph.GraphModel.IN;
import static spiky.graph.GraphModel.ITEM;

import java.time.ZonedDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;
import org.neo4j.internal.kernel.api.Write;
import org.neo4j.values.storable.TextValue;
import org.neo4j.values.storable.Value;
import org.neo4j.values.storable.Values;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.algo.Termination;
import spiky.data.InteractionGrid;
import spiky.data.Interactions;
import spiky.data.InteractionsBuilder;

/**
 * Writes a whole dataset into the graph model of cypher/schema.cypher, in large batches, and owns
 * its atomicity: the Dataset node is marked 'importing' first and 'ready' last; if anything
 * fails in between, what was written is erased, and a crash leaves an 'importing' dataset that
 * {@link DatasetEraser#eraseUnfinished} removes at the next start-up.
 *
 * The write goes through the kernel API ({@link KernelWrites}) from {@code writers} threads: items
 * and contexts side by side, then the interactions dealt into an {@link InteractionGrid}, whose
 * rounds give each writer items and contexts no other writer touches at the same time (creating
 * a relationship locks both of its nodes). They can still meet on a relationship of an earlier
 * round that heads both an item's chain of one writer and a context's chain of another (both
 * relink it); a batch that fails with such a deadlock, or one with another client, is rolled back
 * and tried again ({@link ParallelBatches}). Each writer holds one batch's transaction state.
 */
public final class DatasetWriter {
    /**
     * Nodes per transaction of an import, and a quarter of its relationships per transaction
     * (80,000): larger than {@link BatchedWrites#NODES} and {@link BatchedWrites#RELATIONSHIPS}
     * because an import writes nodes of a few properties and relationships of at most two, into a
     * dataset no report reads until it is ready, so its transactions are sized for throughput.
     */
    public static final int DEFAULT_BATCH = 20_000;

    /**
     * Writer threads: 1 unless the system property {@code spiky.import.writers} says otherwise
     * (benchmarks: bench/tx-import.sh). Measured on 2 shared cores (bench/RESULTS.md, "The
     * transactional path: kernel API and parallel writers"), 2 writers wrote no faster than 1: the
     * machine had no idle core, and from the second round of the grid on, writers meet on the
     * relationships that head both an item's chain and a context's chain, so their commits wait
     * for one another (and now and then deadlock and retry). One writer keeps the store's order of
     * relationships exactly as the data lists them.
     */
    public static int defaultWriters() {
        String forced = System.getProperty("spiky.import.writers");
        return forced == null ? 1 : Math.max(1, Integer.parseInt(forced.trim()));
    }

    private final GraphDatabaseService db;
    private final int batchSize;
    private final int writers;
    private final Progress progress;
    private int retries;

    public DatasetWriter(GraphDatabaseService db, int batchSize, int writers, Progress progress) {
        if (batchSize < 1 || writers < 1) {
            throw new IllegalArgumentException("batchSize and writers must be at least 1, not " + batchSize + " and " + writers);
        }
        this.db = db;
        this.batchSize = batchSize;
        this.writers = writers;
        this.progress = progress;
    }

    public DatasetWriter(GraphDatabaseService db, int batchSize, Progress progress) {
        this(db, batchSize, defaultWriters(), progress);
    }

    public DatasetWriter(GraphDatabaseService db) {
        this(db, DEFAULT_BATCH, Progress.NONE);
    }

    /** Transactions of the last write tried again after a transient failure (a deadlock with another client). */
    public int retries() {
        return retries;
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
            d.setProperty(PpmiSets.PROPERTY, PpmiSets.none());
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
        Tokens tokens = tokens(data);
        long[] itemNodes = new long[data.itemCount()];
        long[] contextNodes = new long[data.contextCount()];
        long total = (long) data.itemCount() + data.contextCount() + data.size();
        long interactionsFrom = (long) itemNodes.length + contextNodes.length;
        // Progress counts items and contexts, then interactions, against one total.
        ParallelBatches nodes = new ParallelBatches(db, writers, (stage, done, n) -> progress.report(stage, done, total), Termination.NONE);
        ParallelBatches interactions = new ParallelBatches(db, writers,
                (stage, done, n) -> progress.report(stage, interactionsFrom + done, total), Termination.NONE);

        // With more than one writer, items and contexts side by side: each keeps its own order of
        // node ids (items are read back in node-id order, DatasetReader), and no relationship
        // exists yet to share a lock. With one, items then contexts, as the data lists them.
        nodes.run("writing items and contexts", interactionsFrom, List.of(List.of(
                new ParallelBatches.Slice(itemWrite(name, data, tokens, itemNodes), 0, itemNodes.length, batchSize),
                new ParallelBatches.Slice(contextWrite(name, data, tokens, contextNodes), 0, contextNodes.length, batchSize))));

        InteractionGrid grid = InteractionGrid.of(data.itemOf(), data.contextOf(), writers);
        BatchedWrites.RangeWrite<Void> write = interactionWrite(data, tokens, grid, itemNodes, contextNodes);
        List<List<ParallelBatches.Slice>> rounds = new ArrayList<>();
        for (int r = 0; r < grid.groups(); r++) {
            List<ParallelBatches.Slice> round = new ArrayList<>();
            for (int w = 0; w < grid.groups(); w++) {
                int b = grid.blockOf(r, w);
                round.add(new ParallelBatches.Slice(write, grid.start(b), grid.end(b), batchSize * 4));
            }
            rounds.add(round);
        }
        interactions.run("writing interactions", data.size(), rounds);
        retries = nodes.retries() + interactions.retries();
    }

    /** Token ids of what the dataset writes, resolved once (creating the ones the store lacks); -1 for what it does not write. */
    private record Tokens(int item, int context, int in, int dataset, int id, int name, int trueCommunity, int theta, int timestamp, int weight) {}

    private Tokens tokens(Interactions data) {
        try (Transaction tx = db.beginTx()) {
            boolean names = Arrays.stream(data.itemNames()).anyMatch(n -> n != null);
            boolean truth = data.itemTruth() != null;
            Tokens t = new Tokens(KernelWrites.label(tx, ITEM.name()), KernelWrites.label(tx, CONTEXT.name()),
                    KernelWrites.relationshipType(tx, IN.name()), KernelWrites.propertyKey(tx, "dataset"), KernelWrites.propertyKey(tx, "id"),
                    names ? KernelWrites.propertyKey(tx, "name") : -1,
                    truth ? KernelWrites.propertyKey(tx, "trueCommunity") : -1, truth ? KernelWrites.propertyKey(tx, "theta") : -1,
                    data.timestamps() != null ? KernelWrites.propertyKey(tx, "timestamp") : -1,
                    data.weights() != null ? KernelWrites.propertyKey(tx, "weight") : -1);
            tx.commit();
            return t;
        }
    }

    private static BatchedWrites.RangeWrite<Void> itemWrite(String name, Interactions data, Tokens t, long[] itemNodes) {
        TextValue dataset = Values.stringValue(name);
        boolean integers = data.integerItemIds();
        String[] keys = data.itemKeys();
        String[] names = data.itemNames();
        Interactions.Truth truth = data.itemTruth();
        int[] labels = {t.item()};
        return (tx, start, end) -> KernelWrites.unchecked(() -> {
            Write w = KernelWrites.write(tx);
            for (int i = start; i < end; i++) {
                long n = w.nodeCreateWithLabels(labels);
                w.nodeSetProperty(n, t.dataset(), dataset);
                w.nodeSetProperty(n, t.id(), idValue(keys[i], integers));
                if (names[i] != null) {
                    w.nodeSetProperty(n, t.name(), Values.stringValue(names[i]));
                }
                if (truth != null) {
                    w.nodeSetProperty(n, t.trueCommunity(), Values.longValue(truth.community()[i]));
                    w.nodeSetProperty(n, t.theta(), Values.doubleValue(truth.theta()[i]));
                }
                itemNodes[i] = n;
            }
            return null;
        });
    }

    private static BatchedWrites.RangeWrite<Void> contextWrite(String name, Interactions data, Tokens t, long[] contextNodes) {
        TextValue dataset = Values.stringValue(name);
        boolean integers = data.integerContextIds();
        String[] keys = data.contextKeys();
        int[] labels = {t.context()};
        return (tx, start, end) -> KernelWrites.unchecked(() -> {
            Write w = KernelWrites.write(tx);
            for (int c = start; c < end; c++) {
                long n = w.nodeCreateWithLabels(labels);
                w.nodeSetProperty(n, t.dataset(), dataset);
                w.nodeSetProperty(n, t.id(), idValue(keys[c], integers));
                contextNodes[c] = n;
            }
            return null;
        });
    }

    /** Writes the grid positions [start, end): one IN relationship per interaction, with its timestamp and weight when it has them. */
    private static BatchedWrites.RangeWrite<Void> interactionWrite(Interactions data, Tokens t, InteractionGrid grid, long[] itemNodes,
            long[] contextNodes) {
        int[] itemOf = data.itemOf();
        int[] contextOf = data.contextOf();
        long[] ts = data.timestamps();
        double[] weights = data.weights();
        return (tx, start, end) -> KernelWrites.unchecked(() -> {
            Write w = KernelWrites.write(tx);
            for (int p = start; p < end; p++) {
                int k = grid.interaction(p);
                long r = w.relationshipCreate(itemNodes[itemOf[k]], t.in(), contextNodes[contextOf[k]]);
                if (ts != null && ts[k] != InteractionsBuilder.NO_TIMESTAMP) {
                    w.relationshipSetProperty(r, t.timestamp(), Values.longValue(ts[k]));
                }
                if (weights != null && !Double.isNaN(weights[k])) {
                    w.relationshipSetProperty(r, t.weight(), Values.doubleValue(weights[k]));
                }
            }
            return null;
        });
    }

    /** The stored id: a long when the dataset's ids are integers, else the string (IdType). */
    private static Value idValue(String key, boolean integers) {
        return integers ? Values.longValue(Long.parseLong(key)) : Values.stringValue(key);
    }
}
