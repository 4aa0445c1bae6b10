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
 * @param ppmi        the PPMI matrix the run embeds, to be kept as its PPMI set; null when the
 *                    directory has none (then the run keeps no set and its PPMI degrees are 0)
 */
public record ImportedRun(Path itemsFile, String[] items, double[] norms, DenseBlock embeddings, List<Level> levels,
        String[][] spikes, double[] singularValues, long nnz, long matrixProducts, Map<String, Object> parameters,
        Map<String, Long> counts, Map<String, Long> millis, Pairs ppmi) {

    /** The run without a PPMI set. */
    public ImportedRun(Path itemsFile, String[] items, double[] norms, DenseBlock embeddings, List<Level> levels,
            String[][] spikes, double[] singularValues, long nnz, long matrixProducts, Map<String, Object> parameters,
            Map<String, Long> counts, Map<String, Long> millis) {
        this(itemsFile, items, norms, embeddings, levels, spikes, singularValues, nnz, matrixProducts, parameters, counts, millis, null);
    }

    /** The same run with the PPMI pairs {@code ppmi}. */
    public ImportedRun withPpmi(Pairs pairs) {
        return new ImportedRun(itemsFile, items, norms, embeddings, levels, spikes, singularValues, nnz, matrixProducts, parameters,
                counts, millis, pairs);
    }

    /**
     * The PPMI pairs, each once (one triangle), by row of the run: pair k joins rows {@code row[k]}
     * and {@code partner[k]} with its PMI {@code weight[k]} and co-occurrence {@code count[k]}.
     *
     * @param file where they were read, for messages
     */
    public record Pairs(Path file, int[] row, int[] partner, double[] weight, int[] count) {
        public int size() {
            return row.length;
        }
    }

    /** One level of the Spk table: its peaks in visiting order and the covered count after each. */
    public record Level(int f, int peaks, int n, int covered, double spk, List<String> peakItems, int[] coveredAfter) {}
}
