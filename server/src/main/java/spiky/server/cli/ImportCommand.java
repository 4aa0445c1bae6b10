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
import spiky.importer.bulk.BulkImporter;
import spiky.importer.bulk.StoreRebuild;
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
            + "transactional (adds to the store), rebuild (Neo4j's batch importer: the whole store and the new dataset into a new store, swapped in), "
            + "or auto: bulk when the data directory has no store yet, else rebuild when the new dataset is large against the store "
            + "(see README, Bulk or transactional), else transactional. Default: ${DEFAULT-VALUE}.")
    String mode;

    @Override
    public Integer call() {
        ImportMode chosen = ImportMode.parse(mode);
        if (chosen == ImportMode.AUTO && !BulkImporter.hasStore(data.dir())) {
            chosen = ImportMode.BULK;
        }
        ImportRequest request = new ImportRequest(dataset, format, path, items, replace, options);
        TerminalProgress progress = TerminalProgress.forStderr();
        try {
            switch (chosen) {
                case BULK -> {
                    ImportSummary summary = bulk(request, progress);
                    System.out.println(summary.describe() + " [bulk]");
                }
                case REBUILD -> {
                    BulkDatasetImport.Rebuilt rebuilt = BulkRun.underLock(data.dir(), () -> new BulkDatasetImport(progress).rebuild(data.dir(), request));
                    report(rebuilt, progress);
                }
                case TRANSACTIONAL -> {
                    try (SpikyDatabase database = SpikyDatabase.open(DatabaseOptions.local(data.dir()))) {
                        ImportSummary summary = new DatasetImporter(database.db(), progress).run(request);
                        progress.finish();
                        System.out.println(summary.describe() + " [transactional]");
                    }
                }
                case AUTO -> auto(request, progress);
            }
        } finally {
            progress.finish();
        }
        return 0;
    }

    /**
     * On a store: reads and checks the input with the store open (as the transactional import
     * does), then writes it through transactions, or closes the store and rebuilds it with the
     * input added, by the size rule of {@link ImportMode#onStore}.
     */
    private void auto(ImportRequest request, TerminalProgress progress) {
        DatasetImporter.ReadInput input;
        try (SpikyDatabase database = SpikyDatabase.open(DatabaseOptions.local(data.dir()))) {
            DatasetImporter importer = new DatasetImporter(database.db(), progress);
            input = importer.readAll(request);
            long store = count(database, "MATCH (n) RETURN count(n) AS c") + count(database, "MATCH ()-[r]->() RETURN count(r) AS c");
            long added = (long) input.data().itemCount() + input.data().contextCount() + input.data().size() + 1;
            boolean exists = database.db().executeTransactionally("MATCH (d:Dataset {name: $name}) RETURN count(d) > 0 AS e",
                    Map.of("name", request.dataset()), r -> (Boolean) r.next().get("e"));
            // replacing a dataset is for transactions; so is a name the store has (refused there with the usual words)
            if (exists || ImportMode.onStore(store, added) == ImportMode.TRANSACTIONAL) {
                ImportSummary summary = importer.write(input, request);
                progress.finish();
                System.out.println(summary.describe() + " [transactional]");
                return;
            }
        }
        BulkDatasetImport.Rebuilt rebuilt = BulkRun.underLock(data.dir(), () -> new BulkDatasetImport(progress).rebuild(data.dir(), request, input));
        report(rebuilt, progress);
    }

    private static long count(SpikyDatabase database, String query) {
        return database.db().executeTransactionally(query, Map.of(), r -> ((Number) r.next().get("c")).longValue());
    }

    private void report(BulkDatasetImport.Rebuilt rebuilt, TerminalProgress progress) {
        progress.finish();
        StoreRebuild.Result r = rebuilt.result();
        System.out.println(String.format(Locale.ROOT, "Rebuilt the store: %,d nodes and %,d relationships carried over (copy %.1f s, "
                + "opening the copy %.1f s, batch importer %.1f s), constraints and indexes built in %.1f s", r.storeNodes(), r.storeRelationships(),
                r.copySeconds(), r.openSeconds(), r.importSeconds(), BulkRun.firstOpen(data.dir())));
        System.out.println(rebuilt.summary().describe() + " [rebuild]");
    }

    /** Builds the store under the data directory's lock, then opens it once: the schema's constraints and indexes are made then. */
    private ImportSummary bulk(ImportRequest request, TerminalProgress progress) {
        ImportSummary summary = BulkRun.underLock(data.dir(), () -> new BulkDatasetImport(progress).run(data.dir(), request));
        progress.finish();
        System.out.println(String.format(Locale.ROOT, "Constraints and indexes built in %.1f s", BulkRun.firstOpen(data.dir())));
        return summary;
    }
}
