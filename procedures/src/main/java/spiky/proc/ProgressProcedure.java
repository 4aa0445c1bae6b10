package spiky.proc;

import java.util.stream.Stream;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Procedure;

/** {@code spiky.progress()}: where every running spiky job is. */
public final class ProgressProcedure {
    /** This database's jobs and in-memory state (SpikyExtension). */
    @Context
    public SpikyService service;

    @Procedure(name = "spiky.progress")
    @Description("spiky.progress() :: (jobId, procedure, target, stage, done, total, percent, startedAt, seconds) - "
            + "The spiky jobs running now (pipeline runs), with their current stage and how far it is "
            + "(total = -1 when unknown). Call it from a second session while a job runs.")
    public Stream<Jobs.Status> progress() {
        return service.jobs().running().stream();
    }
}
