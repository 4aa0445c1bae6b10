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
import spiky.algo.pipeline.SvdStepConfig;
import spiky.graph.DatasetNames;

/** {@code spiky.svd.stream / write}: the SVD and embedding steps of the pipeline, on the PPMI that spiky.ppmi.write wrote. */
public final class SvdProcedures {
    static final String CONFIG_DOC = ConfigDocs.HEAD + ConfigDocs.SVD + ".";
    private static final String INPUT = "Reads the dataset's PPMI relationships (those its ppmiRun names; run spiky.ppmi.write "
            + "first) back into the matrix, whose SVD equals what spiky.pipeline computes with the same config";

    /** This database's jobs and in-memory state (SpikyExtension). */
    @Context
    public SpikyService service;

    @Context
    public GraphDatabaseService db;

    @Context
    public Log log;

    @Context
    public TerminationGuard guard;

    @Procedure(name = "spiky.svd.stream", mode = Mode.READ)
    @Description("spiky.svd.stream(dataset :: STRING, config = {} :: MAP) :: (item, norm, embedding) - " + INPUT
            + ", computes the truncated SVD and E = U·Σ^p, and returns per embedded item its norm and embedding (a list of "
            + "doubles). Writes nothing. " + CONFIG_DOC)
    public Stream<SvdStep.EmbeddingRow> stream(@Name("dataset") String dataset,
            @Name(value = "config", defaultValue = "{}") Map<String, Object> config) {
        DatasetNames.check(dataset);
        SvdStepConfig parsed = SvdStepConfig.from(config);
        try (Jobs.Job job = service.jobs().start("spiky.svd.stream", dataset, log)) {
            return SvdStep.stream(db, dataset, parsed, job, guard::check);
        }
    }

    @Procedure(name = "spiky.svd.write", mode = Mode.WRITE)
    @Description("spiky.svd.write(dataset :: STRING, config = {} :: MAP) :: (runId, dataset, ppmiRun, n, nnz, rank, method, "
            + "singularValues, millis, status) - " + INPUT + ", computes the truncated SVD and E = U·Σ^p, and writes a new "
            + "finished (:EmbeddingRun) with one (:Embedding {item, norm, vector}) per item, as spiky.pipeline does but without "
            + "spike properties or Spk table (run spiky.spikes.write on runId next). The run records its SVD parameters, the "
            + "PPMI parameters and ppmiRun of the matrix it embeds, the singular values and the time of each stage; it becomes "
            + "the dataset's latestRun. " + CONFIG_DOC)
    public Stream<SvdStep.WriteRow> write(@Name("dataset") String dataset,
            @Name(value = "config", defaultValue = "{}") Map<String, Object> config) {
        DatasetNames.check(dataset);
        SvdStepConfig parsed = SvdStepConfig.from(config);
        try (Jobs.Job job = service.jobs().start("spiky.svd.write", dataset, log)) {
            return Stream.of(SvdStep.write(db, dataset, parsed, job, guard::check));
        }
    }
}
