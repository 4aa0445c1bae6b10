package spiky.importer.bulk;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import spiky.InvalidInputException;

/**
 * How {@code spiky import} writes: {@code bulk} builds a new store with Neo4j's parallel batch
 * importer (only possible when the data directory holds no store yet), {@code transactional}
 * adds the dataset to the store through transactions, {@code rebuild} builds a new store with the
 * batch importer from the old one and the new dataset and swaps it in ({@link StoreRebuild}),
 * {@code auto} (the default) takes bulk on a data directory without a store and, on one with a
 * store, rebuild or transactional by the measured rule of {@link #onStore}.
 */
public enum ImportMode {
    AUTO, BULK, TRANSACTIONAL, REBUILD;

    /**
     * auto rebuilds when the new dataset brings at least {@code REBUILD_MIN_ENTITIES + REBUILD_SHARE ×}
     * the store's nodes and relationships. Fitted to two runs of bench/rebuild.sh (bench/RESULTS.md):
     * a rebuild costs about 71 s + 4.9 µs per entity of the store + 8 µs per added one, a
     * transactional import about 54 s + 113 µs per added entity (whole processes on a loaded
     * 2-core machine), so they break even near 160,000 + 0.047 × the store. Measured with the
     * transactional writer of then: a faster one moves both constants up.
     */
    public static final double REBUILD_SHARE = 0.05;
    /** See {@link #REBUILD_SHARE}. */
    public static final long REBUILD_MIN_ENTITIES = 150_000;

    public String cliName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static List<String> cliNames() {
        return Arrays.stream(values()).map(ImportMode::cliName).toList();
    }

    public static ImportMode parse(String name) {
        for (ImportMode mode : values()) {
            if (mode.cliName().equals(name)) {
                return mode;
            }
        }
        throw InvalidInputException.parameter("mode", (name == null ? "null" : "'" + name + "'") + " is not one of " + cliNames());
    }

    /**
     * The mode that runs for this data directory when the sizes are not looked at (spiky generate):
     * AUTO is bulk without a store, transactional with one.
     */
    public ImportMode resolve(Path dataDir) {
        if (this != AUTO) {
            return this;
        }
        return BulkImporter.hasStore(dataDir) ? TRANSACTIONAL : BULK;
    }

    /**
     * auto's choice on a data directory with a store of {@code storeEntities} nodes and
     * relationships, for a new dataset of {@code addedEntities} (its items, contexts and interactions).
     */
    public static ImportMode onStore(long storeEntities, long addedEntities) {
        boolean rebuild = addedEntities >= REBUILD_MIN_ENTITIES + REBUILD_SHARE * storeEntities;
        return rebuild ? REBUILD : TRANSACTIONAL;
    }
}
