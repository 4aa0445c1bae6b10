package spiky.importer.bulk;

import java.util.concurrent.atomic.AtomicLong;

/** Entities {@code 0 … total-1} computed on demand, handed out as ranges of {@link #CHUNK}. */
final class RangeBatches implements BulkSource.Batches {
    /** Entities handed to one importer thread at a time. */
    static final int CHUNK = 20_000;

    /** Writes entity {@code index} into the sink. */
    @FunctionalInterface
    interface Filler {
        void fill(long index, BulkSource.Sink sink);
    }

    private final AtomicLong next = new AtomicLong();
    private final long total;
    private final Filler filler;

    RangeBatches(long total, Filler filler) {
        this.total = total;
        this.filler = filler;
    }

    @Override
    public BulkSource.Batch newBatch() {
        return new Range();
    }

    @Override
    public boolean fill(BulkSource.Batch batch) {
        long start = next.getAndAdd(CHUNK);
        if (start >= total) {
            return false;
        }
        Range range = (Range) batch;
        range.cursor = start;
        range.end = Math.min(total, start + CHUNK);
        return true;
    }

    private final class Range implements BulkSource.Batch {
        private long cursor;
        private long end;

        @Override
        public boolean next(BulkSource.Sink sink) {
            if (cursor >= end) {
                return false;
            }
            filler.fill(cursor++, sink);
            return true;
        }
    }
}
