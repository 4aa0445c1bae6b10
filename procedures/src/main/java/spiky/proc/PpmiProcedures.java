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
import spiky.algo.pipeline.PpmiStepConfig;
import spiky.graph.DatasetNames;

/** {@code spiky.ppmi.stream / stats / write}: the PPMI step of the pipeline on its own. */
public final class PpmiProcedures {
    static final String CONFIG_DOC = ConfigDocs.HEAD + ConfigDocs.PPMI + ".";

    /** This database's jobs and in-memory state (SpikyExtension). */
    @Context
    public SpikyService service;

    @Context
    public GraphDatabaseService db;

    @Context
    public Log log;

    @Context
    public TerminationGuard guard;

    @Procedure(name = "spiky.ppmi.stream", mode = Mode.READ)
    @Description("spiky.ppmi.stream(dataset :: STRING, config = {} :: MAP) :: (item1, item2, count, weight) - Computes the "
            + "dataset's PPMI matrix as spiky.pipeline does and returns one row per kept pair, item1's key below item2's: "
            + "count is the co-occurrence count, weight the PPMI. Writes nothing. " + CONFIG_DOC)
    public Stream<PpmiStep.PairRow> stream(@Name("dataset") String dataset,
            @Name(value = "config", defaultValue = "{}") Map<String, Object> config) {
        DatasetNames.check(dataset);
        PpmiStepConfig parsed = PpmiStepConfig.forCompute(config);
        try (Jobs.Job job = service.jobs().start("spiky.ppmi.stream", dataset, log)) {
            return PpmiStep.stream(db, dataset, parsed, job, guard::check);
        }
    }

    @Procedure(name = "spiky.ppmi.stats", mode = Mode.READ)
    @Description("spiky.ppmi.stats(dataset :: STRING, config = {} :: MAP) :: (dataset, n, nnz, pairs, cooccurringPairs, "
            + "pairsAfterMinCount, pairsAfterRank, pairsPositive, millis) - Computes the dataset's PPMI matrix and returns its "
            + "size: n items keep a pair, nnz stored entries (both triangles), pairs = nnz / 2, and the pairs left after each "
            + "filter (co-occurring, count >= minCount, rank filter, PMI > 0). Writes nothing. " + CONFIG_DOC)
    public Stream<PpmiStep.StatsRow> stats(@Name("dataset") String dataset,
            @Name(value = "config", defaultValue = "{}") Map<String, Object> config) {
        DatasetNames.check(dataset);
        PpmiStepConfig parsed = PpmiStepConfig.forCompute(config);
        try (Jobs.Job job = service.jobs().start("spiky.ppmi.stats", dataset, log)) {
            return Stream.of(PpmiStep.stats(db, dataset, parsed, job, guard::check));
        }
    }

    @Procedure(name = "spiky.ppmi.write", mode = Mode.WRITE)
    @Description("spiky.ppmi.write(dataset :: STRING, config = {} :: MAP) :: (dataset, ppmiRun, n, nnz, relationships, "
            + "cooccurringPairs, pairsAfterMinCount, pairsAfterRank, millis) - Computes the dataset's PPMI matrix and writes it "
            + "as (:Item)-[:PPMI {weight, count, run}]->(:Item), one relationship per pair from the smaller item key to the "
            + "larger, replacing the dataset's PPMI relationships (whoever wrote them). The Dataset node records the write: "
            + "ppmiRun (the id in each relationship's run, here '<dataset>-ppmi-<N>'), ppmiSource, ppmiMinCount, ppmiTopK, "
            + "ppmiRankRule and the pair counts (see cypher/schema.cypher). spiky.svd.write reads them back. Nothing is written "
            + "when the matrix has no pair or more than maxPpmiRelationships pairs. " + ConfigDocs.HEAD + ConfigDocs.PPMI_WRITE + ".")
    public Stream<PpmiStep.WriteRow> write(@Name("dataset") String dataset,
            @Name(value = "config", defaultValue = "{}") Map<String, Object> config) {
        DatasetNames.check(dataset);
        PpmiStepConfig parsed = PpmiStepConfig.forWrite(config);
        try (Jobs.Job job = service.jobs().start("spiky.ppmi.write", dataset, log)) {
            return Stream.of(PpmiStep.write(db, dataset, parsed, job, guard::check));
        }
    }
}
