package spiky.server.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import spiky.algo.pipeline.PipelineConfig;
import spiky.proc.SpikyService;
import spiky.server.db.DatabaseOptions;
import spiky.server.db.SpikyDatabase;

@Command(name = "pipeline", mixinStandardHelpOptions = true, description = "Run co-occurrence → PPMI → SVD → spikes on a dataset and write the run (calls spiky.pipeline).")
final class PipelineCommand implements Callable<Integer> {
    @Mixin
    DataOption data;

    @Option(names = "--dataset", required = true, description = "The dataset to embed.")
    String dataset;

    @Option(names = {"-c", "--config"}, description = "Any pipeline setting, as key=value (repeatable), e.g. -c rank=64 -c method=block-krylov. "
            + "Lists take commas: -c spkDims=16,32.")
    Map<String, String> config = new LinkedHashMap<>();

    @Override
    public Integer call() {
        try (SpikyDatabase database = SpikyDatabase.open(DatabaseOptions.local(data.dir()))) {
            Map<String, Object> row;
            try (JobWatcher progress = new JobWatcher(SpikyService.of(database.db()).jobs(), "spiky.pipeline", TerminalProgress.forStderr())) {
                row = CypherCalls.pipeline(database.db(), dataset, CliConfig.parse(config, PipelineConfig.SETTINGS));
            }
            System.out.println(PipelineReport.describe(row));
        }
        return 0;
    }
}
