package spiky.graph;

import static spiky.graph.GraphModel.PPMI;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.neo4j.exceptions.KernelException;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.ResourceIterable;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;
import org.neo4j.internal.kernel.api.Write;
import org.neo4j.kernel.api.KernelTransaction;
import org.neo4j.kernel.impl.coreapi.InternalTransaction;
import org.neo4j.token.api.TokenConstants;
import org.neo4j.values.storable.TextValue;
import org.neo4j.values.storable.Values;
import spiky.Progress;
import spiky.algo.Termination;
import spiky.algo.linalg.CsrMatrix;
import spiky.algo.ppmi.PpmiResult;

/**
 * Writes a dataset's PPMI matrix as (:Item)-[:PPMI {weight, count, run}]->(:Item), one relationship
 * per pair from the smaller item key to the larger, all tagged with the id of the write
 * ({@code run}). A dataset has one current set of PPMI relationships, the one its {@code ppmiRun}
 * names: new relationships are written beside the old ones, then {@link #adopt} switches ppmiRun
 * in one transaction, and {@link #deleteUnused} removes the sets that neither the dataset nor a run
 * names. So a write that fails half-way is removed by its tag and leaves the current set as it
 * was, readers that filter on a tag never mix two sets, and a finished run's set (its ppmiRun)
 * stays as long as the run: its reports read it ({@link RunPpmi}), whatever runs came after.
 * A set too large for the graph (spiky.pipeline's maxPpmiRelationships) is written as a per-item
 * top-k ({@link #write(String, DatasetArrays, PpmiResult, int)}) with its whole matrix in a file
 * ({@link PpmiFiles}) that lives and dies with the set's relationships.
 */
public final class PpmiWriter {
    /** Dataset property naming the spiky.ppmi.write in progress. */
    static final String WRITING = "ppmiWriting";

    private final GraphDatabaseService db;
    private final BatchedWrites writes;
    private final BatchedWrites cleanup;
    private final PpmiFiles files;
    private final PpmiSets sets;

    public PpmiWriter(GraphDatabaseService db, Progress progress) {
        this(db, progress, Termination.NONE);
    }

    /** @param termination checked before every batch of a write (never of a deletion: undoing runs to its end) */
    public PpmiWriter(GraphDatabaseService db, Progress progress, Termination termination) {
        this.db = db;
        this.files = PpmiFiles.in(db);
        this.sets = new PpmiSets(db);
        this.writes = new BatchedWrites(db, progress, termination);
        this.cleanup = new BatchedWrites(db, Progress.NONE, Termination.NONE);
    }

    /** A fresh tag for spiky.ppmi.write: "&lt;dataset&gt;-ppmi-&lt;N&gt;" (run ids are "&lt;dataset&gt;-&lt;N&gt;"). */
    public String newTag(String dataset) {
        try (Transaction tx = db.beginTx()) {
            Node d = DatasetReader.readyDataset(tx, dataset);
            tx.acquireWriteLock(d);
            long next = ((Number) d.getProperty("ppmiCounter", 0L)).longValue() + 1;
            d.setProperty("ppmiCounter", next);
            // Marks the write in progress: a crash before adopt leaves the marker, and start-up
            // (removeInterrupted) deletes the half-written set it names.
            d.setProperty(WRITING, dataset + "-ppmi-" + next);
            tx.commit();
            return dataset + "-ppmi-" + next;
        }
    }

    /**
     * Writes the pairs tagged {@code tag}; returns how many. On failure removes what it wrote
     * before rethrowing.
     *
     * @param items the dataset as read: item nodes and key ranks by item index
     */
    public long write(String tag, DatasetArrays items, PpmiResult ppmi) {
        return write(tag, items, ppmi, 0);
    }

