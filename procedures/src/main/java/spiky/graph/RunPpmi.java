package spiky.graph;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.neo4j.graphdb.GraphDatabaseService;
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
 * The PPMI set a run embeds (the one its {@code ppmiRun} names), in memory, for the reports that
 * read it (spiky.degrees, spiky.dcbm.fit). A run's reports read its own set, never the dataset's
 * current one, so a later run with other PPMI settings does not change them: the writers keep every
 * set a run names ({@link PpmiWriter#deleteUnused}). Walking a dense set's relationships takes
 * seconds (ml-100k: half a million pairs); here it is read once, or not at all: the writers hand
 * over the matrix they just wrote. A set never changes once written (a new write gets a new tag),
 * so an entry is valid while its dataset is not erased. Sets larger than an eighth of the heap are
 * read for the call that needs them and not kept. One per database, owned by its SpikyService:
 * Neo4j makes a new procedure object per call, and the extension's instance outlives them.
 */
public final class RunPpmi {
    /** Sets kept. */
    static final int KEEP = 3;

    private final LinkedHashMap<String, Set> cache = new LinkedHashMap<>(4, 0.75f, true);
    private final PpmiFiles files;
    private long loads;

    /** @param files where the sets written as a per-item top-k keep their whole matrix */
    public RunPpmi(PpmiFiles files) {
        this.files = files;
    }

    /** The instance of database {@code db} (see DatabaseServices). */
    public static RunPpmi in(GraphDatabaseService db) {
        return DatabaseServices.resolve(db, RunPpmi.class);
    }

    /**
     * A PPMI set: row a is the item node {@code rowItemNodes[a]}; both triangles stored, the
     * co-occurrence count of each entry aside.
     */
    public record Set(String dataset, String tag, long[] rowItemNodes, LongIntHashMap rowOfNode, CsrMatrix matrix,
            PagedIntArray counts) {
        /** The row of an Item node, or -1 when it keeps no pair. */
        public int row(long itemNode) {
            return rowOfNode.get(itemNode);
        }

        long bytes() {
            return matrix.nnz() * 16 + rowItemNodes.length * 24L;
        }
    }

    /**
     * The set run {@code run} embeds, from memory or read now in {@code tx}; null when the run
     * names none (a run with {@code writePpmi: false}, such as a snapshot, keeps no set).
     */
    public Set of(Transaction tx, Node run, Termination termination) {
        String tag = (String) run.getProperty("ppmiRun", null);
        if (tag == null) {
            return null;
        }
        String dataset = (String) run.getProperty("dataset");
        String key = key(dataset, tag);
        synchronized (this) {
            Set hit = cache.get(key);
            if (hit != null) {
                return hit;
            }
            // One read at a time: the reports of a run all ask for its set at once.
            long entries = ((Number) run.getProperty("nnz", 0L)).longValue();
            MemoryGuard.check("reading the PPMI set '" + tag + "' of '" + dataset + "'", entries * 48);
            // A set written as a per-item top-k has its whole matrix in a file: read that, not the graph's part.
            PpmiFiles.Contents file = files.read(dataset, tag);
            Set set;
            if (file != null) {
                set = of(dataset, tag, file.rowItemNodes(), file.matrix(), file.counts());
            } else {
                StoredPpmi read = PpmiReader.readSet(tx, dataset, tag, Progress.NONE, termination);
                set = of(dataset, tag, read.rowItemNodes(), read.matrix(), read.counts());
            }
            loads++;
            keep(key, set);
            return set;
        }
    }

    /**
     * Called by a writer in the transaction that names {@code tag} as a run's (or the dataset's)
     * set: keeps the matrix it just wrote, without reading it back. Should the transaction roll
     * back, no run names the tag and the entry is never asked for.
     */
    public void offer(String tag, DatasetArrays items, PpmiResult ppmi) {
        int[] kept = ppmi.items();
        long[] rowNodes = new long[kept.length];
        for (int a = 0; a < kept.length; a++) {
            rowNodes[a] = items.itemNodes()[kept[a]];
        }
        Set set = of(items.dataset(), tag, rowNodes, ppmi.matrix(), ppmi.counts());
        synchronized (this) {
            keep(key(items.dataset(), tag), set);
        }
    }

    /** Drops the dataset's sets from memory (its dataset is being erased: a new import reuses the tags). */
    public synchronized void forget(String dataset) {
        cache.values().removeIf(s -> s.dataset().equals(dataset));
    }

    /** How many sets were read from the graph so far (tests check that a written set is not read back). */
    public synchronized long loads() {
        return loads;
    }

    /** Drops every set (the database shuts down). */
    public synchronized void clear() {
        cache.clear();
    }

    /** How many sets are kept now. */
    public synchronized int size() {
        return cache.size();
    }

    private static String key(String dataset, String tag) {
        return dataset + '\u0000' + tag;
    }

    private static Set of(String dataset, String tag, long[] rowNodes, CsrMatrix matrix, PagedIntArray counts) {
        LongIntHashMap rowOf = new LongIntHashMap(Math.max(rowNodes.length, 1));
        for (int a = 0; a < rowNodes.length; a++) {
            rowOf.putIfAbsent(rowNodes[a], a);
        }
        return new Set(dataset, tag, rowNodes, rowOf, matrix, counts);
    }

    private void keep(String key, Set set) {
        cache.remove(key);
        if (set.bytes() > Runtime.getRuntime().maxMemory() / 8) {
            return;
        }
        cache.put(key, set);
        Iterator<Map.Entry<String, Set>> eldest = cache.entrySet().iterator();
        while (cache.size() > KEEP) {
            eldest.next();
            eldest.remove();
        }
    }
}
