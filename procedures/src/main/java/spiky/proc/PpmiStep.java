package spiky.proc;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.neo4j.graphdb.GraphDatabaseService;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.algo.MemoryGuard;
import spiky.algo.Termination;
import spiky.algo.linalg.CsrMatrix;
import spiky.algo.pipeline.PpmiStepConfig;
import spiky.algo.ppmi.HeadCounts;
import spiky.algo.ppmi.Ppmi;
import spiky.algo.ppmi.PpmiResult;
import spiky.graph.DatasetArrays;
import spiky.graph.DatasetReader;
import spiky.graph.PpmiDigest;
import spiky.graph.PpmiRecord;
import spiky.graph.PpmiWriter;
import spiky.graph.Undo;

/** The PPMI step: read the dataset, compute its PPMI matrix as spiky.pipeline does, and stream, summarise or write it. */
public final class PpmiStep {
    private PpmiStep() {}

    /** A row of spiky.ppmi.stream: one unordered pair, item1's key below item2's. */
    public record PairRow(Object item1, Object item2, long count, double weight) {}

    /** What spiky.ppmi.stats yields; spiky.ppmi.write adds where it wrote. */
    public record StatsRow(String dataset, long n, long nnz, long pairs, long cooccurringPairs, long pairsAfterMinCount,
            long pairsAfterRank, long pairsPositive, Map<String, Object> millis) {}

    public record WriteRow(String dataset, String ppmiRun, long n, long nnz, long relationships, long cooccurringPairs,
            long pairsAfterMinCount, long pairsAfterRank, Map<String, Object> millis) {}

    private record Computed(DatasetArrays data, PpmiResult ppmi, Map<String, Object> millis) {}

    private static Computed compute(GraphDatabaseService db, String dataset, PpmiStepConfig config, Progress progress,
            Termination termination) {
        long t0 = System.nanoTime();
        DatasetArrays data = DatasetReader.read(db, dataset, progress, termination);
        long t1 = System.nanoTime();
        MemoryGuard.check("PPMI", Ppmi.prepareBytes(data.items(), data.contexts(), data.interactions(), config.concurrency()));
        Ppmi.Prepared prepared = Ppmi.prepare(data.items(), data.contexts(), data.itemOf(), data.contextOf(), data.keyRank());
        HeadCounts counts = prepared.count(config.ppmi(), config.concurrency(), progress, termination);
        MemoryGuard.check("PPMI", prepared.estimateBytes(counts, config.ppmi(), config.concurrency()));
        PpmiResult ppmi = prepared.compute(config.ppmi(), config.concurrency(), progress, termination);
        Map<String, Object> millis = new LinkedHashMap<>();
        millis.put("read", (t1 - t0) / 1_000_000);
        millis.put("ppmi", (System.nanoTime() - t1) / 1_000_000);
        return new Computed(data, ppmi, millis);
    }

    /**
     * The pairs, lazily: Neo4j pulls the rows while the caller's transaction is open; the matrix
     * itself is computed before the first row.
     */
    static Stream<PairRow> stream(GraphDatabaseService db, String dataset, PpmiStepConfig config, Progress progress,
            Termination termination) {
        Computed c = compute(db, dataset, config, progress, termination);
        CsrMatrix m = c.ppmi().matrix();
        int[] kept = c.ppmi().items();
        int[] rank = c.data().keyRank();
        Object[] ids = c.data().itemIds();
        return IntStream.range(0, m.rows()).boxed().flatMap(a -> LongStream.range(m.rowStart(a), m.rowEnd(a))
                .filter(p -> rank[kept[a]] < rank[kept[m.column(p)]])
                .mapToObj(p -> new PairRow(ids[kept[a]], ids[kept[m.column(p)]], c.ppmi().counts().get(p), m.value(p))));
    }

    static StatsRow stats(GraphDatabaseService db, String dataset, PpmiStepConfig config, Progress progress, Termination termination) {
        Computed c = compute(db, dataset, config, progress, termination);
        PpmiResult p = c.ppmi();
        return new StatsRow(dataset, p.size(), p.nnz(), p.nnz() / 2, p.cooccurringPairs(), p.pairsAfterMinCount(), p.pairsAfterRank(),
                p.pairsPositive(), c.millis());
    }

    /**
     * Computes, checks the size cap, then writes the relationships beside the current ones and
     * switches the dataset to them (PpmiWriter): a refusal or a failure leaves the current PPMI as it was.
     */
    static WriteRow write(GraphDatabaseService db, String dataset, PpmiStepConfig config, Progress progress, Termination termination) {
        Computed c = compute(db, dataset, config, progress, termination);
        PpmiResult p = c.ppmi();
        long pairs = p.nnz() / 2;
        if (pairs == 0) {
            throw InvalidInputException.of("No pair of items of dataset '" + dataset + "' co-occurs at least minCount = "
                    + config.ppmi().minCount() + " times with a positive PMI: there is nothing to write");
        }
        if (pairs > config.maxPpmiRelationships()) {
            throw InvalidInputException.parameter("maxPpmiRelationships", "the PPMI matrix has " + pairs + " pairs, above the cap of "
                    + config.maxPpmiRelationships() + ": nothing was written (raise maxPpmiRelationships, or filter harder with minCount/topK)");
        }
        long t0 = System.nanoTime();
        PpmiWriter writer = new PpmiWriter(db, progress);
        String tag = writer.newTag(dataset);
        long written = Undo.get(() -> {
            long relationships = writer.write(tag, c.data(), p);
            writer.adopt(c.data(), p, PpmiRecord.of(tag, "spiky.ppmi.write", config.ppmi(), p, PpmiDigest.of(c.data(), p)));
            return relationships;
        }, () -> writer.abandon(dataset, tag));
        // Once switched, the old set is invisible to readers that follow ppmiRun; removing it (unless
        // a run embeds it) is housekeeping.
        writer.deleteUnused(dataset);
        c.millis().put("write", (System.nanoTime() - t0) / 1_000_000);
        return new WriteRow(dataset, tag, p.size(), p.nnz(), written, p.cooccurringPairs(), p.pairsAfterMinCount(), p.pairsAfterRank(),
                c.millis());
    }
}
