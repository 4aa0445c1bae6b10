package spiky.graph;

import static spiky.graph.GraphModel.DATASET;
import static spiky.graph.GraphModel.IN;
import static spiky.graph.GraphModel.ITEM;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.algo.Termination;
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
        try (Transaction tx = db.beginTx()) {
            Node d = readyDataset(tx, dataset);
            if (until != null && !Boolean.TRUE.equals(d.getProperty("hasTimestamps", false))) {
                throw InvalidInputException.parameter("until", "dataset '" + dataset + "' was imported without timestamps");
            }
            long expected = ((Number) d.getProperty("interactions", 0L)).longValue();
            List<Node> items = items(tx, dataset);
            int n = items.size();
            long[] itemNodes = new long[n];
            Object[] ids = new Object[n];
            int[] itemOf = new int[(int) expected];
            int[] contextOf = new int[(int) expected];
            LongIntHashMap contextIndex = new LongIntHashMap(1024);
            int k = 0;
            for (int i = 0; i < n; i++) {
                Node item = items.get(i);
                itemNodes[i] = item.getId();
                ids[i] = item.getProperty("id");
                for (Relationship r : item.getRelationships(Direction.OUTGOING, IN)) {
                    if (until != null && ((Number) r.getProperty("timestamp", Long.MAX_VALUE)).longValue() > until) {
                        continue;
                    }
                    long contextNode = r.getEndNodeId();
                    int c = contextIndex.putIfAbsent(contextNode, contextIndex.size());
                    if (c < 0) {
                        c = contextIndex.size() - 1;
                    }
                    if (k == itemOf.length) {
                        itemOf = Arrays.copyOf(itemOf, k * 2 + 16);
                        contextOf = Arrays.copyOf(contextOf, k * 2 + 16);
                    }
                    itemOf[k] = i;
                    contextOf[k] = c;
                    k++;
                }
                if ((i & 1023) == 0) {
                    termination.check();
                    progress.report("reading " + dataset, i, n);
                }
            }
            progress.report("reading " + dataset, n, n);
            return new DatasetArrays(dataset, itemNodes, ids, keyRank(ids), contextIndex.size(),
                    Arrays.copyOf(itemOf, k), Arrays.copyOf(contextOf, k));
        }
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
