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

/** {@code spiky.spikes.stream / stats / write / sweep}: the spike cover of a finished run's stored embeddings. */
public final class SpikeProcedures {
    static final String CONFIG_DOC = ConfigDocs.HEAD + ConfigDocs.SPIKES + ".";
    private static final String INPUT = "Reads the Embedding nodes of the finished run `runId` and computes the spike cover at "
            + "each f' of spkDims (visit items by descending norm; an uncovered item becomes a peak and covers every uncovered "
            + "item with cosine > cosTheta; stop once more than rho·n are covered; Spk = peaks / n). The stored vectors are "
            + "floats, so the result can differ from spiky.pipeline's (computed on doubles) where a cosine or a norm is within "
            + "float rounding of a tie or of cosTheta";

    /** This database's jobs and in-memory state (SpikyExtension). */
    @Context
    public SpikyService service;

    @Context
    public GraphDatabaseService db;

    @Context
    public Log log;

    @Context
    public TerminationGuard guard;

    @Procedure(name = "spiky.spikes.stream", mode = Mode.READ)
    @Description("spiky.spikes.stream(runId :: STRING, config = {} :: MAP) :: (item, f, spike, peak, norm) - " + INPUT
            + ". Returns one row per item and f': spike is the covering peak's item id (null when uncovered), peak whether the "
            + "item is that peak, norm the stored norm of its embedding. Writes nothing. " + CONFIG_DOC)
    public Stream<SpikeStep.SpikeRow> stream(@Name("runId") String runId,
            @Name(value = "config", defaultValue = "{}") Map<String, Object> config) {
        try (Jobs.Job job = service.jobs().start("spiky.spikes.stream", String.valueOf(runId), log)) {
            return SpikeStep.stream(db, runId, config, job, guard::check);
        }
    }

    @Procedure(name = "spiky.spikes.stats", mode = Mode.READ)
    @Description("spiky.spikes.stats(runId :: STRING, config = {} :: MAP) :: (runId, spk, millis) - " + INPUT
            + ". Returns the Spk table only: spk is a list of {f, peaks, n, covered, spk}. Writes nothing. " + CONFIG_DOC)
    public Stream<SpikeStep.SpkRow> stats(@Name("runId") String runId,
            @Name(value = "config", defaultValue = "{}") Map<String, Object> config) {
        try (Jobs.Job job = service.jobs().start("spiky.spikes.stats", String.valueOf(runId), log)) {
            return Stream.of(SpikeStep.stats(db, runId, config, job, guard::check));
        }
    }

    @Procedure(name = "spiky.spikes.write", mode = Mode.WRITE)
    @Description("spiky.spikes.write(runId :: STRING, config = {} :: MAP) :: (runId, spk, millis) - " + INPUT
            + ". Writes spike<f'> (the peak's item id, absent when uncovered) and peak<f'> on the run's Embedding nodes, "
            + "replacing the spike properties they had, and the Spk table (spkF, spkPeaks, spkCovered, spk) with spkDims, "
            + "cosTheta and rho on the run node; spk is a list of {f, peaks, n, covered, spk}. A failed write puts the previous "
            + "spike properties back. " + CONFIG_DOC)
    public Stream<SpikeStep.SpkRow> write(@Name("runId") String runId,
            @Name(value = "config", defaultValue = "{}") Map<String, Object> config) {
        try (Jobs.Job job = service.jobs().start("spiky.spikes.write", String.valueOf(runId), log)) {
            return Stream.of(SpikeStep.write(db, runId, config, job, guard::check));
        }
    }

    @Procedure(name = "spiky.spikes.sweep", mode = Mode.READ)
    @Description("spiky.spikes.sweep(runId :: STRING, config = {} :: MAP) :: (runId, f, n, peaks, covered, spk, gap, recommendedF, rule, "
            + "gapF, noiseF) - Spk at every f' from step to maxF (step, 2·step, ..., and maxF), each on the first f' columns of the "
            + "finished run's stored embeddings (no new SVD; the cover as spiky.spikes.stats), and a recommended truncation f. "
            + "One row per f', ascending: peaks, covered, spk = peaks / n, and gap = sigma_f / sigma_(f+1) of the run's singular "
            + "values (null at f = rank). Every row repeats the recommendation: gapF is the k in [2, min(maxF, rank - 1)] with the "
            + "largest sigma_k / sigma_(k+1); noiseF the first f' >= 2 whose cover needs more than f'/rho peaks (null when none); "
            + "recommendedF is gapF when that ratio is at least 2 and gapF < noiseF (rule 'spectral-gap'), else the last f' before "
            + "noiseF ('before-noise'; 'first-level' when noise starts at the first f'), else maxF ('no-noise'). Writes nothing. "
            + "Levels are computed side by side, one thread each. " + ConfigDocs.HEAD + ConfigDocs.SWEEP + ".")
    public Stream<SweepStep.SweepRow> sweep(@Name("runId") String runId,
            @Name(value = "config", defaultValue = "{}") Map<String, Object> config) {
        try (Jobs.Job job = service.jobs().start("spiky.spikes.sweep", String.valueOf(runId), log)) {
            return SweepStep.sweep(db, runId, config, job, guard::check);
        }
    }
}
