package spiky.graph;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Cypher text of the top-level {@code cypher/} folder, which the build copies into this jar.
 * Each query lives once there, so that the server runs the very text an analyst pastes.
 */
public final class CypherFiles {
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    private CypherFiles() {}

    /** The whole text of cypher/{name}, comments included (Cypher accepts // comments). */
    public static String load(String name) {
        return CACHE.computeIfAbsent(name, CypherFiles::read);
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
    public static List<String> statements(String name) {
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
