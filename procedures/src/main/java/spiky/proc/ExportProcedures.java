package spiky.proc;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.logging.Log;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.TerminationGuard;
import spiky.InvalidInputException;
import spiky.algo.pipeline.PpmiStepConfig;
import spiky.config.ConfigReader;
import spiky.graph.DatasetNames;
import spiky.graph.Exporter;

/**
 * {@code spiky.export.ppmi} and {@code spiky.export.run}: files for numpy/scipy, written inside
 * Neo4j's import directory (server.directories.import), like LOAD CSV reads from it.
 */
public final class ExportProcedures {
    /** This database's jobs and in-memory state (SpikyExtension). */
    @Context
    public SpikyService service;

    @Context
    public GraphDatabaseAPI db;

    @Context
    public Log log;

    @Context
    public TerminationGuard guard;

    @Procedure(name = "spiky.export.ppmi")
    @Description("spiky.export.ppmi(dataset :: STRING, file :: STRING, config = {} :: MAP) :: (file, rows, entries) - "
            + "Writes the dataset's PPMI matrix as Matrix Market ('coordinate real symmetric', lower triangle, 1-based; "
            + "scipy.io.mmread reads it) to `file`, and `file`.items.csv mapping each 0-based row to its item id. "
            + "`file` is relative to Neo4j's import directory. " + ConfigDocs.HEAD + ConfigDocs.PPMI + ".")
    public Stream<Exporter.Written> ppmi(@Name("dataset") String dataset, @Name("file") String file,
            @Name(value = "config", defaultValue = "{}") Map<String, Object> config) {
        DatasetNames.check(dataset);
        PpmiStepConfig parsed = PpmiStepConfig.forCompute(config);
        Path mtx = insideImportDirectory(file);
        try (Jobs.Job job = service.jobs().start("spiky.export.ppmi", dataset, log)) {
            return Exporter.ppmi(db, dataset, parsed.ppmi(), parsed.concurrency(), mtx, mtx.resolveSibling(mtx.getFileName() + ".items.csv"),
                    job, guard::check).stream();
        }
    }

    @Procedure(name = "spiky.export.run")
    @Description("spiky.export.run(runId :: STRING, file :: STRING) :: (file, rows, entries) - Writes a finished run's items "
            + "as CSV to `file` (relative to Neo4j's import directory): item, norm, spike<f'> for each f' of the run's Spk "
            + "table (the covering peak's item id, empty when uncovered), then the embedding columns e0 … e<f-1>.")
    public Stream<Exporter.Written> run(@Name("runId") String runId, @Name("file") String file) {
        return Stream.of(Exporter.run(db, runId, insideImportDirectory(file)));
    }

    private Path insideImportDirectory(String file) {
        Path root = db.getDependencyResolver().resolveDependency(Config.class).get(GraphDatabaseSettings.load_csv_file_url_root);
        if (root == null) {
            throw InvalidInputException.of("Neo4j has no import directory (server.directories.import): exports are written there");
        }
        Path base = root.toAbsolutePath().normalize();
        Path target = base.resolve(file == null ? "" : file).normalize();
        if (file == null || file.isBlank() || !target.startsWith(base) || target.equals(base)) {
            throw InvalidInputException.parameter("file", "'" + file + "' is not a file name inside the import directory " + base);
        }
        return target;
    }
}
