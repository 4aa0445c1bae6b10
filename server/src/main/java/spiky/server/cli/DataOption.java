package spiky.server.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import spiky.server.db.DatabaseOptions;

/** The --data option that every command shares. */
final class DataOption {
    @Option(names = "--data", defaultValue = "./data", description = "The data directory (Neo4j store, logs, import folder). Default: ${DEFAULT-VALUE}.")
    private Path dataDir;

    /** The data directory, absolute and normalised (Neo4j refuses {@code /x/./data}). */
    Path dir() {
        return DatabaseOptions.normalised(dataDir);
    }
}
