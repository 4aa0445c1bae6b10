package spiky.graph;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * The Cypher text of the top-level {@code cypher/} folder, which the build copies into this jar.
 * Each query lives once there, so that the server runs the very text an analyst pastes. One per
 * database, owned by its SpikyService (texts read once, dropped with the database).
 */
public final class CypherFiles {
    private final Map<String, String> cache = new ConcurrentHashMap<>();

    /** The instance of database {@code db} (see DatabaseServices). */
    public static CypherFiles in(GraphDatabaseService db) {
        return DatabaseServices.resolve(db, CypherFiles.class);
    }

    /** The whole text of cypher/{name}, comments included (Cypher accepts // comments). */
    public String load(String name) {
        return cache.computeIfAbsent(name, CypherFiles::read);
    }

    /** Forgets the texts read. */
    public void clear() {
        cache.clear();
    }

    private static String read(String name) {
        try (InputStream in = CypherFiles.class.getClassLoader().getResourceAsStream("cypher/" + name)) {
            if (in == null) {
                throw new IllegalStateException("cypher/" + name + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The statements of a multi-statement file: comment lines dropped, split at ';' ending a line. */
    public List<String> statements(String name) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : load(name).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("//") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().strip();
                out.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
