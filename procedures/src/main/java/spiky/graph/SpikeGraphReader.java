package spiky.graph;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;
import spiky.algo.Termination;
import spiky.algo.dcbm.DcbmFit;
import spiky.algo.linalg.CsrMatrix;

/**
 * Reads, for one run and one f', the items its spikes cover and the PPMI relationships among
 * them of the set the run embeds (weighted by co-occurrence count or PPMI value): the input of a
 * {@link DcbmFit}. The pairs come from the run's own set as {@link RunPpmi} holds it, each pair
 * among covered items once; a run that keeps no set (writePpmi: false) has no edges.
 */
public final class SpikeGraphReader {
    private SpikeGraphReader() {}

    /** What the edges weigh: the pair's co-occurrence count or its PPMI value. */
    public enum Weight {
        COUNT, PPMI
    }

    /**
     * The fit's input, with groups numbered in ascending order of their peak's item id.
     *
     * @param peakIds   the peak item id of every group (the spike's name in the graph)
     * @param peakNames the peak item's name property of every group, or null
     */
    public record SpikeGraph(String run, long f, Object[] peakIds, Object[] peakNames, DcbmFit.Input input) {}

    /** Reads the spike partition at f' of run {@code runId}; an error naming the parameter when either is unknown. */
    public static SpikeGraph read(Transaction tx, RunPpmi ppmiSets, String runId, long f, Weight weight, Termination termination) {
        Node run = EmbeddingReader.run(tx, runId);
        SpkTable.requireLevel(run, f);
        String key = "spike" + f;

        EmbeddedItems covered = EmbeddedItems.read(tx, runId, key, true, termination);
        int n = covered.size();

        Map<Object, Integer> groupOf = new HashMap<>();
        covered.items().forEach(c -> groupOf.putIfAbsent(c.spike(), 0));
        // Groups in the key order of their peak's item id, as the dataset orders its items.
        Object[] seen = groupOf.keySet().toArray();
        int[] rank = DatasetReader.keyRank(seen);
        Object[] peakIds = new Object[seen.length];
        for (int g = 0; g < seen.length; g++) {
            peakIds[rank[g]] = seen[g];
            groupOf.put(seen[g], rank[g]);
        }
        Object[] peakNames = new Object[peakIds.length];
        int[] group = new int[n];
        double[] norm = new double[n];
        for (int i = 0; i < n; i++) {
            EmbeddedItems.Item c = covered.get(i);
            group[i] = groupOf.get(c.spike());
            norm[i] = c.norm();
            if (c.spike().equals(c.node().getProperty("id", null))) {
                peakNames[group[i]] = c.node().getProperty("name", null);
            }
        }

        RunPpmi.Set ppmi = ppmiSets.of(tx, run, termination);
        int[] from = new int[1024];
        int[] to = new int[1024];
        double[] w = new double[1024];
        int edges = 0;
        for (int i = 0; ppmi != null && i < n; i++) {
            int a = ppmi.row(covered.get(i).node().getId());
            if (a < 0) {
                continue;
            }
            CsrMatrix m = ppmi.matrix();
            for (long p = m.rowStart(a); p < m.rowEnd(a); p++) {
                int j = covered.row(ppmi.rowItemNodes()[m.column(p)]);
                if (j <= i) {
                    continue; // outside the covered items, or the pair's other triangle
                }
                if (edges == from.length) {
                    from = Arrays.copyOf(from, edges * 2);
                    to = Arrays.copyOf(to, edges * 2);
                    w = Arrays.copyOf(w, edges * 2);
                }
                from[edges] = i;
                to[edges] = j;
                w[edges] = weight == Weight.COUNT ? ppmi.counts().get(p) : m.value(p);
                edges++;
            }
            if ((i & 1023) == 0) {
                termination.check();
            }
        }
        return new SpikeGraph(runId, f, peakIds, peakNames, new DcbmFit.Input(peakIds.length, group, norm,
                Arrays.copyOf(from, edges), Arrays.copyOf(to, edges), Arrays.copyOf(w, edges)));
    }
}
