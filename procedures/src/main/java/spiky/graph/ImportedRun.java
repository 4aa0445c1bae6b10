package spiky.graph;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import spiky.algo.linalg.DenseBlock;

/**
 * A run computed outside the database (the Spark job's run directory), read and checked, ready
 * for {@link ImportedRunWriter}. Rows are the run's items in its own order.
 *
 * @param itemsFile   where the rows were read (for messages naming file and line)
 * @param items       the item id of every row, as text
 * @param spikes      per level of {@code levels}, per row the covering peak's item id, or null
 * @param parameters  every setting, by the pipeline's config names (spkDims a list)
 * @param counts      n-independent counts: cooccurringPairs, pairsAfterMinCount, pairsAfterRank, pairsPositive, …
 * @param millis      per stage
 */
public record ImportedRun(Path itemsFile, String[] items, double[] norms, DenseBlock embeddings, List<Level> levels,
        String[][] spikes, double[] singularValues, long nnz, long matrixProducts, Map<String, Object> parameters,
        Map<String, Long> counts, Map<String, Long> millis) {

    /** One level of the Spk table: its peaks in visiting order and the covered count after each. */
    public record Level(int f, int peaks, int n, int covered, double spk, List<String> peakItems, int[] coveredAfter) {}
}
