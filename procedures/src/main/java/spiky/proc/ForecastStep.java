package spiky.proc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.GraphDatabaseService;
import spiky.Progress;
import spiky.algo.Termination;
import spiky.algo.stability.ForecastConfig;
import spiky.algo.stability.SnapshotSeries;
import spiky.algo.stability.StabilityForecast;
import spiky.graph.ForecastWriter;
import spiky.graph.SnapshotReader;

/**
 * spiky.stability.forecast: reads the dataset's snapshot runs, fits and backtests the forecast
 * (StabilityForecast), and writes Embedding.stabilityForecast on the latest snapshot run with the
 * backtest on its run node (or, for the stats mode, only returns the backtest).
 */
public final class ForecastStep {
    static final String CONFIG_DOC = ConfigDocs.HEAD + ConfigDocs.FORECAST + ".";

    private ForecastStep() {}

    /**
     * One row: the run forecast for, the backtest of the chosen model (mae, baselineMae, spearman
     * on the last snapshot pair, fitted on the earlier ones) and every model's, the counts.
     */
    public record Row(String runId, List<String> runs, String model, List<String> features, boolean lag, double mae, double baselineMae,
            Double spearman, Map<String, Object> maeByModel, Map<String, Object> spearmanByModel, long snapshots, long trainPairs,
            long trainRows, long testRows, double testMeanJaccard, long fitRows, long items, double forecastMean, double gapDays, long k,
            String metric, long written) {}

    public static Row run(GraphDatabaseService db, String dataset, Map<String, Object> config, boolean write, Progress progress,
            Termination termination) {
        ForecastConfig c = ForecastConfig.from(config);
        List<String> runs = SnapshotReader.runIds(db, dataset, c.runs());
        if (runs.size() < StabilityForecast.MIN_SNAPSHOTS) {
            throw StabilityForecast.tooFewSnapshots(dataset, runs.size()); // before anything is read
        }
        SnapshotReader.Snapshots read = SnapshotReader.read(db, dataset, runs, progress, termination);
        SnapshotSeries series = read.series();
        StabilityForecast.Result r = StabilityForecast.forecast(series, c, progress, termination);
        StabilityForecast.Backtest b = r.backtest();
        double mean = java.util.Arrays.stream(r.forecast()).average().orElse(Double.NaN);
        String metric = c.dot() ? "dot" : "cosine";
        long written = 0;
        if (write) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("forecastModel", r.model());
            record.put("forecastFeatures", r.features());
            record.put("forecastLag", r.lag());
            record.put("forecastMae", b.mae());
            record.put("forecastBaselineMae", b.baselineMae());
            record.put("forecastSpearman", Double.isNaN(b.spearman()) ? null : b.spearman());
            record.put("forecastRuns", runs);
            record.put("forecastTrainRows", (long) b.trainRows());
            record.put("forecastTestRows", (long) b.testRows());
            record.put("forecastK", (long) c.k());
            record.put("forecastMetric", metric);
            record.put("forecastGapDays", r.gapDays());
            long[] nodes = read.embeddingNodes().get(runs.size() - 1);
            new ForecastWriter(db, progress, termination).write(r.runId(), nodes, r.forecast(), record);
            written = nodes.length;
        }
        return new Row(r.runId(), runs, r.model(), r.features(), r.lag(), b.mae(), b.baselineMae(), nanToNull(b.spearman()),
                boxed(b.maeByModel()), boxed(b.spearmanByModel()), r.snapshots(), b.trainPairs(), b.trainRows(), b.testRows(),
                b.testMeanJaccard(), r.fitRows(), r.forecast().length, mean, r.gapDays(), c.k(), metric, written);
    }

    private static Map<String, Object> boxed(Map<String, Double> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, nanToNull(v)));
        return out;
    }

    private static Double nanToNull(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
