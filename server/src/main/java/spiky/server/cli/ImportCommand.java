package spiky.server.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import spiky.importer.DatasetImporter;
import spiky.importer.ImportRequest;
import spiky.importer.ImportSummary;
import spiky.importer.bulk.BulkDatasetImport;
import spiky.importer.bulk.ImportMode;
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

    @Option(names = "--mode", defaultValue = "auto", description = "bulk (Neo4j's batch importer; only into a data directory without a store), "
            + "transactional (adds to the store), or auto: bulk when the data directory has no store yet, else transactional. Default: ${DEFAULT-VALUE}.")
    String mode;

    @Override
    public Integer call() {
        ImportMode resolved = ImportMode.parse(mode).resolve(data.dir());
        ImportRequest request = new ImportRequest(dataset, format, path, items, replace, options);
        TerminalProgress progress = TerminalProgress.forStderr();
        try {
            if (resolved == ImportMode.BULK) {
                ImportSummary summary = bulk(request, progress);
                progress.finish();
                System.out.println(summary.describe() + " [bulk]");
            } else {
                try (SpikyDatabase database = SpikyDatabase.open(DatabaseOptions.local(data.dir()))) {
                    ImportSummary summary = new DatasetImporter(database.db(), progress).run(request);
                    progress.finish();
                    System.out.println(summary.describe() + " [transactional]");
                }
            }
        } finally {
            progress.finish();
        }
        return 0;
    }

    /** Builds the store under the data directory's lock, then opens it once: the schema's constraints and indexes are made then. */
    private ImportSummary bulk(ImportRequest request, TerminalProgress progress) {
        ImportSummary summary = BulkRun.underLock(data.dir(), () -> new BulkDatasetImport(progress).run(data.dir(), request));
        progress.finish();
        System.out.println(String.format(Locale.ROOT, "Constraints and indexes built in %.1f s", BulkRun.firstOpen(data.dir())));
        return summary;
    }
}
