package spiky.graph;

import static spiky.graph.GraphModel.EMBEDDING;
import static spiky.graph.GraphModel.HAS_EMBEDDING;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;
import spiky.algo.Termination;
import spiky.data.LongIntHashMap;

/**
 * The items a run embedded, each with its norm and its spike at one f', in a fixed order (by
 * Item node id) so that the same graph always gives the same arrays; what the report procedures
 * read before they look at the PPMI set.
 *
 * @param items   in node order
 * @param rowOf   Item node id → position in {@code items}
 */
public record EmbeddedItems(List<Item> items, LongIntHashMap rowOf) {
    /** One embedded item; {@code spike} is the peak item id at f' (null when uncovered, or without f'). */
    public record Item(Node node, Object spike, double norm) {}

    /**
     * Reads them in {@code tx}.
     *
     * @param spikeKey    the Embedding property of the level (spike&lt;f'&gt;), or null for none
     * @param coveredOnly keep only the items the spikes cover
     */
    public static EmbeddedItems read(Transaction tx, String runId, String spikeKey, boolean coveredOnly, Termination termination) {
        List<Item> items = new ArrayList<>();
        long seen = 0;
        try (ResourceIterator<Node> it = tx.findNodes(EMBEDDING, "run", runId)) {
            while (it.hasNext()) {
                Node e = it.next();
                Object spike = spikeKey == null ? null : e.getProperty(spikeKey, null);
                Relationship from = coveredOnly && spike == null ? null : e.getSingleRelationship(HAS_EMBEDDING, Direction.INCOMING);
                if (from != null) {
                    items.add(new Item(from.getStartNode(), spike, ((Number) e.getProperty("norm")).doubleValue()));
                }
                if ((++seen & 1023) == 0) {
                    termination.check();
                }
            }
        }
        items.sort(Comparator.comparingLong(x -> x.node().getId()));
        LongIntHashMap rowOf = new LongIntHashMap(Math.max(items.size(), 1));
        for (int i = 0; i < items.size(); i++) {
            rowOf.putIfAbsent(items.get(i).node().getId(), i);
        }
        return new EmbeddedItems(items, rowOf);
    }

    public int size() {
        return items.size();
    }

    public Item get(int i) {
        return items.get(i);
    }

    /** The position of an Item node, or -1 when the run did not embed it (or it is not covered). */
    public int row(long itemNode) {
        return rowOf.get(itemNode);
    }
}
