package spiky.importer.bulk;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.neo4j.batchimport.api.BatchImporter;
import org.neo4j.batchimport.api.Configuration;
import org.neo4j.batchimport.api.IndexConfig;
import org.neo4j.batchimport.api.InputIterable;
import org.neo4j.batchimport.api.InputIterator;
import org.neo4j.batchimport.api.Monitor;
import org.neo4j.batchimport.api.input.Collector;
import org.neo4j.batchimport.api.input.IdType;
import org.neo4j.batchimport.api.input.Input;
import org.neo4j.batchimport.api.input.InputChunk;
import org.neo4j.batchimport.api.input.InputEntityVisitor;
import org.neo4j.batchimport.api.input.ReadableGroups;
import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.internal.batchimport.DefaultAdditionalIds;
import org.neo4j.io.fs.DefaultFileSystemAbstraction;
import org.neo4j.io.fs.FileSystemAbstraction;
import org.neo4j.io.layout.DatabaseLayout;
import org.neo4j.io.layout.Neo4jLayout;
import org.neo4j.io.pagecache.context.CursorContextFactory;
import org.neo4j.io.pagecache.context.FixedVersionContextSupplier;
import org.neo4j.io.pagecache.tracing.PageCacheTracer;
import org.neo4j.kernel.impl.index.schema.IndexImporterFactoryImpl;
import org.neo4j.kernel.impl.scheduler.JobSchedulerFactory;
import org.neo4j.kernel.impl.transaction.log.files.TransactionLogInitializer;
import org.neo4j.logging.internal.NullLogService;
import org.neo4j.memory.EmptyMemoryTracker;
import org.neo4j.scheduler.JobScheduler;
import org.neo4j.storageengine.api.StorageEngineFactory;
import spiky.Progress;

/**
 * The one class that touches Neo4j's parallel batch importer, the engine behind
 * {@code neo4j-admin database import full}. It is an internal API that changes between Neo4j
 * releases: this is written against Neo4j 5.26.30 exactly (the root pom's {@code neo4j.version};
 * moving that version means checking this class against the new importer first).
 *
 * <p>It builds a new store for the database {@code neo4j} under a Neo4j home (its
 * {@code data/databases} and {@code data/transactions}), fed straight from a {@link BulkGraph}
 * through the importer's input interfaces, as Neo4j GDS does for its database export: no CSV in
 * between. Node ids are given as the store's actual ids, so no id mapping is built.
 */
final class NeoBatchImport {
    static final String DATABASE = GraphDatabaseSettings.DEFAULT_DATABASE_NAME;
    /** Entities handed to one importer thread at a time. */
    private static final int CHUNK = 20_000;

    private NeoBatchImport() {}

    /** Writes {@code graph} as a new store under {@code home}, which must hold none yet. */
    static void write(Path home, BulkGraph graph, Progress progress) throws IOException {
        Config config = Config.newBuilder()
                .set(GraphDatabaseSettings.neo4j_home, home)
                .build();
        StorageEngineFactory engine = StorageEngineFactory.selectStorageEngine(config);
        DatabaseLayout layout = engine.databaseLayout(Neo4jLayout.of(config), DATABASE);
        Configuration importConfig = new Configuration() {
            @Override
            public int maxNumberOfWorkerThreads() {
                return Runtime.getRuntime().availableProcessors();
            }

            // The label and relationship-type lookup indexes that every new Neo4j database has.
            @Override
            public IndexConfig indexConfig() {
                return IndexConfig.create().withLabelIndex().withRelationshipTypeIndex();
            }
        };
        Monitor monitor = new Monitor() {
            @Override
            public void percentageCompleted(int percentage) {
                progress.report("writing the store (bulk)", percentage, 100);
            }
        };
        try (FileSystemAbstraction fs = new DefaultFileSystemAbstraction();
                JobScheduler scheduler = JobSchedulerFactory.createInitialisedScheduler();
                PrintStream quiet = new PrintStream(OutputStream.nullOutputStream())) {
            BatchImporter importer = engine.batchImporter(layout, fs, PageCacheTracer.NULL, importConfig, NullLogService.getInstance(),
                    quiet, false, DefaultAdditionalIds.EMPTY, config, monitor, scheduler, Collector.STRICT,
                    TransactionLogInitializer.getLogFilesInitializer(), new IndexImporterFactoryImpl(), EmptyMemoryTracker.INSTANCE,
                    new CursorContextFactory(PageCacheTracer.NULL, FixedVersionContextSupplier.EMPTY_CONTEXT_SUPPLIER));
            importer.doImport(input(graph));
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("bulk import failed: " + e.getMessage(), e);
        }
    }

    private static Input input(BulkGraph graph) {
        InputIterable nodes = () -> new RangeIterator(graph.nodeCount(), (id, visitor) -> {
            visitor.id(id);
            visitor.labels(graph.labelsOf(id));
            graph.nodeProperties(id, visitor::property);
        });
        InputIterable relationships = () -> new RangeIterator(graph.relationshipCount(), (k, visitor) -> {
            visitor.startId(graph.startNode(k));
            visitor.endId(graph.endNode(k));
            visitor.type(BulkGraph.IN_TYPE);
            graph.relationshipProperties(k, visitor::property);
        });
        // Sizes are estimates for the importer's memory planning; 8 bytes a value, 16 an id string.
        Input.Estimates estimates = Input.knownEstimates(graph.nodeCount(), graph.relationshipCount(), graph.nodePropertyCount(),
                graph.relationshipPropertyCount(), 16 * graph.nodePropertyCount(), 8 * graph.relationshipPropertyCount(), graph.nodeCount());
        return Input.input(nodes, relationships, IdType.ACTUAL, estimates, ReadableGroups.EMPTY);
    }

    /** Fills one entity into the importer's visitor. */
    @FunctionalInterface
    private interface Filler {
        void fill(long id, InputEntityVisitor visitor);
    }

    /** Hands out ranges of [0, total) to the importer's threads, CHUNK entities at a time. */
    private static final class RangeIterator implements InputIterator {
        private final AtomicLong next = new AtomicLong();
        private final long total;
        private final Filler filler;

        RangeIterator(long total, Filler filler) {
            this.total = total;
            this.filler = filler;
        }

        @Override
        public InputChunk newChunk() {
            return new RangeChunk(filler);
        }

        @Override
        public boolean next(InputChunk chunk) {
            long start = next.getAndAdd(CHUNK);
            if (start >= total) {
                return false;
            }
            ((RangeChunk) chunk).range(start, Math.min(total, start + CHUNK));
            return true;
        }

        @Override
        public void close() {}
    }

    private static final class RangeChunk implements InputChunk {
        private final Filler filler;
        private long cursor;
        private long end;

        RangeChunk(Filler filler) {
            this.filler = filler;
        }

        void range(long start, long end) {
            this.cursor = start;
            this.end = end;
        }

        @Override
        public boolean next(InputEntityVisitor visitor) throws IOException {
            if (cursor >= end) {
                return false;
            }
            filler.fill(cursor++, visitor);
            visitor.endOfEntity();
            return true;
        }

        @Override
        public void close() {}
    }
}
