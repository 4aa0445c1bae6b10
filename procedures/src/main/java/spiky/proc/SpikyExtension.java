package spiky.proc;

import org.neo4j.kernel.extension.ExtensionFactory;
import org.neo4j.kernel.extension.ExtensionType;
import org.neo4j.kernel.extension.context.ExtensionContext;
import org.neo4j.kernel.lifecycle.Lifecycle;
import org.neo4j.kernel.lifecycle.LifecycleAdapter;

/**
 * The kernel extension that gives each database its {@link SpikyService}: made when the database
 * starts, put in its dependency resolver (the service and its parts, so that graph code holding
 * only the database finds them), closed when the database shuts down. Neo4j finds it through
 * META-INF/services, embedded or as a plugin.
 */
public final class SpikyExtension extends ExtensionFactory<SpikyExtension.Dependencies> {
    /** Nothing needed from the database: the service holds state, the calls bring their transaction. */
    public interface Dependencies {
        /** The database, for the folder of its PPMI files (asked for when first needed, not at start). */
        org.neo4j.graphdb.GraphDatabaseService graphDatabaseService();
    }

    public SpikyExtension() {
        super(ExtensionType.DATABASE, "spiky");
    }

    @Override
    public Lifecycle newInstance(ExtensionContext context, Dependencies dependencies) {
        SpikyService service = new SpikyService(() -> {
            var api = (org.neo4j.kernel.internal.GraphDatabaseAPI) dependencies.graphDatabaseService();
            return api.databaseLayout().getNeo4jLayout().homeDirectory().resolve("spiky-ppmi").resolve(api.databaseName());
        });
        var satisfier = context.dependencySatisfier();
        satisfier.satisfyDependency(service);
        satisfier.satisfyDependency(service.jobs());
        satisfier.satisfyDependency(service.ppmiSets());
        satisfier.satisfyDependency(service.ppmiFiles());
        satisfier.satisfyDependency(service.runMatrices());
        satisfier.satisfyDependency(service.cypherFiles());
        return new LifecycleAdapter() {
            @Override
            public void shutdown() {
                service.close();
            }
        };
    }
}
