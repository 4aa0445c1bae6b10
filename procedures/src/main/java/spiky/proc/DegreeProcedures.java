package spiky.proc;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.neo4j.graphdb.Transaction;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.TerminationGuard;
import spiky.config.ConfigReader;
import spiky.graph.RunDegrees;

/** {@code spiky.degrees}: the degrees of a run's items, the quantities the norm is compared with. */
public final class DegreeProcedures {
    private static final List<String> KEYS = List.of("f");

    /** This database's jobs and in-memory state (SpikyExtension). */
    @Context
    public SpikyService service;

    @Context
    public Transaction tx;

    @Context
    public TerminationGuard guard;

    @Procedure(name = "spiky.degrees", mode = Mode.READ)
    @Description("spiky.degrees(runId :: STRING, config = {} :: MAP) :: (item, node, spike, norm, interactions, ppmiDegree, intraDegree) - "
            + "One row per item that the run embedded, in node order: its id and Item node, its norm, interactions (its IN "
            + "relationships), ppmiDegree (summed weight of its relationships in the PPMI set the run embeds, EmbeddingRun.ppmiRun: a later run "
            + "does not change it; 0 when the run kept none) "
            + "and, with config.f (an f' of the run's Spk table), spike (the peak item id of its spike at f', null when uncovered) "
            + "and intraDegree (the part of ppmiDegree towards items of the same spike; null when uncovered). "
            + "The reports (cypher/communities.cypher, community-members.cypher, degrees.cypher) aggregate these rows.")
    public Stream<RunDegrees.Row> degrees(@Name("runId") String runId, @Name(value = "config", defaultValue = "{}") Map<String, Object> config) {
        ConfigReader reader = new ConfigReader(config, KEYS);
        Long f = reader.has("f") ? reader.longIn("f", 0, 1, Integer.MAX_VALUE) : null;
        return RunDegrees.read(tx, service.ppmiSets(), runId, f, guard::check).stream();
    }
}
