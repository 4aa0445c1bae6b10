package spiky.graph;

import static spiky.graph.GraphModel.HAS_EMBEDDING;
import static spiky.graph.GraphModel.IN;
import static spiky.graph.GraphModel.RUN;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.algo.Termination;
import spiky.algo.stability.SnapshotSeries;

/**
 * A dataset's snapshot runs (finished runs with an until, as spiky.snapshots writes them) read
 * back as a {@link SnapshotSeries}: per run its embeddings, each item's interactions with a
 * timestamp up to the run's moment, and whether the run's first spike level (the first f' of its
 * Spk table) covers the item.
 */
public final class SnapshotReader {
    private SnapshotReader() {}

    /**
     * The snapshot run ids to learn from, earliest moment first: the given ones (each a finished
     * run of the dataset with an until), or every finished snapshot run of the dataset, the latest
     * created one when several share a moment.
     */
    public static List<String> runIds(GraphDatabaseService db, String dataset, List<String> given) {
        try (Transaction tx = db.beginTx()) {
            if (tx.findNode(GraphModel.DATASET, "name", dataset) == null) {
                throw InvalidInputException.parameter("dataset", "no dataset '" + dataset + "'");
            }
            record Snap(String id, long until, ZonedDateTime created) {}
            List<Snap> snaps = new ArrayList<>();
            if (given != null) {
                for (String id : given) {
                    Node run = EmbeddingReader.finishedRun(tx, id);
                    if (!dataset.equals(run.getProperty("dataset", null))) {
                        throw InvalidInputException.parameter("runs", "run '" + id + "' embeds dataset '" + run.getProperty("dataset", null)
                                + "', not '" + dataset + "'");
                    }
                    Object until = run.getProperty("until", null);
                    if (until == null) {
                        throw InvalidInputException.parameter("runs", "run '" + id + "' is not a snapshot (it has no until: make snapshots "
                                + "with spiky.snapshots)");
                    }
                    snaps.add(new Snap(id, ((Number) until).longValue(), null));
                }
                snaps.sort(Comparator.comparingLong(Snap::until));
                for (int i = 1; i < snaps.size(); i++) {
                    if (snaps.get(i).until() == snaps.get(i - 1).until()) {
                        throw InvalidInputException.parameter("runs", "runs '" + snaps.get(i - 1).id() + "' and '" + snaps.get(i).id()
                                + "' are snapshots of the same moment");
                    }
                }
                return snaps.stream().map(Snap::id).toList();
            }
            try (ResourceIterator<Node> it = tx.findNodes(RUN, "dataset", dataset)) {
                while (it.hasNext()) {
                    Node run = it.next();
                    Object until = run.getProperty("until", null);
                    if (until != null && GraphModel.RUN_FINISHED.equals(run.getProperty("status", null))) {
                        Object created = run.getProperty("createdAt", null);
                        snaps.add(new Snap((String) run.getProperty("id"), ((Number) until).longValue(),
                                created instanceof ZonedDateTime z ? z : null));
                    }
                }
            }
            Map<Long, Snap> byMoment = new LinkedHashMap<>();
            snaps.sort(Comparator.comparingLong(Snap::until).thenComparing(Snap::created, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(Snap::id));
            snaps.forEach(s -> byMoment.put(s.until(), s)); // the latest created of a moment wins
            return byMoment.values().stream().map(Snap::id).toList();
        }
    }

    /** The series, and each run's Embedding node ids in the series' row order (where a forecast is written back). */
    public record Snapshots(SnapshotSeries series, List<long[]> embeddingNodes) {}

    public static Snapshots read(GraphDatabaseService db, String dataset, List<String> runIds, Progress progress, Termination termination) {
        List<SnapshotSeries.Snapshot> snapshots = new ArrayList<>();
        List<long[]> nodes = new ArrayList<>();
        for (String id : runIds) {
            StoredEmbeddings e = EmbeddingReader.read(db, id, progress, termination);
            int n = e.itemIds().length;
            long[] interactions = new long[n];
            boolean[] covered = new boolean[n];
            long until;
            try (Transaction tx = db.beginTx()) {
                Node run = EmbeddingReader.finishedRun(tx, id);
                until = ((Number) run.getProperty("until")).longValue();
                long[] spkF = (long[]) run.getProperty("spkF", null);
                String spikeKey = spkF == null || spkF.length == 0 ? null : "spike" + spkF[0];
                for (int a = 0; a < n; a++) {
                    Node embedding = tx.getNodeById(e.embeddingNodes()[a]);
                    covered[a] = spikeKey != null && embedding.hasProperty(spikeKey);
                    Relationship from = embedding.getSingleRelationship(HAS_EMBEDDING, Direction.INCOMING);
                    long count = 0;
                    if (from != null) {
                        for (Relationship in : from.getStartNode().getRelationships(Direction.OUTGOING, IN)) {
                            Object t = in.getProperty("timestamp", null);
                            if (t != null && ((Number) t).longValue() <= until) {
                                count++;
                            }
                        }
                    }
                    interactions[a] = count;
                    if ((a & 1023) == 0) {
                        termination.check();
                        progress.report("reading interactions of " + id, a, n);
                    }
                }
            }
            nodes.add(e.embeddingNodes());
            snapshots.add(new SnapshotSeries.Snapshot(id, until, e.itemIds(), e.vectors().data(), e.vectors().cols(), e.norms(), interactions,
                    covered));
        }
        return new Snapshots(new SnapshotSeries(dataset, snapshots), nodes);
    }
}
