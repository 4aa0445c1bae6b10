package spiky.proc;

import org.neo4j.kernel.api.procedure.GlobalProcedures;
import org.neo4j.kernel.extension.ExtensionFactory;
import org.neo4j.kernel.extension.ExtensionType;
import org.neo4j.kernel.extension.context.ExtensionContext;
import org.neo4j.kernel.lifecycle.Lifecycle;
import org.neo4j.kernel.lifecycle.LifecycleAdapter;

/**
 * Teaches the DBMS's procedures to inject {@code @Context SpikyService}: the one of the database
 * the call runs on (procedures are registered once for every database, the service is per
 * database). A global extension, so the component is known before any procedure is registered.
 */
public final class SpikyComponents extends ExtensionFactory<SpikyComponents.Dependencies> {
    public interface Dependencies {
        GlobalProcedures procedures();
    }

    public SpikyComponents() {
        super(ExtensionType.GLOBAL, "spiky-components");
    }

    @Override
    public Lifecycle newInstance(ExtensionContext context, Dependencies dependencies) {
        dependencies.procedures().registerComponent(SpikyService.class,
                ctx -> ctx.graphDatabaseAPI().getDependencyResolver().resolveDependency(SpikyService.class), true);
        return new LifecycleAdapter();
    }
}
