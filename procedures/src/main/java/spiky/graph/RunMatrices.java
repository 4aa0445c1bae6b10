package spiky.graph;

import static spiky.graph.GraphModel.EMBEDDING;
import static spiky.graph.GraphModel.HAS_EMBEDDING;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;
import spiky.Progress;
import spiky.algo.MemoryGuard;
import spiky.algo.Termination;
import spiky.algo.similar.RunMatrix;
import spiky.data.LongIntHashMap;

/**
 * The embeddings of the last few runs searched for similar items, in memory: loading a run reads
 * every Embedding node (seconds for a million), a search then scans floats (milliseconds). A
 * finished run does not change its vectors, so an entry stays valid as long as the run node is the
 * same one; the key holds the run node's id and createdAt besides the run id, so that a run
 * erased with its dataset and a new run under the same id are never confused. One per database,
 * owned by its SpikyService, as {@link RunPpmi}.
 */
public final class RunMatrices {
    /** Runs kept: the current one and the one before, so that comparing two runs does not reload. */
    static final int KEEP = 2;

    private final LinkedHashMap<String, Loaded> cache = new LinkedHashMap<>(4, 0.75f, true);
    private long loads;

    /**
     * A run in memory: row a is the a-th embedded item in the canonical order (by Item node id), as
     * EmbeddingReader reads them, so ties between rows break the same way in every session.
     */
    public record Loaded(String runId, String key, RunMatrix matrix, long[] embeddingNodes, Object[] itemIds, double[] norms,
            LongIntHashMap rowOfEmbedding) {
        /** The row of an Embedding node of this run, or -1. */
        public int row(long embeddingNode) {
            return rowOfEmbedding.get(embeddingNode);
        }
    }

    /** The finished run's matrix, from memory or read now in {@code tx}. */
    public Loaded get(Transaction tx, Node run, Progress progress, Termination termination) {
        String runId = (String) run.getProperty("id");
        String key = runId + '|' + run.getElementId() + '|' + run.getProperty("createdAt", "");
        synchronized (this) {
            Loaded hit = cache.get(runId);
            if (hit != null && hit.key().equals(key)) {
                return hit;
            }
            cache.remove(runId);
            // One load at a time: two searches on a new run must not read it twice side by side.
            Loaded loaded = load(tx, run, runId, key, progress, termination);
            cache.put(runId, loaded);
            loads++;
            Iterator<Map.Entry<String, Loaded>> eldest = cache.entrySet().iterator();
            while (cache.size() > KEEP) {
                eldest.next();
                eldest.remove();
            }
            return loaded;
        }
    }

    /** Drops a run from memory (it is being deleted). */
    public synchronized void forget(String runId) {
        cache.remove(runId);
    }

    /** How many loads from the graph so far (tests check that a second search does not reload). */
    public synchronized long loads() {
        return loads;
    }

    /** Drops every run (the database shuts down). */
    public synchronized void clear() {
        cache.clear();
    }

    /** How many runs are kept now. */
    public synchronized int size() {
        return cache.size();
    }

    private static Loaded load(Transaction tx, Node run, String runId, String key, Progress progress, Termination termination) {
        int d = ((Number) run.getProperty("rank")).intValue();
        record Row(Node embedding, long itemNode) {}
        List<Row> rows = new ArrayList<>();
        try (ResourceIterator<Node> it = tx.findNodes(EMBEDDING, "run", runId)) {
            while (it.hasNext()) {
                Node e = it.next();
                Relationship from = e.getSingleRelationship(HAS_EMBEDDING, Direction.INCOMING);
                rows.add(new Row(e, from == null ? Long.MAX_VALUE : from.getStartNode().getId()));
            }
        }
        rows.sort(Comparator.comparingLong(Row::itemNode));
        int n = rows.size();
        MemoryGuard.check("similar items of run " + runId, RunMatrix.estimateBytes(n, d) + 32L * n);
        float[] data = new float[Math.multiplyExact(n, d)];
        long[] nodes = new long[n];
        Object[] ids = new Object[n];
        double[] norms = new double[n];
        LongIntHashMap rowOf = new LongIntHashMap(n);
        for (int a = 0; a < n; a++) {
            Node e = rows.get(a).embedding();
            nodes[a] = e.getId();
            rowOf.putIfAbsent(nodes[a], a);
            ids[a] = e.getProperty("item");
            norms[a] = ((Number) e.getProperty("norm")).doubleValue();
            float[] v = (float[]) e.getProperty("vector");
            if (v.length != d) {
                throw new IllegalStateException("embedding of item " + ids[a] + " in run '" + runId + "' has " + v.length
                        + " columns, the run's rank is " + d);
            }
            System.arraycopy(v, 0, data, a * d, d);
            if ((a & 4095) == 0) {
                termination.check();
                progress.report("loading embeddings of " + runId, a, n);
            }
        }
        progress.report("loading embeddings of " + runId, n, n);
        return new Loaded(runId, Objects.requireNonNull(key), new RunMatrix(data, n, d), nodes, ids, norms, rowOf);
    }
}
