package spiky.server.db;

import java.util.concurrent.atomic.AtomicLong;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;
import org.neo4j.graphdb.event.LabelEntry;
import org.neo4j.graphdb.event.PropertyEntry;
import org.neo4j.graphdb.event.TransactionData;
import org.neo4j.graphdb.event.TransactionEventListener;
import spiky.graph.GraphModel;

/**
 * A counter that moves after every committed transaction that creates, changes or deletes an
 * EmbeddingRun or a Dataset node: what a report of a run depends on besides the run's own items
 * (a run's Spk table, status and spikes change with its node; a dataset's PPMI set with its
 * Dataset node). The API keeps a run's record for as long as the counter stays put, so a cached
 * report costs no query; the bulk writes of a pipeline run (embeddings, PPMI relationships) do
 * not move it.
 */
public final class RunChanges implements TransactionEventListener<Boolean> {
    private static final Label[] WATCHED = {GraphModel.RUN, GraphModel.DATASET};

    private final AtomicLong generation = new AtomicLong();

    public long generation() {
        return generation.get();
    }

    @Override
    public Boolean beforeCommit(TransactionData data, Transaction tx, GraphDatabaseService db) {
        for (LabelEntry e : data.assignedLabels()) {
            if (watched(e.label())) {
                return true;
            }
        }
        for (LabelEntry e : data.removedLabels()) {
            if (watched(e.label())) {
                return true;
            }
        }
        return touches(data, data.assignedNodeProperties()) || touches(data, data.removedNodeProperties());
    }

    private static boolean touches(TransactionData data, Iterable<PropertyEntry<Node>> entries) {
        long last = -1;
        for (PropertyEntry<Node> e : entries) {
            Node n = e.entity();
            long id = n.getId();
            if (id == last || data.isDeleted(n)) {
                continue; // entries come grouped by node: one label check per node
            }
            last = id;
            for (Label l : WATCHED) {
                if (n.hasLabel(l)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean watched(Label label) {
        return label.name().equals(GraphModel.RUN.name()) || label.name().equals(GraphModel.DATASET.name());
    }

    @Override
    public void afterCommit(TransactionData data, Boolean touched, GraphDatabaseService db) {
        if (Boolean.TRUE.equals(touched)) {
            generation.incrementAndGet();
        }
    }

    @Override
    public void afterRollback(TransactionData data, Boolean touched, GraphDatabaseService db) {}
}
