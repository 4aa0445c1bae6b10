package spiky.graph;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;

/**
 * The tags of the PPMI sets a dataset may hold, on its Dataset node ({@link #PROPERTY}): a tag
 * goes in before its first relationship or file is written and out once all of them are
 * deleted, so the list is a superset of the sets in the store. It lets
 * {@link PpmiWriter#deleteUnused} see that no set is unused without walking the dataset's items
 * (at the Million Playlist Dataset's size that walk read 2.2 M items' 80 M relationships and
 * took over ten minutes after every run). A dataset imported before the list existed has no
 * such property: its sets are unknown until one walk has removed every unnamed set.
 */
public final class PpmiSets {
    /** Dataset property: the tags, a string list. */
    public static final String PROPERTY = "ppmiSets";

    private final GraphDatabaseService db;

    PpmiSets(GraphDatabaseService db) {
        this.db = db;
    }

    /** Adds {@code tag}, in its own transaction, before anything of the set is written. */
    void add(String dataset, String tag) {
        update(dataset, tags -> tags.add(tag), false);
    }

    /** Removes {@code tags}: their relationships and files are gone. */
    void remove(String dataset, Collection<String> tags) {
        update(dataset, current -> current.removeAll(tags), false);
    }

    /** Records that the dataset holds exactly the sets {@code tags} at most (after a walk that removed every other). */
    void reset(String dataset, Collection<String> tags) {
        update(dataset, current -> {
            current.clear();
            current.addAll(tags);
        }, true);
    }

    /** The tags, or null when the dataset predates the list (or does not exist). */
    Set<String> known(String dataset) {
        try (Transaction tx = db.beginTx()) {
            Node d = tx.findNode(GraphModel.DATASET, "name", dataset);
            Object value = d == null ? null : d.getProperty(PROPERTY, null);
            return value == null ? null : new LinkedHashSet<>(List.of((String[]) value));
        }
    }

    /** The list of a dataset just imported: no set yet. */
    public static String[] none() {
        return new String[0];
    }

    private void update(String dataset, Consumer<Set<String>> change, boolean createIfAbsent) {
        try (Transaction tx = db.beginTx()) {
            Node d = tx.findNode(GraphModel.DATASET, "name", dataset);
            if (d == null) {
                return;
            }
            tx.acquireWriteLock(d);
            Object value = d.getProperty(PROPERTY, null);
            if (value == null && !createIfAbsent) {
                // Unknown sets (a dataset from before the list): stays unknown until a walk resets it.
                return;
            }
            Set<String> tags = value == null ? new LinkedHashSet<>() : new LinkedHashSet<>(List.of((String[]) value));
            change.accept(tags);
            d.setProperty(PROPERTY, tags.toArray(String[]::new));
            tx.commit();
        }
    }
}
