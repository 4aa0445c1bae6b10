package spiky.proc;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.Map;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import spiky.Progress;
import spiky.algo.MemoryGuard;
import spiky.algo.Termination;
import spiky.algo.pipeline.SweepStepConfig;
import spiky.algo.spikes.SpkSweep;
import spiky.algo.spikes.TruncationRule;
import spiky.graph.EmbeddingReader;
import spiky.graph.StoredEmbeddings;

/** spiky.spikes.sweep: Spk at every f' of a finished run's stored embeddings, and a recommended truncation. */
public final class SweepStep {
    private SweepStep() {}

    /**
     * One level of the sweep; the recommendation is repeated on every row.
     *
     * @param gap σ_f / σ_{f+1} of the run's singular values (null at f = rank)
     */
    public record SweepRow(String runId, long f, long n, long peaks, long covered, double spk, Double gap, long recommendedF,
            String rule, Long gapF, Long noiseF) {}

    static Stream<SweepRow> sweep(GraphDatabaseService db, String runId, Map<String, Object> config, Progress progress,
            Termination termination) {
        // Unknown keys first, then the run (whose rank bounds maxF and step), then the values.
        SweepStepConfig.checkKeys(config);
        double[] sigma;
        int rank;
        try (Transaction tx = db.beginTx()) {
            var run = EmbeddingReader.finishedRun(tx, runId);
            rank = ((Number) run.getProperty("rank")).intValue();
            sigma = (double[]) run.getProperty("singularValues");
        }
        SweepStepConfig c = SweepStepConfig.from(config, rank);
        StoredEmbeddings e = EmbeddingReader.read(db, runId, progress, termination);
        int[] dims = SpkSweep.dims(c.step(), c.maxF());
        int threads = Math.min(c.concurrency(), dims.length);
        MemoryGuard.check("Spk sweep", SpkSweep.estimateBytes(e.vectors().rows(), c.maxF(), threads));
        List<SpkSweep.Level> levels = SpkSweep.compute(e.vectors(), dims, c.cosTheta(), c.rho(), c.concurrency(), progress, termination);
        TruncationRule.Recommendation r = TruncationRule.recommend(sigma, levels, c.rho(), c.maxF());
        List<SweepRow> rows = new ArrayList<>(levels.size());
        for (SpkSweep.Level l : levels) {
            Double gap = l.f() < sigma.length && sigma[l.f()] > 0 ? sigma[l.f() - 1] / sigma[l.f()] : null;
            rows.add(new SweepRow(runId, l.f(), l.n(), l.peaks(), l.covered(), l.spk(), gap, r.f(), r.rule(),
                    r.gapF() == null ? null : (long) r.gapF(), r.noiseF() == null ? null : (long) r.noiseF()));
        }
        return rows.stream();
    }
}
