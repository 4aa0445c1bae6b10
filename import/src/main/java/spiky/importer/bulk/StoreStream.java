package spiky.importer.bulk;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.ResourceIterable;
import org.neo4j.graphdb.Transaction;
import spiky.Progress;

/**
 * A whole existing store as the batch importer's input, followed by one new dataset: every node
 * with all its labels and properties, every relationship with its type and properties, read
 * through the core API without knowing spiky's labels, so that any kind of node (runs,
 * embeddings, forecasts, what comes later) is carried over as it is.
 *
 * <p>Nodes keep their ids: the PPMI matrix files beside the store name Item nodes by id
 * ({@code spiky.graph.PpmiFiles}), and readers order items by node id, so keeping them keeps both
 * right without rewriting anything. The new dataset's nodes take the ids after the store's
 * highest. Relationships get new ids (nothing in spiky keeps one).
 *
 * <p>Each pass is read by one thread, which owns its transaction, into batches of
 * {@link #BATCH} entities that the importer's threads take from a short queue.
 */
final class StoreStream implements BulkSource {
    static final int BATCH = 4_096;
    private static final int QUEUED = 8;
    private static final Object END = new Object();

    private final GraphDatabaseService db;
    private final BulkSource added;
    private final long storeNodes;
    private final long storeRelationships;
    private final Progress progress;
    /** The first id of the added dataset's nodes: one past the store's highest, known once the store's nodes are read. */
    private volatile long base = -1;

    StoreStream(GraphDatabaseService db, BulkGraph added, Progress progress) {
        this.db = db;
        this.added = added.source(this::base);
        this.progress = progress;
        this.storeNodes = count("MATCH (n) RETURN count(n) AS c");
        this.storeRelationships = count("MATCH ()-[r]->() RETURN count(r) AS c");
    }

    private long count(String query) {
        return db.executeTransactionally(query, Map.of(), r -> ((Number) r.next().get("c")).longValue());
    }

    long storeNodes() {
        return storeNodes;
    }

    long storeRelationships() {
        return storeRelationships;
    }

    private long base() {
        if (base < 0) {
            throw new IllegalStateException("the new dataset's nodes were asked for before the store's nodes were all read");
        }
        return base;
    }

    @Override
    public Batches nodes() {
        return new Pass(new Reader("nodes", storeNodes) {
            private long highest = -1;

            @Override
            void read(Transaction tx) throws InterruptedException {
                try (ResourceIterable<Node> all = tx.getAllNodes()) {
                    Loaded batch = new Loaded();
                    for (Node n : all) {
                        long id = n.getId();
                        highest = Math.max(highest, id);
                        List<String> labels = new ArrayList<>(2);
                        for (Label l : n.getLabels()) {
                            labels.add(l.name());
                        }
                        batch.node(id, labels.toArray(String[]::new), n.getAllProperties());
                        if (batch.size == BATCH) {
                            put(batch);
                            batch = new Loaded();
                        }
                    }
                    put(batch);
                }
            }

            @Override
            void finished() {
                base = highest + 1;
            }
        }, added.nodes());
    }

    @Override
    public Batches relationships() {
        return new Pass(new Reader("relationships", storeRelationships) {
            @Override
            void read(Transaction tx) throws InterruptedException {
                try (ResourceIterable<Relationship> all = tx.getAllRelationships()) {
                    Loaded batch = new Loaded();
                    for (Relationship r : all) {
                        batch.relationship(r.getStartNode().getId(), r.getEndNode().getId(), r.getType().name(), r.getAllProperties());
                        if (batch.size == BATCH) {
                            put(batch);
                            batch = new Loaded();
                        }
                    }
                    put(batch);
                }
            }
        }, added.relationships());
    }

    @Override
    public long nodeCount() {
        return storeNodes + added.nodeCount();
    }

    @Override
    public long relationshipCount() {
        return storeRelationships + added.relationshipCount();
    }

    // Estimates only (the importer plans its memory with them): about what spiky's nodes carry.
    @Override
    public long nodePropertyCount() {
        return 4 * storeNodes + added.nodePropertyCount();
    }

    @Override
    public long relationshipPropertyCount() {
        return 2 * storeRelationships + added.relationshipPropertyCount();
    }

