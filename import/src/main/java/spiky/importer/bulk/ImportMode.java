package spiky.importer.bulk;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import spiky.InvalidInputException;

/**
 * How {@code spiky import} writes: {@code bulk} builds a new store with Neo4j's parallel batch
 * importer (only possible when the data directory holds no store yet), {@code transactional}
 * adds the dataset to the store through transactions, {@code auto} (the default) takes bulk on
 * a data directory without a store and transactional otherwise.
 */
public enum ImportMode {
    AUTO, BULK, TRANSACTIONAL;

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

    /** The mode that runs for this data directory: AUTO resolved by the rule above. */
    public ImportMode resolve(Path dataDir) {
        if (this != AUTO) {
            return this;
        }
        return BulkImporter.hasStore(dataDir) ? TRANSACTIONAL : BULK;
    }
}
