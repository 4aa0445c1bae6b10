package spiky.importer.bulk;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import spiky.data.IdType;
import spiky.data.Interactions;
import spiky.data.InteractionsBuilder;
import spiky.graph.GraphModel;
import spiky.graph.PpmiSets;

/**
 * One dataset laid out as the nodes and relationships of cypher/schema.cypher, addressed by
 * dense ids so that a bulk writer can fill any range of them from any thread: items are nodes
 * {@code 0 … items-1}, contexts follow, the Dataset node is last; relationship {@code k} is
 * interaction {@code k}, an {@code IN} from its item to its context. Nothing is copied: every
 * node and relationship is read from the {@link Interactions} arrays when asked for.
 */
public final class BulkGraph {
    public static final String[] ITEM_LABELS = {GraphModel.ITEM.name()};
    public static final String[] CONTEXT_LABELS = {GraphModel.CONTEXT.name()};
    public static final String[] DATASET_LABELS = {GraphModel.DATASET.name()};
    public static final String IN_TYPE = GraphModel.IN.name();

    /** Receives one property of a node or relationship. */
    @FunctionalInterface
    public interface PropertySink {
        void property(String key, Object value);
    }

    private final String name;
    private final Interactions data;
    private final Map<String, Object> datasetProperties;
    private final boolean integerItems;
    private final boolean integerContexts;

    /**
     * @param extra the Dataset node's own properties (format, source, …), as the transactional writer takes them
     */
    public BulkGraph(String name, Interactions data, Map<String, Object> extra, double writeSeconds) {
        this.name = name;
        this.data = data;
        this.integerItems = data.integerItemIds();
        this.integerContexts = data.integerContextIds();
        this.datasetProperties = datasetProperties(name, data, extra, writeSeconds, integerItems, integerContexts);
    }

    /** The Dataset node's properties: the ones the transactional writer sets, status already 'ready' (the store is swapped in only when whole). */
    private static Map<String, Object> datasetProperties(String name, Interactions data, Map<String, Object> extra, double writeSeconds,
            boolean integerItems, boolean integerContexts) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        extra.forEach((k, v) -> {
            if (v != null) {
                p.put(k, v);
            }
        });
        p.put("items", (long) data.itemCount());
        p.put("contexts", (long) data.contextCount());
        p.put("interactions", (long) data.size());
        p.put("rowsRead", data.rowsRead());
        p.put("rowsSkipped", data.rowsSkipped());
        p.put("duplicates", data.duplicates());
        p.put("hasTimestamps", data.timestamps() != null);
        p.put("hasWeights", data.weights() != null);
        p.put("hasTruth", data.itemTruth() != null);
        p.put("itemIdType", integerItems ? "integer" : "string");
        p.put("contextIdType", integerContexts ? "integer" : "string");
        p.put("importedAt", ZonedDateTime.now(ZoneOffset.UTC));
        p.put("writeSeconds", writeSeconds);
        p.put("status", GraphModel.STATUS_READY);
        p.put(PpmiSets.PROPERTY, PpmiSets.none());
        return p;
    }

    public String name() {
        return name;
    }

    public long nodeCount() {
        return (long) data.itemCount() + data.contextCount() + 1;
    }

    public long relationshipCount() {
        return data.size();
    }

    public long datasetNode() {
        return (long) data.itemCount() + data.contextCount();
    }

    public String[] labelsOf(long node) {
        if (node < data.itemCount()) {
            return ITEM_LABELS;
        }
        return node < datasetNode() ? CONTEXT_LABELS : DATASET_LABELS;
    }

    public void nodeProperties(long node, PropertySink sink) {
        if (node < data.itemCount()) {
            int i = (int) node;
            sink.property("dataset", name);
            sink.property("id", IdType.value(data.itemKeys()[i], integerItems));
            String itemName = data.itemNames()[i];
            if (itemName != null) {
                sink.property("name", itemName);
            }
            Interactions.Truth truth = data.itemTruth();
            if (truth != null) {
                sink.property("trueCommunity", (long) truth.community()[i]);
                sink.property("theta", truth.theta()[i]);
            }
        } else if (node < datasetNode()) {
            int c = (int) (node - data.itemCount());
            sink.property("dataset", name);
            sink.property("id", IdType.value(data.contextKeys()[c], integerContexts));
        } else {
            datasetProperties.forEach(sink::property);
        }
    }

    public long startNode(long relationship) {
        return data.itemOf()[(int) relationship];
    }

    public long endNode(long relationship) {
        return (long) data.itemCount() + data.contextOf()[(int) relationship];
    }

    public void relationshipProperties(long relationship, PropertySink sink) {
        int k = (int) relationship;
        long[] ts = data.timestamps();
        if (ts != null && ts[k] != InteractionsBuilder.NO_TIMESTAMP) {
            sink.property("timestamp", ts[k]);
        }
        double[] w = data.weights();
        if (w != null && !Double.isNaN(w[k])) {
            sink.property("weight", w[k]);
        }
    }

    /** This dataset as the importer's whole input: node ids from 0. */
    public BulkSource source() {
        return source(() -> 0L);
    }

    /**
     * This dataset as part of the importer's input, its node {@code k} being the store's node
     * {@code base + k}; {@code base} is read as each entity is written (for a rebuild it is known
     * only once the old store's nodes have been handed out).
     */
    BulkSource source(java.util.function.LongSupplier base) {
        BulkGraph graph = this;
        return new BulkSource() {
            @Override
            public Batches nodes() {
                return new RangeBatches(nodeCount(), (k, sink) -> {
                    sink.id(base.getAsLong() + k);
                    sink.labels(labelsOf(k));
                    nodeProperties(k, sink::property);
                });
            }

            @Override
            public Batches relationships() {
                return new RangeBatches(relationshipCount(), (k, sink) -> {
                    long b = base.getAsLong();
                    sink.startId(b + startNode(k));
                    sink.endId(b + endNode(k));
                    sink.type(IN_TYPE);
                    relationshipProperties(k, sink::property);
                });
            }

            @Override
            public long nodeCount() {
                return graph.nodeCount();
            }

            @Override
            public long relationshipCount() {
                return graph.relationshipCount();
            }

            @Override
            public long nodePropertyCount() {
                return graph.nodePropertyCount();
            }

            @Override
            public long relationshipPropertyCount() {
                return graph.relationshipPropertyCount();
            }
        };
    }

    /** Properties per item node, on average (for the importer's estimates). */
    public long nodePropertyCount() {
        long perItem = 2 + (data.itemTruth() != null ? 2 : 0);
        long named = 0;
        for (String n : data.itemNames()) {
            if (n != null) {
                named++;
            }
        }
        return perItem * data.itemCount() + named + 2L * data.contextCount() + datasetProperties.size();
    }

    public long relationshipPropertyCount() {
        return ((data.timestamps() != null ? 1L : 0) + (data.weights() != null ? 1L : 0)) * data.size();
    }
}
