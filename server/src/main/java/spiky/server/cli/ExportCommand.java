package spiky.server.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import spiky.algo.Termination;
import spiky.algo.pipeline.PipelineConfig;
import spiky.graph.Exporter;
import spiky.graph.GraphModel;
import spiky.server.db.DatabaseOptions;
import spiky.server.db.SpikyDatabase;

@Command(name = "export", mixinStandardHelpOptions = true, description = "Write a dataset's PPMI matrix (Matrix Market + item ids) and a run's items (CSV) for numpy/scipy.")
final class ExportCommand implements Callable<Integer> {
    @Mixin
    DataOption data;

    @Option(names = "--dataset", required = true, description = "The dataset.")
    String dataset;

    @Option(names = "--run", description = "The run whose items to write. Default: the dataset's latest finished run, if any.")
    String run;

    @Option(names = "--out", required = true, description = "The folder to write into (created if needed).")
    Path out;

    @Option(names = {"-c", "--config"}, description = "PPMI settings as key=value: minCount, topK, rankRule, concurrency.")
    Map<String, String> config = new LinkedHashMap<>();

    @Override
    public Integer call() {
        TerminalProgress progress = TerminalProgress.forStderr();
        try (SpikyDatabase database = SpikyDatabase.open(DatabaseOptions.local(data.dir()))) {
            PipelineConfig parsed = PipelineConfig.from(CliConfig.parse(config, PipelineConfig.SETTINGS));
            Path outDir = DatabaseOptions.normalised(out);
            Path mtx = outDir.resolve(dataset + "-ppmi.mtx");
            for (Exporter.Written w : Exporter.ppmi(database.db(), dataset, parsed.ppmi(), parsed.concurrency(), mtx,
                    outDir.resolve(dataset + "-ppmi.mtx.items.csv"), progress, Termination.NONE)) {
                progress.finish();
                System.out.println("Wrote " + w.file() + " (" + w.rows() + " rows, " + w.entries() + " entries)");
            }
            String runId = run != null ? run : latestRun(database);
            if (runId != null) {
                Exporter.Written w = Exporter.run(database.db(), runId, outDir.resolve(runId + "-items.csv"));
                System.out.println("Wrote " + w.file() + " (" + w.rows() + " items of run " + runId + ")");
            }
        } finally {
            progress.finish();
        }
        return 0;
    }

    private String latestRun(SpikyDatabase database) {
        try (Transaction tx = database.db().beginTx()) {
            Node d = tx.findNode(GraphModel.DATASET, "name", dataset);
            return d == null ? null : (String) d.getProperty("latestRun", null);
        }
    }
}
