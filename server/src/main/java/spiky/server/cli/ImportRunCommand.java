package spiky.server.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import spiky.graph.ImportedRun;
import spiky.graph.ImportedRunWriter;
import spiky.server.db.DatabaseOptions;
import spiky.server.db.SpikyDatabase;

@Command(name = "import-run", mixinStandardHelpOptions = true,
        description = "Load a run computed by the Spark job (its --out directory) as a finished run of a dataset (server stopped).")
final class ImportRunCommand implements Callable<Integer> {
    @Mixin
    DataOption data;

    @Option(names = "--dataset", required = true, description = "The dataset whose interactions the job read.")
    String dataset;

    @Option(names = "--from", required = true, description = "The Spark job's output directory (run.json, items.csv).")
    Path from;

    @Override
    public Integer call() {
        // The files are read and checked whole before the database opens.
        ImportedRun run = SparkRunFiles.read(DatabaseOptions.normalised(from));
        TerminalProgress progress = TerminalProgress.forStderr();
        try (SpikyDatabase database = SpikyDatabase.open(DatabaseOptions.local(data.dir()))) {
            String id = new ImportedRunWriter(database.db(), progress).write(dataset, run);
            progress.finish();
            System.out.println("Imported run " + id + " of " + dataset + ": " + run.items().length + " items, rank "
                    + run.singularValues().length + ", Spk " + run.levels().stream().map(l -> l.f() + ":" + l.peaks()).toList());
        } finally {
            progress.finish();
        }
        return 0;
    }
}
