package spiky.proc;


import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.logging.Log;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.algo.dcbm.DcbmConfig;
import spiky.algo.dcbm.DcbmGenerator;
import spiky.config.ConfigReader;
import spiky.config.Setting;
import spiky.config.SettingType;
import spiky.config.SettingsTable;
import spiky.data.Interactions;
import spiky.graph.DatasetEraser;
import spiky.graph.DatasetNames;
import spiky.graph.DatasetWriter;
import spiky.graph.GraphModel;

/** {@code spiky.dcbm.generate}: a synthetic dataset with planted communities, written as a dataset of the graph. */
public final class DcbmProcedures {
    static final Setting<Boolean> REPLACE = Setting.of("replace", new SettingType.Bools(), false,
            "replace an existing dataset of that name instead of failing");
    /** The generator's keys and replace, which the Dataset node does not record. */
    static final SettingsTable<DcbmConfig> SETTINGS = DcbmConfig.SETTINGS.withUnrecorded(REPLACE);

    @Context
    public GraphDatabaseService db;

    @Context
    public Log log;

    public record GenerateResult(
            String dataset, long items, long contexts, long interactions, long communities, long seed, long milliseconds) {}

    // SCHEMA, not WRITE: the writer creates the dataset constraints when they are missing, and the
    // transactions it opens on the injected db inherit this procedure's mode.
    @Procedure(name = "spiky.dcbm.generate", mode = Mode.SCHEMA)
    @Description("spiky.dcbm.generate(dataset :: STRING, config = {} :: MAP) :: "
            + "(dataset, items, contexts, interactions, communities, seed, milliseconds) - "
            + "Generates item-context interactions from an assortative degree-corrected block model "
            + "(Afchar et al., RecSys 2023) and writes them as dataset `dataset` "
            + "(Item nodes carry trueCommunity and theta; IN relationships a timestamp). "
            + "Item i (ids 1..items) is in community (i-1) mod communities and has theta = thetaMin * u^(-1/exponent), u uniform in (0,1]. "
            + "Context j (ids 1..contexts) has a home community (uniform) and a length uniform in [minLength, maxLength]; "
            + "each slot stays home with probability 1-mix, else moves to one of the other communities (uniform), "
            + "then picks an item of that community with probability proportional to theta; repeated picks collapse. "
            + "All interactions of context j have timestamp 1600000000 + 60*(j-1). "
            + "Items that no slot picks are left out, so `items` may be below config.items. "
            + ConfigDocs.HEAD + ConfigDocs.DCBM + ". "
            + "The dataset is written in batches committed on their own, not by the calling query; "
            + "it reads status 'ready' once the call returns, and a failed call leaves nothing.")
    public Stream<GenerateResult> generate(
            @Name("dataset") String dataset,
            @Name(value = "config", defaultValue = "{}") Map<String, Object> config) {
        long started = System.nanoTime();
        DatasetNames.check(dataset);
        ConfigReader reader = SETTINGS.reader(config);
        boolean replace = REPLACE.read(reader);
        DcbmConfig dcbm = DcbmConfig.read(reader);
        // The writer checks this too, but only after a generation that may take seconds.
        if (!replace && GraphModel.STATUS_READY.equals(new DatasetEraser(db, Progress.NONE).status(dataset))) {
            throw InvalidInputException.of("Dataset '" + dataset + "' already exists: pass {replace: true} to generate it again");
        }

        Progress progress = new LogProgress(log, dataset);
        Interactions data = new DcbmGenerator(dcbm, progress).generate().interactions();
        new DatasetWriter(db, DatasetWriter.DEFAULT_BATCH, progress).write(dataset, data, datasetProperties(dcbm), replace);

        long milliseconds = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        log.info("spiky.dcbm.generate: dataset '" + dataset + "' written: " + data.itemCount() + " items, "
                + data.contextCount() + " contexts, " + data.size() + " interactions in " + milliseconds + " ms");
        return Stream.of(new GenerateResult(dataset, data.itemCount(), data.contextCount(), data.size(),
                dcbm.communities(), dcbm.seed(), milliseconds));
    }

    /** What the Dataset node records: where the data came from and every generator parameter, as dcbm.{key} (the bulk path records the same). */
    public static Map<String, Object> datasetProperties(DcbmConfig dcbm) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("format", "dcbm");
        properties.put("source", "spiky.dcbm.generate");
        dcbm.toMap().forEach((key, value) -> properties.put("dcbm." + key, value));
        return properties;
    }

    /** Logs progress at most every few seconds and at each new stage: the writer reports every batch. */
    private static final class LogProgress implements Progress {
        private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(5);

        private final Log log;
        private final String dataset;
        private String lastStage;
        private long lastLogged;

        LogProgress(Log log, String dataset) {
            this.log = log;
            this.dataset = dataset;
        }

        @Override
        public void report(String stage, long done, long total) {
            long now = System.nanoTime();
            if (stage.equals(lastStage) && now - lastLogged < INTERVAL_NANOS) {
                return;
            }
            lastStage = stage;
            lastLogged = now;
            log.info("spiky.dcbm.generate '" + dataset + "': " + stage + " " + done + (total >= 0 ? " of " + total : ""));
        }
    }
}
