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
import spiky.algo.pipeline.PipelineConfig;
import spiky.graph.DatasetNames;

/** {@code spiky.pipeline} and {@code spiky.pipeline.stats}: the paper's whole pipeline on one dataset. */
public final class PipelineProcedures {
    static final String CONFIG_DOC = ConfigDocs.HEAD + ConfigDocs.PIPELINE + ".";

    /** This database's jobs and in-memory state (SpikyExtension). */
    @Context
    public SpikyService service;

    @Context
    public GraphDatabaseService db;

    @Context
    public Log log;

    @Context
    public TerminationGuard guard;

    @Procedure(name = "spiky.pipeline", mode = Mode.WRITE)
    @Description("spiky.pipeline(dataset :: STRING, config = {} :: MAP) :: (runId, dataset, n, nnz, rank, method, singularValues, "
            + "spk, millis, peakHeapBytes, ppmiRelationships, status) - Runs co-occurrence → PPMI → truncated SVD → E = U·Σ^p → norms, "
            + "spike ids and Spk on a dataset, and writes the run: an (:EmbeddingRun) node and one (:Embedding) per item "
            + "(see cypher/schema.cypher). spk is a list of {f, peaks, n, covered, spk}; millis the time of each stage (write, writeEmbeddings and writePpmi: the write-back); peakHeapBytes the JVM's peak heap during each stage. "
            + CONFIG_DOC)
    public Stream<PipelineRunner.Row> pipeline(@Name("dataset") String dataset,
            @Name(value = "config", defaultValue = "{}") Map<String, Object> config) {
        DatasetNames.check(dataset);
        PipelineConfig parsed = PipelineConfig.from(config);
        try (Jobs.Job job = service.jobs().start("spiky.pipeline", dataset, log)) {
            return Stream.of(PipelineRunner.write(db, dataset, parsed, job, guard::check));
        }
    }

    @Procedure(name = "spiky.pipeline.stats", mode = Mode.READ)
    @Description("spiky.pipeline.stats(dataset :: STRING, config = {} :: MAP) :: (runId, dataset, n, nnz, rank, method, "
            + "singularValues, spk, millis, peakHeapBytes, ppmiRelationships, status) - Computes what spiky.pipeline computes and returns "
            + "the summary without writing anything (runId is null). " + CONFIG_DOC)
    public Stream<PipelineRunner.Row> stats(@Name("dataset") String dataset,
            @Name(value = "config", defaultValue = "{}") Map<String, Object> config) {
        DatasetNames.check(dataset);
        PipelineConfig parsed = PipelineConfig.from(config);
        try (Jobs.Job job = service.jobs().start("spiky.pipeline.stats", dataset, log)) {
            return Stream.of(PipelineRunner.stats(db, dataset, parsed, job, guard::check));
        }
    }
}
