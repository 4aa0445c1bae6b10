package spiky.graph;

import static spiky.graph.GraphModel.DATASET;

import java.util.ArrayList;
import java.util.List;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;
import spiky.Progress;
import spiky.algo.Termination;

/**
 * Removes a dataset and everything that belongs to it (every node carrying its name in
 * {@code dataset}, with their relationships), in batches so that large datasets do not need one
 * huge transaction. The Dataset node goes last, so an interrupted erase is resumed by the next.
 */
public final class DatasetEraser {
    private final GraphDatabaseService db;
    private final Progress progress;

    public DatasetEraser(GraphDatabaseService db, Progress progress) {
        this.db = db;
        this.progress = progress;
    }

    /** The dataset's status ('importing', 'ready'), or null when there is no such dataset. */
    public String status(String name) {
        try (Transaction tx = db.beginTx()) {
            Node d = tx.findNode(DATASET, "name", name);
            return d == null ? null : (String) d.getProperty("status", GraphModel.STATUS_IMPORTING);
        }
    }

    /** Erases every dataset left 'importing' by a crash; returns their names. */
    public List<String> eraseUnfinished() {
        List<String> names = new ArrayList<>();
        try (Transaction tx = db.beginTx(); ResourceIterator<Node> it = tx.findNodes(DATASET, "status", GraphModel.STATUS_IMPORTING)) {
            it.forEachRemaining(n -> names.add((String) n.getProperty("name")));
        }
        names.forEach(this::erase);
        return names;
    }

    public void erase(String name) {
        RunPpmi.in(db).forget(name);
        // A new import reuses the tags: the old sets' files (PpmiFiles) go first.
        PpmiFiles.in(db).deleteWhere(name, tag -> true);
        for (Label label : labelsWithDataset()) {
            eraseNodes(label, name);
        }
        try (Transaction tx = db.beginTx()) {
            Node d = tx.findNode(DATASET, "name", name);
            if (d != null) {
                d.getRelationships().forEach(Relationship::delete);
                d.delete();
            }
            tx.commit();
        }
    }

    private List<Label> labelsWithDataset() {
        List<Label> labels = new ArrayList<>();
        try (Transaction tx = db.beginTx()) {
            for (Label l : tx.getAllLabelsInUse()) {
                if (!l.equals(DATASET)) {
                    labels.add(l);
                }
            }
        }
        return labels;
    }

    /** Erasing is undoing (a failed import, a crash): it runs to its end, whatever termination says. */
    private void eraseNodes(Label label, String name) {
        long[] erased = {0};
        new BatchedWrites(db, Progress.NONE, Termination.NONE).untilDone(BatchedWrites.RELATIONSHIPS, (tx, limit) -> {
            int work = 0;
            try (ResourceIterator<Node> nodes = tx.findNodes(label, "dataset", name)) {
                while (nodes.hasNext() && work < limit) {
                    Node n = nodes.next();
                    for (Relationship r : n.getRelationships()) {
                        r.delete();
                        work++;
                    }
                    n.delete();
                    work++;
                    erased[0]++;
                }
            }
            if (work > 0) {
                progress.report("erasing " + label.name() + " of " + name, erased[0], -1);
            }
            return work;
        });
    }
}
