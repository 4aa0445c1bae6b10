package spiky.proc;

import java.util.stream.Stream;
import org.neo4j.kernel.internal.Version;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Procedure;
import spiky.SpikyVersion;

/** {@code spiky.version()}: which spiky and which Neo4j answer, for bug reports and for clients to check. */
public final class VersionProcedure {

    public record VersionResult(String spiky, String neo4j) {}

    @Procedure(name = "spiky.version", mode = Mode.READ)
    @Description("spiky.version() :: (spiky :: STRING, neo4j :: STRING) - the versions of spiky and of the Neo4j it runs in.")
    public Stream<VersionResult> version() {
        return Stream.of(new VersionResult(SpikyVersion.get(), Version.getNeo4jVersion()));
    }
}
