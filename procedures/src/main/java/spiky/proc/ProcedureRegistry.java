package spiky.proc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Set;
import org.neo4j.kernel.api.procedure.GlobalProcedures;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Registers procedures and functions in an embedded database. A standalone Neo4j scans the jars
 * of its plugins folder; embedded, nothing is scanned, so we read the class lists that jars
 * declare in META-INF/services (GDS does; so does spiky) and register each class.
 */
public final class ProcedureRegistry {
    static final String PROCEDURES = "META-INF/services/org.neo4j.procedure.Procedure";
    static final String FUNCTIONS = "META-INF/services/org.neo4j.procedure.UserFunction";

    private ProcedureRegistry() {}

    /** Registers every declared procedure and function class; returns how many classes. */
    public static int registerAll(GraphDatabaseAPI db) {
        GlobalProcedures procedures = db.getDependencyResolver().resolveDependency(GlobalProcedures.class);
        ClassLoader loader = ProcedureRegistry.class.getClassLoader();
        int classes = 0;
        for (String name : declared(loader, PROCEDURES)) {
            try {
                procedures.registerProcedure(loader.loadClass(name));
                classes++;
            } catch (Exception e) {
                throw new IllegalStateException("Cannot register procedures of " + name + ": " + e.getMessage(), e);
            }
        }
        for (String name : declared(loader, FUNCTIONS)) {
            try {
                Class<?> cls = loader.loadClass(name);
                procedures.registerFunction(cls);
                procedures.registerAggregationFunction(cls);
                classes++;
            } catch (Exception e) {
                throw new IllegalStateException("Cannot register functions of " + name + ": " + e.getMessage(), e);
            }
        }
        return classes;
    }

    public static Set<String> declared(ClassLoader loader, String resource) {
        Set<String> names = new LinkedHashSet<>();
        try {
            Enumeration<URL> urls = loader.getResources(resource);
            while (urls.hasMoreElements()) {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(urls.nextElement().openStream(), StandardCharsets.UTF_8))) {
                    r.lines().map(l -> l.replaceAll("#.*", "").strip()).filter(l -> !l.isEmpty()).forEach(names::add);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }
}
