package spiky.proc;

import org.neo4j.graphdb.GraphDatabaseService;
import spiky.graph.CypherFiles;
import spiky.graph.DatabaseServices;
import spiky.graph.RunMatrices;
import spiky.graph.PpmiFiles;
import spiky.graph.RunPpmi;

/**
 * What spiky keeps between calls on one database: the running jobs, the PPMI sets and run
 * matrices held in memory, the Cypher texts read. Created by {@link SpikyExtension} when the
 * database starts and closed when it shuts down (jobs terminated, memory dropped); procedures
 * receive it with {@code @Context}, other code finds it in the database's dependency resolver
 * ({@link #of}). Two databases, even in one JVM, never share one.
 */
public final class SpikyService implements AutoCloseable {
    private final Jobs jobs = new Jobs();
    private final PpmiFiles ppmiFiles;
    private final RunPpmi ppmiSets;
    private final RunMatrices runMatrices = new RunMatrices();
    private final CypherFiles cypherFiles = new CypherFiles();
    private volatile boolean closed;

    /** @param ppmiRoot the folder of the database's PPMI files (PpmiFiles), found when first needed */
    public SpikyService(java.util.function.Supplier<java.nio.file.Path> ppmiRoot) {
        this.ppmiFiles = new PpmiFiles(ppmiRoot);
        this.ppmiSets = new RunPpmi(ppmiFiles);
    }

    /** The service of database {@code db}. */
    public static SpikyService of(GraphDatabaseService db) {
        return DatabaseServices.resolve(db, SpikyService.class);
    }

    public Jobs jobs() {
        return jobs;
    }

    public RunPpmi ppmiSets() {
        return ppmiSets;
    }

    public PpmiFiles ppmiFiles() {
        return ppmiFiles;
    }

    public RunMatrices runMatrices() {
        return runMatrices;
    }

    public CypherFiles cypherFiles() {
        return cypherFiles;
    }

    public boolean closed() {
        return closed;
    }

    /** Terminates the running jobs and drops what is held in memory. */
    @Override
    public void close() {
        closed = true;
        jobs.close();
        ppmiSets.clear();
        runMatrices.clear();
        cypherFiles.clear();
    }
}
