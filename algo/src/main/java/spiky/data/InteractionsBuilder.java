package spiky.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Collects interaction rows from a reader, collapsing duplicate (item, context) pairs into one
 * interaction that keeps the earliest timestamp (and that row's weight). Ids are interned once
 * ({@link StringIndex}) and rows kept in primitive arrays, so memory follows the distinct ids and
 * interactions, not the rows read. Not thread-safe.
 */
public final class InteractionsBuilder {
    /** Marks a row without a timestamp. */
    public static final long NO_TIMESTAMP = Long.MIN_VALUE;

    private final StringIndex itemIndex = new StringIndex();
    private final Map<String, String> names = new HashMap<>();
    private final StringIndex contextIndex = new StringIndex();
    private final LongIntHashMap pairIndex = new LongIntHashMap(1 << 16);
    private int[] itemOf = new int[1 << 16];
    private int[] contextOf = new int[1 << 16];
    private long[] timestamps = new long[1 << 16];
    private double[] weights = new double[1 << 16];
    private int size;
    private boolean anyTimestamp;
    private boolean anyWeight;
    private long rowsRead;
    private long rowsSkipped;

    /**
     * Adds one row.
     *
     * @param timestamp epoch seconds, or {@link #NO_TIMESTAMP}
     * @param weight    the row's weight, or NaN when it has none
     */
    public void add(CharSequence item, CharSequence context, long timestamp, double weight) {
        rowsRead++;
        int i = itemIndex.intern(item);
        int c = contextIndex.intern(context);
        long pair = ((long) i << 32) | (c & 0xFFFFFFFFL);
        int existing = pairIndex.putIfAbsent(pair, size);
        if (timestamp != NO_TIMESTAMP) {
            anyTimestamp = true;
        }
        if (!Double.isNaN(weight)) {
            anyWeight = true;
        }
        if (existing >= 0) {
            long kept = timestamps[existing];
            if (timestamp != NO_TIMESTAMP && (kept == NO_TIMESTAMP || timestamp < kept)) {
                timestamps[existing] = timestamp;
                weights[existing] = weight;
            }
            return;
        }
        if (size == itemOf.length) {
            int capacity = size + (size >> 1);
            itemOf = Arrays.copyOf(itemOf, capacity);
            contextOf = Arrays.copyOf(contextOf, capacity);
            timestamps = Arrays.copyOf(timestamps, capacity);
            weights = Arrays.copyOf(weights, capacity);
        }
        itemOf[size] = i;
        contextOf[size] = c;
        timestamps[size] = timestamp;
        weights[size] = weight;
        size++;
    }

    /** Counts a row that the format's rules skip (it is read, but gives no interaction). */
    public void skipRow() {
        rowsRead++;
        rowsSkipped++;
    }

    /** Gives an item a display name; names of items that never interact are dropped at build. */
    public void name(String item, String name) {
        if (name != null && !name.isEmpty()) {
            names.put(item, name);
        }
    }

    public int size() {
        return size;
    }

    public long rowsRead() {
        return rowsRead;
    }

    public Interactions build() {
        String[] items = itemIndex.toArray();
        String[] itemNames = new String[items.length];
        for (int i = 0; i < items.length; i++) {
            itemNames[i] = names.get(items[i]);
        }
        long[] ts = null;
        if (anyTimestamp) {
            ts = Arrays.copyOf(timestamps, size);
        }
        double[] w = null;
        if (anyWeight) {
            w = Arrays.copyOf(weights, size);
        }
        return new Interactions(items, itemNames, contextIndex.toArray(),
                Arrays.copyOf(itemOf, size), Arrays.copyOf(contextOf, size), ts, w, null, rowsRead, rowsSkipped);
    }
}
