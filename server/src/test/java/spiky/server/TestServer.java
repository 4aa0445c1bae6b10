package spiky.server;

import java.nio.file.Path;
import java.util.function.BiConsumer;
import org.neo4j.graphdb.GraphDatabaseService;
import spiky.Progress;
import spiky.server.SpikyServer.ServerOptions;
import spiky.server.db.DatabaseOptions;
import spiky.server.http.ApiOptions;

/**
 * The whole server in the test's JVM (embedded database, Bolt, Neo4j's HTTP port, the API) on
 * free loopback ports, under a test's temporary directory: the in-process tier of the route
 * tests. {@code firstStart} fills the default dataset on the empty database, as the real first
 * start does.
 */
final class TestServer {
    private TestServer() {}

    static SpikyServer start(Path dir, String defaultDataset, BiConsumer<GraphDatabaseService, String> firstStart) {
        return SpikyServer.start(options(dir, defaultDataset, true, FreePorts.next(), FreePorts.next(), null), Progress.NONE, firstStart);
    }

    /** With the Neo4j password given (tests that log in over Bolt or through Browser). */
    static SpikyServer start(Path dir, String defaultDataset, String password, BiConsumer<GraphDatabaseService, String> firstStart) {
        return SpikyServer.start(options(dir, defaultDataset, true, FreePorts.next(), FreePorts.next(), password), Progress.NONE, firstStart);
    }

    /**
     * Options for data in {@code dir/data} and imports from {@code dir/import}; {@code network}
     * false keeps Bolt and Neo4j's HTTP port closed; a null password lets the server make one.
     */
    static ServerOptions options(Path dir, String defaultDataset, boolean network, int boltPort, int httpPort, String password) {
        return new ServerOptions(
                new DatabaseOptions(dir.resolve("data"), network, "127.0.0.1", boltPort, "127.0.0.1", httpPort, dir.resolve("import"), password),
                new ApiOptions("127.0.0.1", FreePorts.next(), dir.resolve("import")), defaultDataset);
    }
}
