package spiky.proc;

import java.util.Map;
import java.util.stream.Stream;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.logging.Log;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.TerminationGuard;
import spiky.graph.DatasetNames;

/** {@code spiky.stability.forecast} and its stats mode: a per-item forecast of how stable each item's similar-items list stays. */
public final class ForecastProcedures {
    static final String YIELDS = "(runId, runs, model, features, lag, mae, baselineMae, spearman, maeByModel, spearmanByModel, "
            + "snapshots, trainPairs, trainRows, testRows, testMeanJaccard, fitRows, items, forecastMean, gapDays, k, metric, written)";
    static final String WHAT = "From the dataset's snapshot runs (spiky.snapshots), learns how the Jaccard of an item's top-k list "
            + "between a snapshot and the next depends on its norm quantile, interactions, spike cover (the run's first f'), the gap "
            + "to the next snapshot and its previous Jaccard (lag); backtest: every model fitted on the earlier snapshot pairs and "
            + "evaluated on the last (mae, baselineMae = every item at the training mean, spearman = rank correlation with what "
            + "happened; maeByModel, spearmanByModel for all four models); then the chosen model, fitted on every pair, forecasts "
            + "each item of the latest snapshot run: the expected Jaccard at the next step, in [0, 1]. ";

    /** This database's jobs and in-memory state (SpikyExtension). */
    @Context
    public SpikyService service;

    @Context
    public GraphDatabaseService db;

    @Context
    public Log log;

    @Context
    public TerminationGuard guard;

    @Procedure(name = "spiky.stability.forecast", mode = Mode.WRITE)
    @Description("spiky.stability.forecast(dataset :: STRING, config = {} :: MAP) :: " + YIELDS + " - " + WHAT
            + "Writes it as Embedding.stabilityForecast on the latest snapshot run's embeddings and the backtest as forecast* "
            + "properties of that run (a failed write puts the previous values back). " + ForecastStep.CONFIG_DOC)
    public Stream<ForecastStep.Row> forecast(@Name("dataset") String dataset, @Name(value = "config", defaultValue = "{}") Map<String, Object> config) {
        DatasetNames.check(dataset);
        try (Jobs.Job job = service.jobs().start("spiky.stability.forecast", dataset, log)) {
            return Stream.of(ForecastStep.run(db, dataset, config, true, job, guard::check));
        }
    }

    @Procedure(name = "spiky.stability.forecast.stats", mode = Mode.READ)
    @Description("spiky.stability.forecast.stats(dataset :: STRING, config = {} :: MAP) :: " + YIELDS + " - The same backtest and "
            + "summary as spiky.stability.forecast, nothing written (written = 0). " + ForecastStep.CONFIG_DOC)
    public Stream<ForecastStep.Row> stats(@Name("dataset") String dataset, @Name(value = "config", defaultValue = "{}") Map<String, Object> config) {
        DatasetNames.check(dataset);
        try (Jobs.Job job = service.jobs().start("spiky.stability.forecast.stats", dataset, log)) {
            return Stream.of(ForecastStep.run(db, dataset, config, false, job, guard::check));
        }
    }
}
