package spiky.importer.bulk;

import java.nio.file.Path;
import spiky.Progress;
import spiky.graph.DatasetNames;
import spiky.importer.DatasetImporter;
import spiky.importer.Format;
import spiky.importer.ImportRequest;
import spiky.importer.ImportSummary;

/**
 * {@code spiky import --mode bulk} and {@code --mode rebuild}: reads and checks the whole input as
 * the transactional import does (same readers, same messages), then builds the new store with
 * {@link BulkImporter} (a data directory without a store) or {@link StoreRebuild} (one with).
 */
public final class BulkDatasetImport {
    private final Progress progress;

    public BulkDatasetImport(Progress progress) {
        this.progress = progress;
    }

    public ImportSummary run(Path dataDir, ImportRequest request) {
        DatasetNames.check(request.dataset());
        Format.parse(request.format());
        BulkImporter.checkEmpty(dataDir);
        // Reading touches no database: the importer's read step is used without one.
        DatasetImporter.ReadInput input = new DatasetImporter(null, progress).readAll(request);
        double writeSeconds = new BulkImporter(progress).write(dataDir, request.dataset(), input.data(), input.properties());
        return input.summary(request, writeSeconds);
    }

    /** A rebuild with its summary. */
    public record Rebuilt(ImportSummary summary, StoreRebuild.Result result) {}

    /** Reads and checks the input, then rebuilds the data directory's store with it added. */
    public Rebuilt rebuild(Path dataDir, ImportRequest request) {
        DatasetNames.check(request.dataset());
        Format.parse(request.format());
        StoreRebuild.checkHasStore(dataDir);
        StoreRebuild.checkNotReplacing(request.replace());
        return rebuild(dataDir, request, new DatasetImporter(null, progress).readAll(request));
    }

    /** Rebuilds the data directory's store with an input already read and checked. */
    public Rebuilt rebuild(Path dataDir, ImportRequest request, DatasetImporter.ReadInput input) {
        StoreRebuild.checkNotReplacing(request.replace());
        StoreRebuild.Result result = new StoreRebuild(progress).write(dataDir, request.dataset(), input.data(), input.properties());
        return new Rebuilt(input.summary(request, result.writeSeconds()), result);
    }
}
