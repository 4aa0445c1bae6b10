package spiky.importer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import spiky.Progress;
import spiky.data.InteractionsBuilder;

/**
 * Reads one dataset format into interaction rows. Knows nothing of Neo4j. A malformed row throws
 * {@link spiky.InvalidInputException#atLine} naming the file and the line; nothing is written to
 * the graph until the whole input has been read.
 */
public interface InteractionReader {
    /**
     * Reads {@code file} (plain or gzip) and, where the format has them, the name files beside it.
     */
    void read(Path file, InteractionsBuilder into, Progress progress) throws IOException;

    /** The reader's options with their effective values (empty for a format that takes none): what the dataset records. */
    default Map<String, Object> options() {
        return Map.of();
    }
}