    /**
     * As {@link #write(String, DatasetArrays, PpmiResult)}; with {@code topK} &gt; 0 only each item's
     * strongest pairs go into the graph: a pair is written when it is among the {@code topK}
     * largest weights of either of its items (ties by the partner's position), so every item
     * keeps at least min(topK, its pairs) relationships. The whole matrix then goes first into the
     * set's file ({@link PpmiFiles}), from which the reports read it. On failure the file goes too.
     */
    public long write(String tag, DatasetArrays items, PpmiResult ppmi, int topK) {
        sets.add(items.dataset(), tag);
        return Undo.get(() -> {
            long[] marks = null;
            if (topK > 0) {
                int[] kept = ppmi.items();
                long[] rowNodes = new long[kept.length];
                for (int a = 0; a < kept.length; a++) {
                    rowNodes[a] = items.itemNodes()[kept[a]];
                }
                files.write(items.dataset(), tag, rowNodes, ppmi.matrix(), ppmi.counts());
                marks = strongest(ppmi.matrix(), topK);
            }
            return create(tag, items, ppmi, marks);
        }, () -> delete(items.dataset(), tag));
    }

    /**
     * One bit per stored entry of {@code m}: set when the entry is among the {@code k} largest
     * values of its row (equal values: the smaller column first). Package-private for its test.
     */
    static long[] strongest(CsrMatrix m, int k) {
        long[] marks = new long[(int) ((m.nnz() + 63) >>> 6)];
        double[] scratch = new double[16];
        for (int a = 0; a < m.rows(); a++) {
            long s = m.rowStart(a);
            long e = m.rowEnd(a);
            int d = (int) (e - s);
            if (d <= k) {
                for (long p = s; p < e; p++) {
                    marks[(int) (p >>> 6)] |= 1L << p;
                }
                continue;
            }
            if (scratch.length < d) {
                scratch = new double[Math.max(d, scratch.length * 2)];
            }
            for (int t = 0; t < d; t++) {
                scratch[t] = m.value(s + t);
            }
            java.util.Arrays.sort(scratch, 0, d);
            double threshold = scratch[d - k];
            int above = 0;
            for (long p = s; p < e; p++) {
                if (m.value(p) > threshold) {
                    marks[(int) (p >>> 6)] |= 1L << p;
                    above++;
                }
            }
            // Columns ascend within a row: the ties at the threshold are taken by smaller column first.
            for (long p = s; p < e && above < k; p++) {
                if (m.value(p) == threshold) {
                    marks[(int) (p >>> 6)] |= 1L << p;
                    above++;
                }
            }
        }
        return marks;
    }

    private static boolean marked(long[] marks, long p) {
        return (marks[(int) (p >>> 6)] & (1L << p)) != 0;
    }

