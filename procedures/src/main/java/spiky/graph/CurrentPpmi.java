package spiky.graph;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;
import spiky.Progress;
import spiky.algo.MemoryGuard;
import spiky.algo.Termination;
import spiky.algo.linalg.CsrMatrix;
import spiky.algo.linalg.PagedIntArray;
import spiky.algo.ppmi.PpmiResult;
import spiky.data.LongIntHashMap;

/**
 * The current PPMI set of the last few datasets, in memory, for the reports that read it
 * (spiky.degrees, spiky.dcbm.fit). Walking a dense set's relationships takes seconds (ml-100k:
 * half a million pairs), and every report of every run of a dataset needs it again when the set
 * changes; here it is read once, or not at all: the writers hand over the matrix they just wrote.
 * A set never changes once written (a new write gets a new tag), so an entry is valid while the
 * Dataset node, its ppmiRun and its fingerprint stay the same. Sets larger than an eighth of the
 * heap are read for the call that needs them and not kept. Static, as Neo4j makes a new
 * procedure object per call.
 */
public final class CurrentPpmi {
    /** Datasets kept. */
    static final int KEEP = 2;

    private static final LinkedHashMap<String, Set> CACHE = new LinkedHashMap<>(4, 0.75f, true);
    private static long loads;

    private CurrentPpmi() {}

    /**
     * A PPMI set: row a is the item node {@code rowItemNodes[a]}; both triangles stored, the
     * co-occurrence count of each entry aside.
     */
    public record Set(String key, long[] rowItemNodes, LongIntHashMap rowOfNode, CsrMatrix matrix, PagedIntArray counts) {
        /** The row of an Item node, or -1 when it keeps no pair. */
        public int row(long itemNode) {
            return rowOfNode.get(itemNode);
        }

        long bytes() {
            return matrix.nnz() * 16 + rowItemNodes.length * 24L;
        }
    }

    /** The dataset's current set, from memory or read now in {@code tx}; null when it has none. */
    public static Set get(Transaction tx, String dataset, Termination termination) {
        Node d = tx.findNode(GraphModel.DATASET, "name", dataset);
        if (d == null || !d.hasProperty("ppmiRun")) {
            return null;
        }
        String key = key(d);
        synchronized (CurrentPpmi.class) {
            Set hit = CACHE.get(dataset);
            if (hit != null && hit.key().equals(key)) {
                return hit;
            }
            // One read at a time: the reports that a new set made stale all ask for it at once.
            long pairs = ((Number) d.getProperty("ppmiPairs", 0L)).longValue();
            MemoryGuard.check("reading the PPMI set of '" + dataset + "'", pairs * 2 * 48);
            StoredPpmi read = PpmiReader.read(tx, dataset, Progress.NONE, termination);
            loads++;
            Set set = of(key, read.rowItemNodes(), read.matrix(), read.counts());
            keep(dataset, set);
            return set;
        }
    }

    /**
     * Called by a writer in the transaction that makes {@code ppmi} the dataset's current set (or
     * that keeps it, identical), once the Dataset node names it: keeps it without reading it back.
     * Handing it over before the commit leaves no moment where a report would find the new set
     * missing and read it from the graph. Should the transaction roll back, the entry's key names
     * a set the dataset does not have, and the next report replaces it.
     */
    public static void offer(Node dataset, DatasetArrays items, PpmiResult ppmi) {
        int[] kept = ppmi.items();
        long[] rowNodes = new long[kept.length];
        for (int a = 0; a < kept.length; a++) {
            rowNodes[a] = items.itemNodes()[kept[a]];
        }
        Set set = of(key(dataset), rowNodes, ppmi.matrix(), ppmi.counts());
        synchronized (CurrentPpmi.class) {
            keep(items.dataset(), set);
        }
    }

    /** Drops the dataset's set from memory (its dataset is being erased); the next report reads it again. */
    public static synchronized void forget(String dataset) {
        CACHE.remove(dataset);
    }

    /** How many sets were read from the graph so far (tests check that a written set is not read back). */
    public static synchronized long loads() {
        return loads;
    }

    private static String key(Node dataset) {
        return dataset.getElementId() + '|' + dataset.getProperty("ppmiRun") + '|' + dataset.getProperty("ppmiDigest", "");
    }

    private static Set of(String key, long[] rowNodes, CsrMatrix matrix, PagedIntArray counts) {
        LongIntHashMap rowOf = new LongIntHashMap(Math.max(rowNodes.length, 1));
        for (int a = 0; a < rowNodes.length; a++) {
            rowOf.putIfAbsent(rowNodes[a], a);
        }
        return new Set(key, rowNodes, rowOf, matrix, counts);
    }

    private static void keep(String dataset, Set set) {
        CACHE.remove(dataset);
        if (set.bytes() > Runtime.getRuntime().maxMemory() / 8) {
            return;
        }
        CACHE.put(dataset, set);
        Iterator<Map.Entry<String, Set>> eldest = CACHE.entrySet().iterator();
        while (CACHE.size() > KEEP) {
            eldest.next();
            eldest.remove();
        }
    }
}
