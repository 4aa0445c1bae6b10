package spiky.proc;

import java.util.Map;
import java.util.stream.Stream;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;
import org.neo4j.logging.Log;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.TerminationGuard;
import spiky.algo.similar.SimilarConfig;

/** {@code spiky.similar}: an item's nearest items in a run's embedding space, exact. */
public final class SimilarProcedures {
    static final String CONFIG_DOC = ConfigDocs.HEAD + ConfigDocs.SIMILAR + ".";

    /** This database's jobs and in-memory state (SpikyExtension). */
    @Context
    public SpikyService service;

    @Context
    public Transaction tx;

    @Context
    public Log log;

    @Context
    public TerminationGuard guard;

    @Procedure(name = "spiky.similar", mode = Mode.READ)
    @Description("spiky.similar(item :: NODE, config = {} :: MAP) :: (rank, item, name, score, norm, spike) - The k items "
            + "most similar to an (:Item) in a run's embeddings, by cosine or dot product over the first f coordinates, the "
            + "item itself left out, exact: a parallel scan that skips what bounds rule out (by dot product items go by "
            + "descending norm until ‖q‖·‖x‖ is below the k-th best; by cosine, from 20,000 items on, groups of items around "
            + "centroids are skipped by an angular bound, built on the first cosine call at each f). The run's vectors are "
            + "loaded once and kept in memory (the last two runs searched). Returns one row per neighbour, best first: rank (1, 2, ...), item (its id), name, score, norm (the "
            + "stored norm of its full embedding) and spike (its spike at the run's first f' of spkF; null when uncovered or "
            + "the run has no spikes). Ties of score go to the item embedded first. " + CONFIG_DOC)
    public Stream<SimilarStep.SimilarRow> similar(@Name("item") Node item,
            @Name(value = "config", defaultValue = "{}") Map<String, Object> config) {
        SimilarConfig parsed = SimilarConfig.from(config);
        try (Jobs.Job job = service.jobs().start("spiky.similar", item == null ? "null" : String.valueOf(item.getProperty("id", null)), log)) {
            return SimilarStep.similar(tx, service.runMatrices(), item, parsed, job, guard::check).stream();
        }
    }
}
