package spiky.graph;

import java.util.List;
import java.util.regex.Pattern;
import org.neo4j.graphdb.Node;
import spiky.algo.spikes.SpikeLevel;

/**
 * The spike properties of an Embedding node: spike&lt;f'&gt; (the covering peak's item id, absent
 * when uncovered) and peak&lt;f'&gt; (whether the item is that peak), one pair per f' of the Spk table.
 */
public final class SpikeProperties {
    private static final Pattern KEY = Pattern.compile("(spike|peak)[0-9]+");

    private SpikeProperties() {}

    /** Whether a property key is one of the spike properties (of any f'). */
    public static boolean isSpikeKey(String key) {
        return KEY.matcher(key).matches();
    }

    /**
     * Sets the spike properties of row {@code row} of the embeddings.
     *
     * @param rowItems the item id of every row, to name the peaks
     */
    public static void set(Node node, List<SpikeLevel> levels, int row, Object[] rowItems) {
        for (SpikeLevel level : levels) {
            int peak = level.spikeOf()[row];
            if (peak >= 0) {
                node.setProperty("spike" + level.f(), rowItems[peak]);
            } else {
                node.removeProperty("spike" + level.f());
            }
            node.setProperty("peak" + level.f(), level.isPeak(row));
        }
    }

    /** Removes every spike property of the node. */
    public static void clear(Node node) {
        for (String key : node.getPropertyKeys()) {
            if (isSpikeKey(key)) {
                node.removeProperty(key);
            }
        }
    }
}