    /** Up to BATCH entities read from the store: nodes (ids, labels) or relationships (ends, type), with their properties. */
    private static final class Loaded {
        final long[] a = new long[BATCH];
        final long[] b = new long[BATCH];
        final Object[] kind = new Object[BATCH];
        @SuppressWarnings("unchecked")
        final Map<String, Object>[] properties = new Map[BATCH];
        int size;

        void node(long id, String[] labels, Map<String, Object> p) {
            a[size] = id;
            kind[size] = labels;
            properties[size++] = p;
        }

        void relationship(long start, long end, String type, Map<String, Object> p) {
            a[size] = start;
            b[size] = end;
            kind[size] = type;
            properties[size++] = p;
        }
    }

    /** One pass over the store, read by its own thread into the queue, ended by END or the failure. */
    private abstract class Reader implements Runnable {
        private final String what;
        private final long total;
        private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUED);
        private final Thread thread;
        private volatile boolean closed;
        private long handed;

        Reader(String what, long total) {
            this.what = what;
            this.total = total;
            this.thread = new Thread(this, "spiky-rebuild-read-" + what);
            thread.setDaemon(true);
        }

        abstract void read(Transaction tx) throws InterruptedException;

        void finished() {}

        @Override
        public void run() {
            Object last = END;
            try (Transaction tx = db.beginTx()) {
                read(tx);
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | Error e) {
                last = e;
            }
            try {
                put(last);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void put(Object item) throws InterruptedException {
            if (item instanceof Loaded l && l.size == 0) {
                return;
            }
            while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
                if (closed) {
                    throw new InterruptedException("the import stopped reading");
                }
            }
        }

        /** The next batch, or null at the end of the pass; rethrows what stopped the reading. */
        Loaded take() {
            if (thread.getState() == Thread.State.NEW) {
                thread.start();
            }
            Object item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading the store's " + what, e);
            }
            if (item == END) {
                queue.offer(END); // for the next thread that asks
                finished();
                return null;
            }
            if (item instanceof RuntimeException e) {
                queue.offer(e);
                throw new IllegalStateException("reading the store's " + what + " failed: " + e.getMessage(), e);
            }
            if (item instanceof Error e) {
                queue.offer(e);
                throw e;
            }
            Loaded l = (Loaded) item;
            handed += l.size;
            progress.report("reading the store's " + what + " (rebuild)", Math.min(handed, total), Math.max(total, 1));
            return l;
        }

        void close() {
            closed = true;
            thread.interrupt();
        }
    }

    /** The store's entities, then the added dataset's. */
    private static final class Pass implements Batches {
        private final Reader store;
        private final Batches added;
        private boolean storeDone;

        Pass(Reader store, Batches added) {
            this.store = store;
            this.added = added;
        }

        @Override
        public Batch newBatch() {
            return new Either(added.newBatch());
        }

        @Override
        public boolean fill(Batch batch) {
            Either e = (Either) batch;
            synchronized (this) {
                if (!storeDone) {
                    Loaded l = store.take();
                    if (l != null) {
                        e.load(l);
                        return true;
                    }
                    storeDone = true;
                }
            }
            e.loaded = null;
            return added.fill(e.added);
        }

        @Override
        public void close() {
            store.close();
            added.close();
        }
    }

    /** An importer thread's batch: a loaded one from the store, or one of the added dataset. */
    private static final class Either implements Batch {
        private final Batch added;
        private Loaded loaded;
        private int cursor;

        Either(Batch added) {
            this.added = added;
        }

        void load(Loaded l) {
            loaded = l;
            cursor = 0;
        }

        @Override
        public boolean next(Sink sink) {
            if (loaded == null) {
                return added.next(sink);
            }
            if (cursor >= loaded.size) {
                return false;
            }
            int k = cursor++;
            if (loaded.kind[k] instanceof String[] labels) {
                sink.id(loaded.a[k]);
                sink.labels(labels);
            } else {
                sink.startId(loaded.a[k]);
                sink.endId(loaded.b[k]);
                sink.type((String) loaded.kind[k]);
            }
            Map<String, Object> p = loaded.properties[k];
            for (Iterator<Map.Entry<String, Object>> it = p.entrySet().iterator(); it.hasNext();) {
                Map.Entry<String, Object> entry = it.next();
                sink.property(entry.getKey(), entry.getValue());
            }
            loaded.properties[k] = null; // the batch's memory goes as it is written
            return true;
        }
    }
}
