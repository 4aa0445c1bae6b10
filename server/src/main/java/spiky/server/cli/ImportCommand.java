package spiky.server.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import spiky.importer.DatasetImporter;
import spiky.importer.ImportRequest;
import spiky.importer.ImportSummary;
import spiky.server.db.DatabaseOptions;
import spiky.server.db.SpikyDatabase;

@Command(name = "import", mixinStandardHelpOptions = true, description = "Import a dataset file into the data directory (with the server stopped).")
final class ImportCommand implements Callable<Integer> {
    @Mixin
    DataOption data;

    @Option(names = "--dataset", required = true, description = "The dataset's name in the graph.")
    String dataset;

    @Option(names = "--format", required = true, description = "csv, movielens, lastfm-hetrec, cornell, aotm or mpd.")
    String format;

    @Option(names = "--path", required = true, description = "The interactions file (plain or gzip).")
    Path path;

    @Option(names = "--items", description = "Planted truth per item: csv item,community,theta[,name].")
    Path items;

    @Option(names = "--replace", description = "Replace an existing dataset of that name.")
    boolean replace;

    @Option(names = {"-o", "--option"}, paramLabel = "KEY=VALUE",
            description = "A reader option, repeatable (cornell: minSongs=N, default 5; countBy=distinct|split, default distinct).")
    Map<String, String> options = new LinkedHashMap<>();

    @Override
    public Integer call() {
        TerminalProgress progress = TerminalProgress.forStderr();
        try (SpikyDatabase database = SpikyDatabase.open(DatabaseOptions.local(data.dir()))) {
            ImportSummary summary = new DatasetImporter(database.db(), progress).run(new ImportRequest(dataset, format, path, items, replace, options));
            progress.finish();
            System.out.println(summary.describe());
        } finally {
            progress.finish();
        }
        return 0;
    }
}
