package spiky.server.http;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.neo4j.graphdb.GraphDatabaseService;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.config.ConfigReader;
import spiky.graph.DatasetNames;
import spiky.importer.DatasetImporter;
import spiky.importer.ImportRequest;
import spiky.importer.ImportSummary;

/**
 * POST /api/datasets/{name}/import with a JSON body {format, path, items?, replace?, options?}, the paths
 * relative to the import directory. Answers 201 with the import summary once the dataset is whole.
 */
final class ImportRoutes {
    private static final Set<String> KEYS = Set.of("format", "path", "items", "replace", "options");

    private final GraphDatabaseService db;
    private final ImportDirectory directory;
    private final Progress progress;
    /** One import at a time: imports are heavy, and two of one name would race. */
    private final ReentrantLock running = new ReentrantLock();

    ImportRoutes(GraphDatabaseService db, ImportDirectory directory, Progress progress) {
        this.db = db;
        this.directory = directory;
        this.progress = progress;
    }

    /** The body's {@code options}: a JSON object of reader options, or none. */
    private static Map<String, ?> readerOptions(Map<String, Object> body) {
        Object options = body.get("options");
        if (options == null) {
            return Map.of();
        }
        if (!(options instanceof Map<?, ?> map)) {
            throw InvalidInputException.parameter("options", "expected a JSON object of reader options, got " + options);
        }
        @SuppressWarnings("unchecked")
        Map<String, ?> typed = (Map<String, ?>) map;
        return typed;
    }

    void post(Context ctx) {
        String name = DatasetNames.check(ctx.pathParam("name"));
        Map<String, Object> body = JsonBodies.object(ctx);
        ConfigReader config = new ConfigReader(body, KEYS);
        String format = config.string("format", null);
        if (format == null) {
            throw InvalidInputException.parameter("format", "required");
        }
        Path path = directory.resolve("path", config.string("path", null));
        String itemsName = config.string("items", null);
        Path items = itemsName == null ? null : directory.resolve("items", itemsName);
        ImportRequest request = new ImportRequest(name, format, path, items, config.bool("replace", false), readerOptions(body));
        if (!running.tryLock()) {
            ctx.status(HttpStatus.CONFLICT).json(new ApiError(409, "Conflict", "Another import is running; try again when it has finished"));
            return;
        }
        try {
            ImportSummary summary = new DatasetImporter(db, progress).run(request);
            ctx.status(HttpStatus.CREATED).json(summary);
        } finally {
            running.unlock();
        }
    }
}
