package spiky.proc;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.GraphDatabaseService;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.algo.Termination;
import spiky.algo.pipeline.PipelineConfig;
import spiky.config.ConfigReader;
import spiky.config.Setting;
import spiky.config.SettingType;
import spiky.config.SettingsTable;

/**
 * spiky.snapshots: one pipeline run per moment, each on the interactions with a timestamp up to
 * that moment (the paper's successive dates, Section 4). The moments are a list (cuts) or a
 * calendar step (every, an ISO-8601 period such as 'P1Y') from a first moment (from) up to a last
 * (to, default the dataset's latest timestamp).
 */
public final class SnapshotStep {
    static final Setting<List<Long>> CUTS = Setting.described("cuts", new SettingType.MomentList(), null, "none",
            "the moments, one run each (or every with from)");
    static final Setting<String> EVERY = Setting.described("every", new SettingType.Text(), null, "none",
            "an ISO-8601 period such as 'P1Y': a run every period from from up to to");
    static final Setting<Long> FROM = Setting.described("from", new SettingType.Moment(), null, "none", "the first moment, with every");
    static final Setting<Long> TO = Setting.described("to", new SettingType.Moment(), null, "the dataset's latest timestamp",
            "the last moment, with every");
    /** spiky.snapshots' own keys; it also takes every key of spiky.pipeline but until. */
    static final SettingsTable<Void> SETTINGS = SettingsTable.<Void>empty().withUnrecorded(CUTS).withUnrecorded(EVERY)
            .withUnrecorded(FROM).withUnrecorded(TO);
    static final List<String> OWN_KEYS = SETTINGS.keys();
    static final String CONFIG_DOC = ConfigDocs.HEAD + ConfigDocs.SNAPSHOTS + ". Also any key of spiky.pipeline except until "
            + "(writePpmi defaults to false here: snapshots leave the dataset's PPMI relationships alone).";
    private static final int MAX_SNAPSHOTS = 200;

    private SnapshotStep() {}

    /** One row per snapshot run: spiky.pipeline's row and the moment. */
    public record Row(String until, String runId, long n, long nnz, List<Map<String, Object>> spk, Map<String, Object> millis,
            String status) {}

    public static List<Row> run(GraphDatabaseService db, String dataset, Map<String, Object> config, Progress progress,
            Termination termination) {
        List<String> keys = new ArrayList<>(OWN_KEYS);
        PipelineConfig.KEYS.stream().filter(k -> !k.equals("until")).forEach(keys::add);
        ConfigReader c = new ConfigReader(config, keys);
        Map<String, Object> pipeline = new HashMap<>(config);
        OWN_KEYS.forEach(pipeline::remove);
        pipeline.putIfAbsent("writePpmi", false);
        PipelineConfig base = PipelineConfig.from(pipeline);
        List<Long> cuts = cuts(db, dataset, c);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < cuts.size(); i++) {
            termination.check();
            long cut = cuts.get(i);
            String moment = Instant.ofEpochSecond(cut).toString();
            int number = i + 1;
            PipelineRunner.Row r = PipelineRunner.write(db, dataset, base.snapshot(cut, base.writePpmi()),
                    (stage, done, total) -> progress.report("snapshot " + number + "/" + cuts.size() + " (" + moment + "): " + stage, done, total),
                    termination);
            rows.add(new Row(moment, r.runId(), r.n(), r.nnz(), r.spk(), r.millis(), r.status()));
        }
        return rows;
    }

    private static List<Long> cuts(GraphDatabaseService db, String dataset, ConfigReader c) {
        if (c.has(CUTS.name())) {
            if (c.has(EVERY.name()) || c.has(FROM.name())) {
                throw InvalidInputException.parameter("cuts", "give either cuts or every/from, not both");
            }
            return check(new ArrayList<>(CUTS.read(c)));
        }
        String every = EVERY.read(c);
        Long from = FROM.read(c);
        if (every == null || from == null) {
            throw InvalidInputException.parameter("cuts", "give cuts (a list of moments), or every (e.g. 'P1Y') and from");
        }
        Period step;
        try {
            step = Period.parse(every);
        } catch (DateTimeParseException e) {
            throw InvalidInputException.parameter("every", "expected an ISO-8601 period such as 'P1Y' or 'P6M', got '" + every + "'");
        }
        if (step.isZero() || step.isNegative()) {
            throw InvalidInputException.parameter("every", "the period must be positive, got '" + every + "'");
        }
        Long to = TO.read(c);
        long last = to != null ? to : latestTimestamp(db, dataset);
        List<Long> cuts = new ArrayList<>();
        ZonedDateTime t = Instant.ofEpochSecond(from).atZone(ZoneOffset.UTC);
        while (t.toEpochSecond() <= last) {
            cuts.add(t.toEpochSecond());
            if (cuts.size() > MAX_SNAPSHOTS) {
                throw InvalidInputException.parameter("every", "more than " + MAX_SNAPSHOTS + " snapshots from " + from + " to " + last);
            }
            t = t.plus(step);
        }
        if (cuts.isEmpty()) {
            throw InvalidInputException.parameter("from", "the first moment " + Instant.ofEpochSecond(from) + " is after the last, "
                    + Instant.ofEpochSecond(last));
        }
        return check(cuts);
    }

    private static List<Long> check(List<Long> cuts) {
        if (cuts.size() > MAX_SNAPSHOTS) {
            throw InvalidInputException.parameter("cuts", "at most " + MAX_SNAPSHOTS + " snapshots");
        }
        return cuts;
    }

    private static long latestTimestamp(GraphDatabaseService db, String dataset) {
        return db.executeTransactionally("MATCH (:Item {dataset: $d})-[r:IN]->() RETURN max(r.timestamp) AS t", Map.of("d", dataset), result -> {
            Object t = result.hasNext() ? result.next().get("t") : null;
            if (t == null) {
                throw InvalidInputException.parameter("dataset", "dataset '" + dataset + "' has no timestamped interactions");
            }
            return ((Number) t).longValue();
        });
    }
}
