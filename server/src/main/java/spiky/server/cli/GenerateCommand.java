package spiky.server.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import spiky.importer.bulk.BulkGenerate;
import spiky.importer.bulk.ImportMode;
import spiky.server.db.DatabaseOptions;
import spiky.server.db.SpikyDatabase;

@Command(name = "generate", mixinStandardHelpOptions = true, description = "Generate a seeded degree-corrected block model dataset (calls spiky.dcbm.generate).")
final class GenerateCommand implements Callable<Integer> {
    @Mixin
    DataOption data;

    @Option(names = "--dataset", required = true, description = "The dataset's name in the graph.")
    String dataset;

    @Option(names = "--seed", description = "The random seed (same seed, same graph).")
    Long seed;

    @Option(names = {"-c", "--config"}, description = "Any generator setting, as key=value (repeatable), e.g. -c mix=0.2 -c items=5000. See CALL spiky.dcbm.generate's description.")
    Map<String, String> config = new LinkedHashMap<>();

    @Option(names = "--replace", description = "Replace an existing dataset of that name.")
    boolean replace;

    @Option(names = "--mode", defaultValue = "auto", description = "bulk (Neo4j's batch importer; only into a data directory without a store), "
            + "transactional (spiky.dcbm.generate), or auto: bulk when the data directory has no store yet, else transactional. Default: ${DEFAULT-VALUE}.")
    String mode;

    @Override
    public Integer call() {
        Map<String, Object> settings = new LinkedHashMap<>(config);
        if (seed != null) {
            settings.put("seed", seed);
        }
        if (replace) {
            settings.put("replace", true);
        }
        if (ImportMode.parse(mode).resolve(data.dir()) == ImportMode.BULK) {
            TerminalProgress progress = TerminalProgress.forStderr();
            Map<String, Object> generated = BulkRun.underLock(data.dir(), () -> BulkGenerate.run(data.dir(), dataset, settings, progress));
            progress.finish();
            double schema = BulkRun.firstOpen(data.dir());
            System.out.println("Generated " + generated + " [bulk]");
            System.out.println(String.format(java.util.Locale.ROOT, "Constraints and indexes built in %.1f s", schema));
            return 0;
        }
        try (SpikyDatabase database = SpikyDatabase.open(DatabaseOptions.local(data.dir()))) {
            System.out.println("Generated " + CypherCalls.generate(database.db(), dataset, settings) + " [transactional]");
        }
        return 0;
    }
}
