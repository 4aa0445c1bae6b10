package spiky.importer.bulk;

/**
 * What Neo4j's batch importer reads to build a store ({@link NeoBatchImport}), in spiky's own
 * terms: the nodes, then the relationships, each handed out in batches to the importer's threads,
 * with estimates of their numbers for its memory planning. Node ids are the store's actual ids.
 */
interface BulkSource {
    /** A fresh pass over the nodes (the importer may ask more than once). */
    Batches nodes();

    /** A fresh pass over the relationships. */
    Batches relationships();

    long nodeCount();

    long relationshipCount();

    long nodePropertyCount();

    long relationshipPropertyCount();

    /** Receives one node or relationship: the calls the importer's visitor takes. */
    interface Sink {
        void id(long id);

        void labels(String[] labels);

        void startId(long node);

        void endId(long node);

        void type(String type);

        void property(String key, Object value);
    }

    /** One importer thread's current batch. */
    interface Batch {
        /** Gives the batch's next entity to {@code sink}; false when the batch is used up. */
        boolean next(Sink sink);
    }

    /** A pass over entities in batches; {@link #fill} is called by several threads at once. */
    interface Batches extends AutoCloseable {
        Batch newBatch();

        /** Loads the next batch into {@code batch}; false when the pass is over. */
        boolean fill(Batch batch);

        @Override
        default void close() {}
    }
}
