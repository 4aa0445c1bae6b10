package spiky.graph;

import static spiky.graph.GraphModel.DATASET;
import static spiky.graph.GraphModel.IN;
import static spiky.graph.GraphModel.ITEM;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.algo.Parallel;
import spiky.algo.Termination;
import spiky.algo.pipeline.PipelineConfig;
import spiky.data.LongIntHashMap;

/** Reads a finished dataset's items and interactions into {@link DatasetArrays}, in one read transaction. */
public final class DatasetReader {
    private DatasetReader() {}

    public static DatasetArrays read(GraphDatabaseService db, String dataset, Progress progress, Termination termination) {
        return read(db, dataset, null, progress, termination);
    }

    /**
     * @param until when not null, only interactions with a timestamp ≤ until (epoch seconds): the
     *              dataset as it was then. Items keep their index (every item is listed) so that
     *              runs at several moments share one item order.
     */
    public static DatasetArrays read(GraphDatabaseService db, String dataset, Long until, Progress progress, Termination termination) {
        return read(db, dataset, until, PipelineConfig.DEFAULT_CONCURRENCY, progress, termination);
    }

    /**
     * As {@link #read(GraphDatabaseService, String, Long, Progress, Termination)}, on
     * {@code concurrency} threads: ranges of items, each in a read transaction of its own, collect
     * their context node ids, then one pass numbers the contexts in order of first appearance, so
     * the arrays are the same whatever the concurrency. A dataset is not changed once it is ready,
     * so the ranges' transactions see the same data. Transient heap: 8 bytes per interaction.
     */
    public static DatasetArrays read(GraphDatabaseService db, String dataset, Long until, int concurrency, Progress progress,
            Termination termination) {
        long[] itemNodes;
        long expected;
        try (Transaction tx = db.beginTx()) {
            Node d = readyDataset(tx, dataset);
            if (until != null && !Boolean.TRUE.equals(d.getProperty("hasTimestamps", false))) {
                throw InvalidInputException.parameter("until", "dataset '" + dataset + "' was imported without timestamps");
            }
            expected = ((Number) d.getProperty("interactions", 0L)).longValue();
            itemNodes = items(tx, dataset).stream().mapToLong(Node::getId).toArray();
        }
        int n = itemNodes.length;
        Object[] ids = new Object[n];
        int[] kept = new int[n];
        int chunk = Parallel.chunk(n, concurrency);
        long[][] contextNodes = new long[(n + chunk - 1) / chunk][];
        AtomicInteger read = new AtomicInteger();
        Parallel.forRange(n, concurrency, chunk, termination, (from, to) -> {
            long[] ends = new long[(int) Math.min(Integer.MAX_VALUE - 8, expected * (to - from) / Math.max(1, n) + 16)];
            int m = 0;
            try (Transaction tx = db.beginTx()) {
                for (int i = from; i < to; i++) {
                    Node item = tx.getNodeById(itemNodes[i]);
                    ids[i] = item.getProperty("id");
                    for (Relationship r : item.getRelationships(Direction.OUTGOING, IN)) {
                        if (until != null && ((Number) r.getProperty("timestamp", Long.MAX_VALUE)).longValue() > until) {
                            continue;
                        }
                        if (m == ends.length) {
                            ends = Arrays.copyOf(ends, m + (m >> 1) + 16);
                        }
                        ends[m++] = r.getEndNodeId();
                        kept[i]++;
                    }
                    if ((i & 1023) == 0) {
                        termination.check();
                    }
                }
            }
            contextNodes[from / chunk] = m == ends.length ? ends : Arrays.copyOf(ends, m);
            progress.report("reading " + dataset, read.addAndGet(to - from), n);
        });
        long total = 0;
        for (long[] ends : contextNodes) {
            total += ends.length;
        }
        int[] itemOf = new int[(int) total];
        int[] contextOf = new int[(int) total];
        LongIntHashMap contextIndex = new LongIntHashMap(1024);
        int k = 0;
        for (int c = 0; c < contextNodes.length; c++) {
            long[] ends = contextNodes[c];
            contextNodes[c] = null;
            int p = 0;
            for (int i = c * chunk, to = Math.min(n, i + chunk); i < to; i++) {
                for (int j = 0; j < kept[i]; j++) {
                    int x = contextIndex.putIfAbsent(ends[p++], contextIndex.size());
                    itemOf[k] = i;
                    contextOf[k] = x < 0 ? contextIndex.size() - 1 : x;
                    k++;
                }
            }
        }
        progress.report("reading " + dataset, n, n);
        return new DatasetArrays(dataset, itemNodes, ids, keyRank(ids), contextIndex.size(), itemOf, contextOf);
    }

    /** The Dataset node of a dataset that finished importing; an error naming the parameter otherwise. */
    public static Node readyDataset(Transaction tx, String dataset) {
        Node d = tx.findNode(DATASET, "name", dataset);
        if (d == null || !GraphModel.STATUS_READY.equals(d.getProperty("status", null))) {
            throw InvalidInputException.parameter("dataset", "no dataset named '" + dataset + "'");
        }
        return d;
    }

    /**
     * The dataset's items in their canonical order, by node id: the item index of every array
     * read from the graph. The seeded SVD sketch depends on the order of the rows, so the PPMI
     * matrix that spiky.svd.write reads back must list its items in the order that spiky.pipeline
     * computed it in; an explicit order does not leave that to the index's iteration order.
     */
    public static List<Node> items(Transaction tx, String dataset) {
        List<Node> items = new ArrayList<>();
        try (ResourceIterator<Node> it = tx.findNodes(ITEM, "dataset", dataset)) {
            it.forEachRemaining(items::add);
        }
        items.sort(Comparator.comparingLong(Node::getId));
        return items;
    }

    /** The rank of each id in key order: numeric when every id is an integer, else by string. */
    public static int[] keyRank(Object[] ids) {
        boolean numeric = Arrays.stream(ids).allMatch(id -> id instanceof Long);
        Integer[] order = new Integer[ids.length];
        for (int i = 0; i < ids.length; i++) {
            order[i] = i;
        }
        Comparator<Integer> byKey = numeric
                ? Comparator.comparingLong(i -> (Long) ids[i])
                : Comparator.comparing(i -> ids[i].toString());
        Arrays.sort(order, byKey);
        int[] rank = new int[ids.length];
        for (int r = 0; r < order.length; r++) {
            rank[order[r]] = r;
        }
        return rank;
    }
}
