package spiky.importer.bulk;

import java.nio.file.Path;
import java.util.Map;
import spiky.Progress;
import spiky.data.Interactions;
import spiky.graph.DatasetNames;
import spiky.importer.DatasetImporter;
import spiky.importer.Format;
import spiky.importer.ImportRequest;
import spiky.importer.ImportSummary;
import spiky.importer.InteractionReader;

/**
 * {@code spiky import --mode bulk}: reads and checks the whole input as the transactional import
 * does (same readers, same messages), then builds the new store with {@link BulkImporter}.
 */
public final class BulkDatasetImport {
    private final Progress progress;

    public BulkDatasetImport(Progress progress) {
        this.progress = progress;
    }

    public ImportSummary run(Path dataDir, ImportRequest request) {
        DatasetNames.check(request.dataset());
        Format format = Format.parse(request.format());
        BulkImporter.checkEmpty(dataDir);
        long started = System.nanoTime();
        // Reading touches no database: the importer's read step is used without one.
        InteractionReader reader = format.reader(request.options());
        Interactions data = new DatasetImporter(null, progress).read(reader, request);
        double readSeconds = (System.nanoTime() - started) / 1e9;
        Map<String, Object> properties = DatasetImporter.datasetProperties(format, request, reader);
        double writeSeconds = new BulkImporter(progress).write(dataDir, request.dataset(), data, properties);
        return new ImportSummary(request.dataset(), format.cliName(), data.rowsRead(), data.size(), data.itemCount(),
                data.contextCount(), data.rowsSkipped(), data.duplicates(), reader.options(), readSeconds, writeSeconds);
    }
}
