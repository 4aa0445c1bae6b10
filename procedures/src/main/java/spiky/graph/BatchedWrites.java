package spiky.graph;

import java.util.ArrayList;
import java.util.List;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import spiky.Progress;
import spiky.algo.Termination;

/**
 * The one way spiky writes (or deletes) more than a transaction should hold: in transactions of a
 * bounded size, each committed before the next begins, with progress after every commit and the
 * termination check before every batch. Three shapes: a range of indexes in slices
 * ({@link #ranges}, {@link #undoableRanges}, which can put back what its committed slices
 * replaced), a transaction that rolls over every so many units when the units per element vary
 * ({@link #rolling}), and a chunk repeated until it finds nothing left ({@link #untilDone}).
 * Undoing never checks termination: a cancelled write must still be able to clean up after itself.
 */
public final class BatchedWrites {
    /**
     * Nodes created or changed per transaction (Embedding nodes with their vector, spike and
     * forecast properties): a transaction keeps every changed node's new state in the heap until
     * its commit, and 10,000 nodes of a few hundred bytes each stay a few megabytes.
     */
    public static final int NODES = 10_000;

    /**
     * Relationships created or deleted per transaction, whatever the number of nodes they hang
     * off. Batching PPMI deletions by 10,000 items once held a million deleted relationships in one
     * transaction (a dense set among a few thousand items), and the collector copied them at every
     * young collection: pauses of 0.6 to 0.9 s beside a serving API. 20,000 relationships per
     * transaction bound the heap a batch holds by what it does, not by how many nodes it visits.
     */
    public static final int RELATIONSHIPS = 20_000;

    private final GraphDatabaseService db;
    private final Progress progress;
    private final Termination termination;

    public BatchedWrites(GraphDatabaseService db, Progress progress, Termination termination) {
        this.db = db;
        this.progress = progress;
        this.termination = termination;
    }

    /** Writes the indexes [start, end) in {@code tx}; returns what an undo needs (what they replaced), or null. */
    @FunctionalInterface
    public interface RangeWrite<U> {
        U write(Transaction tx, int start, int end);
    }

    /** Puts back, in {@code tx}, what one committed slice replaced. */
    @FunctionalInterface
    public interface RangeUndo<U> {
        void undo(Transaction tx, U replaced);
    }

    /** Does at most {@code limit} units of work in {@code tx}; returns how many it did (0: nothing left). */
    @FunctionalInterface
    public interface Chunk {
        int run(Transaction tx, int limit);
    }

    /** Writes the indexes [0, n) in transactions of {@code batch}, reporting {@code stage} after each commit. */
    public void ranges(String stage, int n, int batch, RangeWrite<?> write) {
        for (int start = 0; start < n; start += batch) {
            int end = Math.min(n, start + batch);
            termination.check();
            try (Transaction tx = db.beginTx()) {
                write.write(tx, start, end);
                tx.commit();
            }
            progress.report(stage, end, n);
        }
    }

    /**
     * As {@link #ranges}, keeping what each committed slice returns (what it replaced). Should a
     * slice fail (or termination stop the write), the slices committed before it are undone,
     * newest first, and the failure is rethrown; the slice that failed was never committed. The
     * answer undoes every slice, for a failure in what the caller writes next.
     */
    public <U> Committed<U> undoableRanges(String stage, int n, int batch, RangeWrite<U> write, RangeUndo<U> undo) {
        Committed<U> committed = new Committed<>(undo);
        Undo.run(() -> {
            for (int start = 0; start < n; start += batch) {
                int end = Math.min(n, start + batch);
                termination.check();
                U replaced;
                try (Transaction tx = db.beginTx()) {
                    replaced = write.write(tx, start, end);
                    tx.commit();
                }
                committed.replaced.add(replaced);
                progress.report(stage, end, n);
            }
        }, committed::undo);
        return committed;
    }

    /** The committed slices of an {@link #undoableRanges} write and what each replaced. */
    public final class Committed<U> {
        private final List<U> replaced = new ArrayList<>();
        private final RangeUndo<U> undo;

        private Committed(RangeUndo<U> undo) {
            this.undo = undo;
        }

        /** How many slices were committed. */
        public int batches() {
            return replaced.size();
        }

        /** Puts back what every committed slice replaced, newest first, one transaction per slice. */
        public void undo() {
            for (int k = replaced.size() - 1; k >= 0; k--) {
                try (Transaction tx = db.beginTx()) {
                    undo.undo(tx, replaced.get(k));
                    tx.commit();
                }
                replaced.remove(k);
            }
        }
    }

    /**
     * A transaction that is committed and begun anew every {@code batch} units, for writes whose
     * units per element vary (relationships per node): the caller counts each unit with
     * {@link Rolling#add} and, when that says the batch is full, closes what it holds open in the
     * transaction and calls {@link Rolling#next}. {@code stage} null reports no progress.
     */
    public Rolling rolling(String stage, long total, int batch) {
        return new Rolling(stage, total, batch);
    }

    public final class Rolling implements AutoCloseable {
        private final String stage;
        private final long total;
        private final int batch;
        private Transaction tx;
        private int inBatch;
        private long done;

        private Rolling(String stage, long total, int batch) {
            this.stage = stage;
            this.total = total;
            this.batch = batch;
            termination.check();
            this.tx = db.beginTx();
        }

        /** The open transaction; a new one after {@link #next}: nodes looked up in the old one must be looked up again. */
        public Transaction tx() {
            return tx;
        }

        /** Counts one unit done in the open transaction; true when that filled the batch. */
        public boolean add() {
            done++;
            return ++inBatch >= batch;
        }

        /** Commits the open transaction and begins the next (after the termination check). */
        public void next() {
            tx.commit();
            tx.close();
            tx = null;
            inBatch = 0;
            report();
            termination.check();
            tx = db.beginTx();
        }

        /** Units counted so far. */
        public long done() {
            return done;
        }

        /** Commits the last transaction. */
        public void commit() {
            tx.commit();
            report();
        }

        private void report() {
            if (stage != null) {
                progress.report(stage, done, total);
            }
        }

        /** Closes the open transaction: what it held and was not committed is rolled back. */
        @Override
        public void close() {
            if (tx != null) {
                tx.close();
            }
        }
    }

    /**
     * Runs {@code chunk} in transactions of at most {@code limit} units until one does nothing
     * (deletions that find their next victims by a query); returns the units done.
     */
    public long untilDone(int limit, Chunk chunk) {
        long total = 0;
        while (true) {
            termination.check();
            int done;
            try (Transaction tx = db.beginTx()) {
                done = chunk.run(tx, limit);
                tx.commit();
            }
            total += done;
            if (done == 0) {
                return total;
            }
        }
    }
}
