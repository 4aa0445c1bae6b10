package spiky.server.db;

import java.nio.file.Path;

/**
 * Where the embedded database lives and how it is reached.
 *
 * @param dataDir the data directory (Neo4j's home: databases, transaction logs, logs)
 * @param network   open Bolt and the HTTP connector (the CLI's one-shot commands do not)
 * @param importDir Neo4j's import directory: LOAD CSV reads and spiky.export.* writes there; the API's import endpoint reads there
 * @param password  the initial password of the user neo4j, set at the first start with the network on (Bolt and the HTTP
 *                  connector require it); null: SPIKY_NEO4J_PASSWORD, else one generated and kept in {@link #PASSWORD_FILE}
 */
public record DatabaseOptions(Path dataDir, boolean network, String boltHost, int boltPort, String httpHost, int httpPort, Path importDir,
        String password) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final String PASSWORD_FILE = "neo4j-password";
    public static final String PASSWORD_ENV = "SPIKY_NEO4J_PASSWORD";

    /**
     * Directories are made absolute and normalised here, the one place every command's paths pass
     * through: Neo4j refuses a home such as {@code /x/./data} ("is not a normalized path"), and the
     * CLI's default is {@code ./data}. Symlinks are kept as given (Neo4j and the lock accept them).
     */
    public DatabaseOptions {
        dataDir = normalised(dataDir);
        importDir = normalised(importDir);
    }

    /** An absolute path without {@code .} or {@code ..} segments; null stays null. */
    public static Path normalised(Path path) {
        return path == null ? null : path.toAbsolutePath().normalize();
    }

    public DatabaseOptions(Path dataDir, boolean network, String boltHost, int boltPort, String httpHost, int httpPort, Path importDir) {
        this(dataDir, network, boltHost, boltPort, httpHost, httpPort, importDir, null);
    }

    /** A database opened without any network connector (CLI import, generate; tests). */
    public static DatabaseOptions local(Path dataDir) {
        return new DatabaseOptions(dataDir, false, DEFAULT_HOST, 7687, DEFAULT_HOST, 7474, dataDir.resolve("import"));
    }
}
