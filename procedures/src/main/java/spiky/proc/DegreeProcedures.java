package spiky.proc;

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
import spiky.config.Setting;
import spiky.config.SettingType;
import spiky.config.SettingsTable;
import spiky.graph.RunDegrees;

/** {@code spiky.degrees}: the degrees of a run's items, the quantities the norm is compared with. */
public final class DegreeProcedures {
    static final Setting<Integer> F = Setting.described("f", SettingType.Ints.atLeast(1), null, "none",
            "an f' of the run's Spk table: adds each item's spike and intraDegree at f'");
    /** The keys of spiky.degrees; nothing is recorded. */
    static final SettingsTable<Void> SETTINGS = SettingsTable.<Void>empty().withUnrecorded(F);

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
            + "The reports (cypher/communities.cypher, community-members.cypher, degrees.cypher) aggregate these rows. "
            + ConfigDocs.HEAD + ConfigDocs.DEGREES + ".")
    public Stream<RunDegrees.Row> degrees(@Name("runId") String runId, @Name(value = "config", defaultValue = "{}") Map<String, Object> config) {
        ConfigReader reader = SETTINGS.reader(config);
        Integer given = F.read(reader);
        Long f = given == null ? null : given.longValue();
        return RunDegrees.read(tx, service.ppmiSets(), runId, f, guard::check).stream();
    }
}
