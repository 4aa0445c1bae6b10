package spiky.proc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.neo4j.graphdb.GraphDatabaseService;
import spiky.Progress;
import spiky.algo.MemoryGuard;
import spiky.algo.Termination;
import spiky.algo.pipeline.SpikeStepConfig;
import spiky.algo.spikes.SpikeCover;
import spiky.algo.spikes.SpikeLevel;
import spiky.graph.EmbeddingReader;
import spiky.graph.SpikeWriter;
import spiky.graph.StoredEmbeddings;

/** The spikes step: read a finished run's stored embeddings, compute the spike cover, stream, summarise or write it. */
public final class SpikeStep {
    private SpikeStep() {}

    /** A row of spiky.spikes.stream: one item at one f'. */
    public record SpikeRow(Object item, long f, Object spike, boolean peak, double norm) {}

    /** What spiky.spikes.write and spiky.spikes.stats yield. */
    public record SpkRow(String runId, List<Map<String, Object>> spk, Map<String, Object> millis) {}

    private record Computed(StoredEmbeddings embeddings, SpikeStepConfig config, List<SpikeLevel> levels, Map<String, Object> millis) {}

    private static Computed compute(GraphDatabaseService db, String runId, Map<String, Object> config, Progress progress,
            Termination termination) {
        // Unknown keys first, then the run (whose rank bounds spkDims), then the values.
        SpikeStepConfig.checkKeys(config);
        SpikeStepConfig parsed = SpikeStepConfig.from(config, EmbeddingReader.rank(db, runId));
        long t0 = System.nanoTime();
        StoredEmbeddings e = EmbeddingReader.read(db, runId, progress, termination);
        long t1 = System.nanoTime();
        int maxF = parsed.spikes().dims().stream().mapToInt(Integer::intValue).max().orElse(e.vectors().cols());
        MemoryGuard.check("Spk", SpikeCover.estimateBytes(e.vectors().rows(), maxF));
        List<SpikeLevel> levels = SpikeCover.compute(e.vectors(), parsed.spikes(), parsed.concurrency(), progress, termination);
        Map<String, Object> millis = new LinkedHashMap<>();
        millis.put("read", (t1 - t0) / 1_000_000);
        millis.put("spikes", (System.nanoTime() - t1) / 1_000_000);
        return new Computed(e, parsed, levels, millis);
    }

    static Stream<SpikeRow> stream(GraphDatabaseService db, String runId, Map<String, Object> config, Progress progress,
            Termination termination) {
        Computed c = compute(db, runId, config, progress, termination);
        Object[] ids = c.embeddings().itemIds();
        return IntStream.range(0, ids.length).boxed().flatMap(a -> c.levels().stream().map(level -> {
            int peak = level.spikeOf()[a];
            return new SpikeRow(ids[a], level.f(), peak < 0 ? null : ids[peak], level.isPeak(a), c.embeddings().norms()[a]);
        }));
    }

    static SpkRow stats(GraphDatabaseService db, String runId, Map<String, Object> config, Progress progress, Termination termination) {
        Computed c = compute(db, runId, config, progress, termination);
        return new SpkRow(runId, SpkRows.of(c.levels()), c.millis());
    }

    static SpkRow write(GraphDatabaseService db, String runId, Map<String, Object> config, Progress progress, Termination termination) {
        Computed c = compute(db, runId, config, progress, termination);
        long t0 = System.nanoTime();
        new SpikeWriter(db, progress, termination).write(c.embeddings(), c.levels(), c.config().toMap(), (Long) c.millis().get("spikes"));
        c.millis().put("write", (System.nanoTime() - t0) / 1_000_000);
        return new SpkRow(runId, SpkRows.of(c.levels()), c.millis());
    }
}
