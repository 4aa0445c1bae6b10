package spiky.server;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;

/**
 * The reference for spiky.similar: a run's stored vectors read with the core API (no Cypher) and
 * every pair scored in double in plain Java, sorted by score, ties by the canonical item order
 * (Item node id).
 */
final class BruteForceSimilar {
    /** One stored embedding, in the canonical order. */
    record Stored(Object item, long itemNode, float[] vector, double norm, Object spike) {}

    /** A neighbour: its index in {@link #rows} and its score. */
    record Scored(int row, double score) {}

    final List<Stored> rows = new ArrayList<>();

    BruteForceSimilar(GraphDatabaseService db, String runId, String spikeKey) {
        try (Transaction tx = db.beginTx(); ResourceIterator<Node> it = tx.findNodes(Label.label("Embedding"), "run", runId)) {
            while (it.hasNext()) {
                Node e = it.next();
                Relationship r = e.getSingleRelationship(RelationshipType.withName("HAS_EMBEDDING"), Direction.INCOMING);
                rows.add(new Stored(e.getProperty("item"), r.getStartNode().getId(), (float[]) e.getProperty("vector"),
                        (double) e.getProperty("norm"), spikeKey == null ? null : e.getProperty(spikeKey, null)));
            }
        }
        rows.sort(Comparator.comparingLong(Stored::itemNode));
    }

    /** The k best other rows of row q by "cosine" or "dot" over the first f coordinates, best first. */
    List<Scored> top(int q, int k, String metric, int f) {
        float[] x = rows.get(q).vector();
        double qn = 0;
        for (int j = 0; j < f; j++) {
            qn += (double) x[j] * x[j];
        }
        qn = Math.sqrt(qn);
        List<Scored> all = new ArrayList<>();
        for (int a = 0; a < rows.size(); a++) {
            if (a == q) {
                continue;
            }
            float[] y = rows.get(a).vector();
            double dot = 0;
            double yn = 0;
            for (int j = 0; j < f; j++) {
                dot += (double) x[j] * y[j];
                yn += (double) y[j] * y[j];
            }
            yn = Math.sqrt(yn);
            all.add(new Scored(a, metric.equals("dot") ? dot : (qn == 0 || yn == 0 ? 0 : dot / (qn * yn))));
        }
        all.sort(Comparator.comparingDouble((Scored s) -> -s.score()).thenComparingInt(Scored::row));
        return all.subList(0, Math.min(k, all.size()));
    }
}
