package spiky.graph;

import static spiky.graph.GraphModel.EMBEDDING;
import static spiky.graph.GraphModel.HAS_EMBEDDING;
import static spiky.graph.GraphModel.RUN;

import java.util.ArrayList;
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
import spiky.algo.linalg.DenseBlock;

/** Reads a finished run's embeddings back into a dense block, in one read transaction. */
public final class EmbeddingReader {
    private EmbeddingReader() {}

    /** The run's node, whatever its status; an error naming the parameter when there is no such run. */
    public static Node run(Transaction tx, String runId) {
        Node run = runId == null ? null : tx.findNode(RUN, "id", runId);
        if (run == null) {
            throw InvalidInputException.parameter("runId", "no embedding run '" + runId + "'");
        }
        return run;
    }

    /** The finished run's node; an error naming the parameter when there is no such run or it is not finished. */
    public static Node finishedRun(Transaction tx, String runId) {
        Node run = run(tx, runId);
        Object status = run.getProperty("status", null);
        if (!GraphModel.RUN_FINISHED.equals(status)) {
            throw InvalidInputException.parameter("runId", "run '" + runId + "' is " + status + ", not finished"
                    + (GraphModel.RUN_FAILED.equals(status) ? " (" + run.getProperty("error", "no reason recorded") + ")" : ""));
        }
        return run;
    }

    /** The number of columns of a finished run's embeddings (its rank). */
    public static int rank(GraphDatabaseService db, String runId) {
        try (Transaction tx = db.beginTx()) {
            return ((Number) finishedRun(tx, runId).getProperty("rank")).intValue();
        }
    }

    public static StoredEmbeddings read(GraphDatabaseService db, String runId, Progress progress, Termination termination) {
        try (Transaction tx = db.beginTx()) {
            Node run = finishedRun(tx, runId);
            String dataset = (String) run.getProperty("dataset");
            int f = ((Number) run.getProperty("rank")).intValue();
            // Rows in the canonical item order (by the Item's node id), the order the run computed
            // them in, so that the spike cover breaks ties of norm as the pipeline did.
            record Row(Node embedding, long itemNode) {}
            List<Row> rows = new ArrayList<>();
            try (ResourceIterator<Node> it = tx.findNodes(EMBEDDING, "run", runId)) {
                while (it.hasNext()) {
                    Node e = it.next();
                    Relationship from = e.getSingleRelationship(HAS_EMBEDDING, Direction.INCOMING);
                    rows.add(new Row(e, from == null ? Long.MAX_VALUE : from.getStartNodeId()));
                }
            }
            rows.sort(Comparator.comparingLong(Row::itemNode));
            int n = rows.size();
            long[] nodes = new long[n];
            Object[] ids = new Object[n];
            double[] norms = new double[n];
            double[] data = new double[Math.multiplyExact(n, f)];
            for (int a = 0; a < n; a++) {
                Node e = rows.get(a).embedding();
                nodes[a] = e.getId();
                ids[a] = e.getProperty("item");
                norms[a] = (double) e.getProperty("norm");
                float[] v = (float[]) e.getProperty("vector");
                if (v.length != f) {
                    throw new IllegalStateException("embedding of item " + ids[a] + " in run '" + runId + "' has " + v.length
                            + " columns, the run's rank is " + f);
                }
                for (int j = 0; j < f; j++) {
                    data[a * f + j] = v[j];
                }
                if ((a & 1023) == 0) {
                    termination.check();
                    progress.report("reading embeddings of " + runId, a, n);
                }
            }
            progress.report("reading embeddings of " + runId, n, n);
            return new StoredEmbeddings(runId, dataset, nodes, ids, new DenseBlock(n, f, data), norms);
        }
    }
}
