package spiky.importer.bulk;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
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
 * between. Node ids are given as the store's actual ids, so no id mapping is built. What it reads
 * is a {@link BulkSource}: one new dataset ({@link BulkGraph}), or an existing store streamed
 * together with one ({@link StoreStream}, for the rebuild).
 */
final class NeoBatchImport {
    static final String DATABASE = GraphDatabaseSettings.DEFAULT_DATABASE_NAME;

    private NeoBatchImport() {}

    /** Writes {@code source} as a new store under {@code home}, which must hold none yet. */
    static void write(Path home, BulkSource source, String stage, Progress progress) throws IOException {
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
                progress.report(stage, percentage, 100);
            }
        };
        try (FileSystemAbstraction fs = new DefaultFileSystemAbstraction();
                JobScheduler scheduler = JobSchedulerFactory.createInitialisedScheduler();
                PrintStream quiet = new PrintStream(OutputStream.nullOutputStream())) {
            BatchImporter importer = engine.batchImporter(layout, fs, PageCacheTracer.NULL, importConfig, NullLogService.getInstance(),
                    quiet, false, DefaultAdditionalIds.EMPTY, config, monitor, scheduler, Collector.STRICT,
                    TransactionLogInitializer.getLogFilesInitializer(), new IndexImporterFactoryImpl(), EmptyMemoryTracker.INSTANCE,
                    new CursorContextFactory(PageCacheTracer.NULL, FixedVersionContextSupplier.EMPTY_CONTEXT_SUPPLIER));
            importer.doImport(input(source));
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("bulk import failed: " + e.getMessage(), e);
        }
    }

    private static Input input(BulkSource source) {
        InputIterable nodes = () -> new BatchIterator(source.nodes());
        InputIterable relationships = () -> new BatchIterator(source.relationships());
        // Sizes are estimates for the importer's memory planning; 8 bytes a value, 16 an id string.
        Input.Estimates estimates = Input.knownEstimates(source.nodeCount(), source.relationshipCount(), source.nodePropertyCount(),
                source.relationshipPropertyCount(), 16 * source.nodePropertyCount(), 8 * source.relationshipPropertyCount(),
                source.nodeCount());
        return Input.input(nodes, relationships, IdType.ACTUAL, estimates, ReadableGroups.EMPTY);
    }

    /** The importer's iterator over one pass of a source's batches. */
    private static final class BatchIterator implements InputIterator {
        private final BulkSource.Batches batches;

        BatchIterator(BulkSource.Batches batches) {
            this.batches = batches;
        }

        @Override
        public InputChunk newChunk() {
            return new BatchChunk(batches.newBatch());
        }

        @Override
        public boolean next(InputChunk chunk) {
            return batches.fill(((BatchChunk) chunk).batch);
        }

        @Override
        public void close() {
            batches.close();
        }
    }

    private static final class BatchChunk implements InputChunk {
        private final BulkSource.Batch batch;
        private final VisitorSink sink = new VisitorSink();

        BatchChunk(BulkSource.Batch batch) {
            this.batch = batch;
        }

        @Override
        public boolean next(InputEntityVisitor visitor) throws IOException {
            sink.visitor = visitor;
            if (!batch.next(sink)) {
                return false;
            }
            visitor.endOfEntity();
            return true;
        }

        @Override
        public void close() {}
    }

    /** spiky's sink onto the importer's visitor. */
    private static final class VisitorSink implements BulkSource.Sink {
        private InputEntityVisitor visitor;

        @Override
        public void id(long id) {
            visitor.id(id);
        }

        @Override
        public void labels(String[] labels) {
            visitor.labels(labels);
        }

        @Override
        public void startId(long node) {
            visitor.startId(node);
        }

        @Override
        public void endId(long node) {
            visitor.endId(node);
        }

        @Override
        public void type(String type) {
            visitor.type(type);
        }

        @Override
        public void property(String key, Object value) {
            visitor.property(key, value);
        }
    }
}
