package spiky.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.neo4j.graphdb.GraphDatabaseService;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.data.Interactions;
import spiky.data.InteractionsBuilder;
import spiky.graph.DatasetNames;
import spiky.graph.DatasetWriter;

/**
 * Imports one file as one dataset: reads all of it first (so that a malformed row stops the
 * import before anything is written), then hands the whole dataset to {@link DatasetWriter},
 * which writes it completely or not at all.
 */
public final class DatasetImporter {
    private final GraphDatabaseService db;
    private final Progress progress;

    public DatasetImporter(GraphDatabaseService db, Progress progress) {
        this.db = db;
        this.progress = progress;
    }

    public ImportSummary run(ImportRequest request) {
        return write(readAll(request), request);
    }

    /** The input read and checked, with what the Dataset node will record of it and how long reading took. */
    public record ReadInput(Format format, InteractionReader reader, Interactions data, Map<String, Object> properties, double readSeconds) {
        /** The summary of writing it as {@code request}'s dataset in {@code writeSeconds}. */
        public ImportSummary summary(ImportRequest request, double writeSeconds) {
            return new ImportSummary(request.dataset(), format.cliName(), data.rowsRead(), data.size(), data.itemCount(),
                    data.contextCount(), data.rowsSkipped(), data.duplicates(), reader.options(), readSeconds, writeSeconds);
        }
    }

    /** Reads and checks the whole input of {@code request} without touching the database (which may be null). */
    public ReadInput readAll(ImportRequest request) {
        DatasetNames.check(request.dataset());
        Format format = Format.parse(request.format());
        long started = System.nanoTime();
        InteractionReader reader = format.reader(request.options());
        Interactions data = read(reader, request);
        return new ReadInput(format, reader, data, datasetProperties(format, request, reader), (System.nanoTime() - started) / 1e9);
    }

    /** Writes what {@link #readAll} read through transactions (whole or not at all). */
    public ImportSummary write(ReadInput input, ImportRequest request) {
        long started = System.nanoTime();
        new DatasetWriter(db, DatasetWriter.DEFAULT_BATCH, progress).write(request.dataset(), input.data(), input.properties(), request.replace());
        return input.summary(request, (System.nanoTime() - started) / 1e9);
    }

    /** What the Dataset node records of where its data came from, whichever path writes it. */
    public static Map<String, Object> datasetProperties(Format format, ImportRequest request, InteractionReader reader) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("format", format.cliName());
        properties.put("source", request.path().getFileName().toString());
        if (!reader.options().isEmpty()) {
            // So that the dataset remembers how it was read (a graph property holds no map).
            properties.put("readerOptions", ReaderOptions.describe(reader.options()));
        }
        return properties;
    }

    /** Reads and checks the input files without touching the database. */
    public Interactions read(Format format, ImportRequest request) {
        return read(format.reader(request.options()), request);
    }

    /** Reads and checks the input files with this reader (its options set) without touching the database. */
    public Interactions read(InteractionReader reader, ImportRequest request) {
        InteractionsBuilder builder = new InteractionsBuilder();
        try {
            reader.read(request.path(), builder, progress);
            TruthFileReader.Truth truth = request.items() == null ? null : TruthFileReader.read(request.items(), progress);
            if (truth != null) {
                truth.names().forEach(builder::name);
            }
            Interactions data = builder.build();
            if (data.size() == 0) {
                throw InvalidInputException.inFile(request.path(), "no interactions in this file");
            }
            if (truth != null) {
                data = data.withTruth(truth.byItem(), item -> InvalidInputException.inFile(request.items(),
                        "item '" + item + "' of " + request.path().getFileName() + " has no community and theta here"));
            }
            return data;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
