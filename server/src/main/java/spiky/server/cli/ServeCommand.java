package spiky.server.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import spiky.graph.GraphModel;
import spiky.importer.bulk.BulkGenerate;
import spiky.server.SpikyServer;
import spiky.server.SpikyServer.ServerOptions;
import spiky.server.db.DatabaseOptions;
import spiky.server.http.ApiOptions;

@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the server: embedded Neo4j (Bolt, HTTP connector, Browser) and the spiky HTTP API.")
final class ServeCommand implements Callable<Integer> {
    @Mixin
    DataOption data;

    @Option(names = "--host", defaultValue = DatabaseOptions.DEFAULT_HOST, description = "Address every port listens on. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--port", defaultValue = "7070", description = "The spiky API port. Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--bolt-port", defaultValue = "7687", description = "Neo4j's Bolt port. Default: ${DEFAULT-VALUE}.")
    int boltPort;

    @Option(names = "--neo4j-http-port", defaultValue = "7474", description = "Neo4j's HTTP connector (Browser, /db/neo4j/tx). Default: ${DEFAULT-VALUE}.")
    int neo4jHttpPort;

    @Option(names = "--import-dir", description = "The only folder the import endpoint reads from. Default: <data>/import.")
    Path importDir;

    @Option(names = "--default-dataset", defaultValue = "dcbm", description = "Dataset generated on an empty data directory ('' for none). Default: ${DEFAULT-VALUE}.")
    String defaultDataset;

    private static boolean hasDataset(GraphDatabaseService db, String name) {
        try (Transaction tx = db.beginTx()) {
            return tx.findNode(GraphModel.DATASET, "name", name) != null;
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        Path imports = DatabaseOptions.normalised(importDir != null ? importDir : data.dir().resolve("import"));
        ServerOptions options = new ServerOptions(
                new DatabaseOptions(data.dir(), true, host, boltPort, host, neo4jHttpPort, imports),
                new ApiOptions(host, port, imports),
                defaultDataset.isBlank() ? null : defaultDataset);
        TerminalProgress progress = TerminalProgress.forStderr();
        // On a data directory without a store the default dataset goes through the bulk path, then the pipeline embeds it.
        SpikyServer server = SpikyServer.start(options, progress, (dir, name) -> {
            Map<String, Object> generated = BulkRun.underLock(dir, () -> BulkGenerate.run(dir, name, Map.of(), progress));
            progress.finish();
            System.out.println("Generated " + generated + " [bulk]");
        }, (db, name) -> {
            if (!hasDataset(db, name)) {
                System.out.println("Generated " + CypherCalls.generate(db, name, Map.of()));
            }
            System.out.println(PipelineReport.describe(CypherCalls.pipeline(db, name, Map.of())));
        });
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("spiky: shutting down");
            server.close();
            stopped.countDown();
        }, "spiky-shutdown"));
        System.out.println(server.describe());
        stopped.await();
        return 0;
    }
}