    /** The position of column {@code c} in row {@code r} of {@code m} (columns ascend), or -1. */
    private static long position(CsrMatrix m, int r, int c) {
        long lo = m.rowStart(r);
        long hi = m.rowEnd(r) - 1;
        while (lo <= hi) {
            long mid = (lo + hi) >>> 1;
            int x = m.column(mid);
            if (x < c) {
                lo = mid + 1;
            } else if (x > c) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    private long create(String tag, DatasetArrays items, PpmiResult ppmi, long[] marks) {
        CsrMatrix m = ppmi.matrix();
        int[] kept = ppmi.items();
        int[] rank = items.keyRank();
        long total = m.nnz() / 2;
        if (marks != null) {
            total = 0;
            for (int a = 0; a < m.rows(); a++) {
                for (long p = m.rowStart(a); p < m.rowEnd(a); p++) {
                    int b = m.column(p);
                    if (rank[kept[a]] <= rank[kept[b]] && (marked(marks, p) || marked(marks, position(m, b, a)))) {
                        total++;
                    }
                }
            }
        }
        long[] itemNodes = items.itemNodes();
        try (BatchedWrites.Rolling batch = writes.rolling("writing PPMI relationships", total, BatchedWrites.RELATIONSHIPS)) {
            // The kernel's write API with token ids resolved once: the core API looks the type and
            // the three keys up by name and wraps both nodes in objects for every relationship.
            Transaction first = batch.tx();
            int type = KernelWrites.relationshipType(first, PPMI.name());
            int weightKey = KernelWrites.propertyKey(first, "weight");
            int countKey = KernelWrites.propertyKey(first, "count");
            int runKey = KernelWrites.propertyKey(first, "run");
            TextValue run = Values.stringValue(tag);
            Write w = KernelWrites.write(first);
            for (int a = 0; a < m.rows(); a++) {
                long from = itemNodes[kept[a]];
                for (long p = m.rowStart(a); p < m.rowEnd(a); p++) {
                    int b = m.column(p);
                    // One relationship per pair: from the smaller item key to the larger.
                    if (rank[kept[a]] > rank[kept[b]]) {
                        continue;
                    }
                    if (marks != null && !marked(marks, p) && !marked(marks, position(m, b, a))) {
                        continue;
                    }
                    try {
                        long r = w.relationshipCreate(from, type, itemNodes[kept[b]]);
                        w.relationshipSetProperty(r, weightKey, Values.doubleValue(m.value(p)));
                        w.relationshipSetProperty(r, countKey, Values.longValue(ppmi.counts().get(p)));
                        w.relationshipSetProperty(r, runKey, run);
                    } catch (KernelException e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                    if (batch.add()) {
                        batch.next();
                        w = KernelWrites.write(batch.tx());
                    }
                }
            }
            batch.commit();
            return batch.done();
        }
    }

    /**
     * Makes the relationships of {@code record.tag()} the dataset's current PPMI, in one
     * transaction, and hands the matrix to {@link RunPpmi}; {@link #deleteUnused} next.
     */
    public void adopt(DatasetArrays items, PpmiResult ppmi, PpmiRecord record) {
        try (Transaction tx = db.beginTx()) {
            Node d = DatasetReader.readyDataset(tx, items.dataset());
            tx.acquireWriteLock(d);
            record.writeTo(d);
            d.removeProperty(WRITING);
            RunPpmi.in(db).offer(record.tag(), items, ppmi);
            tx.commit();
        }
    }

    /** Ends a spiky.ppmi.write that failed: its relationships go, then its marker. */
    public void abandon(String dataset, String tag) {
        delete(dataset, tag);
        try (Transaction tx = db.beginTx()) {
            Node d = tx.findNode(GraphModel.DATASET, "name", dataset);
            if (d != null && tag.equals(d.getProperty(WRITING, null))) {
                d.removeProperty(WRITING);
            }
            tx.commit();
        }
    }

    /** At start-up: deletes the PPMI sets that writes interrupted by a crash left; returns their tags. */
    public List<String> removeInterrupted() {
        List<String[]> found = new ArrayList<>();
        try (Transaction tx = db.beginTx(); ResourceIterator<Node> it = tx.findNodes(GraphModel.DATASET)) {
            it.forEachRemaining(d -> {
                Object tag = d.getProperty(WRITING, null);
                if (tag != null) {
                    found.add(new String[] {(String) d.getProperty("name"), (String) tag});
                }
            });
        }
        found.forEach(f -> abandon(f[0], f[1]));
        return found.stream().map(f -> f[1]).toList();
    }

    /**
     * Removes the dataset's PPMI sets that nothing names: kept are its current set (ppmiRun), the
     * one a spiky.ppmi.write is writing, the set of every run not failed (its ppmiRun) and what a
     * running run may be writing (its id).
     */
    public Unused deleteUnused(String dataset) {
        // The list first: a set added after it is read belongs to a run or write that keep, read next, names.
        Set<String> known = sets.known(dataset);
        Set<String> keep = new HashSet<>();
        try (Transaction tx = db.beginTx()) {
            Node d = tx.findNode(GraphModel.DATASET, "name", dataset);
            if (d == null) {
                return new Unused(keep, 0);
            }
            for (String key : List.of("ppmiRun", WRITING)) {
                Object tag = d.getProperty(key, null);
                if (tag != null) {
                    keep.add((String) tag);
                }
            }
            try (ResourceIterator<Node> runs = tx.findNodes(GraphModel.RUN, "dataset", dataset)) {
                runs.forEachRemaining(run -> {
                    Object status = run.getProperty("status", null);
                    if ("failed".equals(status)) {
                        return;
                    }
                    Object tag = run.getProperty("ppmiRun", null);
                    if (tag != null) {
                        keep.add((String) tag);
                    }
                    if (!"finished".equals(status)) {
                        keep.add((String) run.getProperty("id"));
                    }
                });
            }
        }
        if (known == null) {
            // A dataset from before the list: every set nothing names goes, then the list starts.
            long deleted = deleteWhere(dataset, tag -> !keep.contains(tag));
            sets.reset(dataset, keep);
            return new Unused(keep, deleted);
        }
        Set<String> doomed = new HashSet<>(known);
        doomed.removeAll(keep);
        if (doomed.isEmpty()) {
            return new Unused(keep, 0);
        }
        long deleted = deleteWhere(dataset, doomed::contains);
        sets.remove(dataset, doomed);
        return new Unused(keep, deleted);
    }

    /** What {@link #deleteUnused} kept (tags) and how many relationships it deleted. */
    public record Unused(Set<String> kept, long deleted) {}

    /** Whether the store holds any PPMI relationship: Neo4j's count store answers at once, whatever the store's size. */
    private boolean anyPpmiRelationship() {
        try (Transaction tx = db.beginTx()) {
            KernelTransaction ktx = ((InternalTransaction) tx).kernelTransaction();
            int type = ktx.tokenRead().relationshipType(PPMI.name());
            return type != TokenConstants.NO_TOKEN && ktx.dataRead().countsForRelationship(TokenConstants.ANY_LABEL, type, TokenConstants.ANY_LABEL) > 0;
        }
    }

    /** Removes the dataset's PPMI relationships tagged {@code tag}. */
    public void delete(String dataset, String tag) {
        deleteWhere(dataset, tag::equals);
        sets.remove(dataset, List.of(tag));
    }

    /**
     * Deletes in transactions of at most {@link BatchedWrites#RELATIONSHIPS} relationships, whatever
     * the number of items (see there why).
     */
    private long deleteWhere(String dataset, Predicate<Object> doomed) {
        // The files of the doomed sets first: a set without its relationships is not read again.
        files.deleteWhere(dataset, doomed::test);
        if (!anyPpmiRelationship()) {
            // Nothing to look for: walking every item's relationships (2.2 M items, 66 M IN
            // relationships at the MPD's size) to find none took minutes after a crash.
            return 0;
        }
        List<Long> nodes = new ArrayList<>();
        try (Transaction tx = db.beginTx()) {
            DatasetReader.items(tx, dataset).forEach(n -> nodes.add(n.getId()));
        }
        // Deleting is undoing (a failed write, a deleted run): it runs to its end, whatever termination says.
        try (BatchedWrites.Rolling batch = cleanup.rolling(null, -1, BatchedWrites.RELATIONSHIPS)) {
            for (long node : nodes) {
                boolean full;
                do {
                    full = false;
                    try (ResourceIterable<Relationship> rels = batch.tx().getNodeById(node).getRelationships(Direction.OUTGOING, PPMI)) {
                        for (Relationship r : rels) {
                            if (doomed.test(r.getProperty("run", null))) {
                                r.delete();
                                if (batch.add()) {
                                    full = true;
                                    break;
                                }
                            }
                        }
                    }
                    if (full) {
                        // The node may have more: its relationships are read again in the next transaction.
                        batch.next();
                    }
                } while (full);
            }
            batch.commit();
            return batch.done();
        }
    }
}
