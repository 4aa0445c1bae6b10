package spiky.server.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The --data option that every command shares. */
final class DataOption {
    @Option(names = "--data", defaultValue = "./data", description = "The data directory (Neo4j store, logs, import folder). Default: ${DEFAULT-VALUE}.")
    Path dataDir;
}
