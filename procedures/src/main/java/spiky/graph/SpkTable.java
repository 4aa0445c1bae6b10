package spiky.graph;

import java.util.List;
import org.neo4j.graphdb.Node;
import spiky.algo.spikes.SpikeLevel;

/** The Spk table of an EmbeddingRun node: the parallel lists spkF, spkPeaks, spkCovered, spk. */
public final class SpkTable {
    static final List<String> KEYS = List.of("spkF", "spkPeaks", "spkCovered", "spk");

    private SpkTable() {}

    public static void write(Node run, List<SpikeLevel> levels) {
        run.setProperty("spkF", levels.stream().mapToLong(SpikeLevel::f).toArray());
        run.setProperty("spkPeaks", levels.stream().mapToLong(SpikeLevel::peaks).toArray());
        run.setProperty("spkCovered", levels.stream().mapToLong(SpikeLevel::covered).toArray());
        run.setProperty("spk", levels.stream().mapToDouble(SpikeLevel::spk).toArray());
    }

    /** Whether the run has a Spk table (runs written by spiky.svd.write have none until spiky.spikes.write). */
    public static boolean present(Node run) {
        return run.hasProperty("spkF");
    }
}
