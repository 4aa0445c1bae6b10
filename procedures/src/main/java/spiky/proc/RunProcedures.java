package spiky.proc;

import java.util.stream.Stream;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import spiky.Progress;
import spiky.graph.RunStore;

/** {@code spiky.run.delete}: removes a run, its embeddings and the PPMI set only it kept. */
public final class RunProcedures {
    /** This database's jobs and in-memory state (SpikyExtension). */
    @Context
    public SpikyService service;

    @Context
    public GraphDatabaseService db;

    @Procedure(name = "spiky.run.delete", mode = Mode.WRITE)
    @Description("spiky.run.delete(runId :: STRING) :: (runId, dataset, embeddings, ppmiRelationships, latestRun) - "
            + "Deletes a finished or failed run: its (:Embedding) nodes, its (:EmbeddingRun) node and the PPMI relationships of "
            + "the set it embeds (its ppmiRun) unless the dataset's current set or another run's is that set. When it was its "
            + "dataset's latestRun, the newest other finished run becomes it (latestRun in the answer; null when none is left). "
            + "A running run is refused. Works in transactions of its own: interrupted, it leaves a failed run, which a second "
            + "call deletes.")
    public Stream<RunStore.Deleted> delete(@Name("runId") String runId) {
        RunStore.Deleted deleted = new RunStore(db, Progress.NONE).delete(runId);
        service.runMatrices().forget(runId);
        return Stream.of(deleted);
    }
}
