package spiky.graph;

import java.util.Arrays;
import java.util.List;
import org.neo4j.graphdb.Node;
import spiky.InvalidInputException;
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

    /** The f' levels of the run's Spk table; empty when it has none. */
    public static long[] levels(Node run) {
        return run.hasProperty("spkF") ? (long[]) run.getProperty("spkF") : new long[0];
    }

    /** Checks that {@code f} is an f' of the run's Spk table; an error naming parameter f otherwise. */
    public static void requireLevel(Node run, long f) {
        long[] levels = levels(run);
        if (Arrays.stream(levels).noneMatch(x -> x == f)) {
            throw InvalidInputException.parameter("f", f + " is not an f' of run '" + run.getProperty("id") + "'s Spk table "
                    + (levels.length == 0 ? "(the run has none yet)" : "(it has " + Arrays.toString(levels) + ")"));
        }
    }

    /** Whether the run has a Spk table (runs written by spiky.svd.write have none until spiky.spikes.write). */
    public static boolean present(Node run) {
        return run.hasProperty("spkF");
    }
}
