package spiky.proc;

import java.util.List;
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

/** {@code spiky.snapshots} and {@code spiky.stability}: embeddings at successive moments, and how stable items' neighbours stay, by norm. */
public final class StabilityProcedures {
    /** This database's jobs and in-memory state (SpikyExtension). */
    @Context
    public SpikyService service;

    @Context
    public GraphDatabaseService db;

    @Context
    public Log log;

    @Context
    public TerminationGuard guard;

    @Procedure(name = "spiky.snapshots", mode = Mode.WRITE)
    @Description("spiky.snapshots(dataset :: STRING, config :: MAP) :: (until, runId, n, nnz, spk, millis, status) - "
            + "Runs spiky.pipeline once per moment on the interactions with a timestamp up to it, and writes each run "
            + "(its until property records the moment). " + SnapshotStep.CONFIG_DOC)
    public Stream<SnapshotStep.Row> snapshots(@Name("dataset") String dataset, @Name(value = "config", defaultValue = "{}") Map<String, Object> config) {
        DatasetNames.check(dataset);
        try (Jobs.Job job = service.jobs().start("spiky.snapshots", dataset, log)) {
            return SnapshotStep.run(db, dataset, config, job, guard::check).stream();
        }
    }

    @Procedure(name = "spiky.stability", mode = Mode.READ)
    @Description("spiky.stability(refRun :: STRING, runs :: LIST<STRING>, config = {} :: MAP) :: (refRun, run, until, partition, "
            + "normMin, normMax, candidates, sampled, missing, metric, k, meanJaccard, ciLow, ciHigh, meanJaccardPresent) - Splits the reference "
            + "run's items into equal-size quantiles of their norm (partition 1 = lowest norms), samples items of each (seeded), "
            + "and in every run compares each sampled item's top-k list among the candidates of its partition with its list "
            + "in the reference run: mean Jaccard (IoU) and a 95 % normal interval, per run, partition and metric. An item "
            + "absent from a run has an empty list there (Jaccard 0) and is counted in missing; meanJaccardPresent is the mean over the "
            + "sampled items present in the run (null when none is). " + StabilityStep.CONFIG_DOC)
    public Stream<StabilityStep.Row> stability(@Name("refRun") String refRun, @Name("runs") List<String> runs,
            @Name(value = "config", defaultValue = "{}") Map<String, Object> config) {
        try (Jobs.Job job = service.jobs().start("spiky.stability", refRun, log)) {
            return StabilityStep.measure(db, refRun, runs, config, job, guard::check).stream();
        }
    }
}
