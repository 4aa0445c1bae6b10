package spiky.graph;

import static spiky.graph.GraphModel.EMBEDDING;
import static spiky.graph.GraphModel.HAS_EMBEDDING;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;
import spiky.algo.Termination;
import spiky.algo.dcbm.DcbmFit;
import spiky.algo.linalg.CsrMatrix;
import spiky.data.LongIntHashMap;

/**
 * Reads, for one run and one f', the items its spikes cover and the dataset's current PPMI
 * relationships among them (weighted by co-occurrence count or PPMI value): the input of a
 * {@link DcbmFit}. The pairs come from the dataset's current set as {@link CurrentPpmi} holds it,
 * each pair among covered items once.
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
    public static SpikeGraph read(Transaction tx, String runId, long f, Weight weight, Termination termination) {
        Node run = EmbeddingReader.run(tx, runId);
        SpkTable.requireLevel(run, f);
        String key = "spike" + f;

        record Covered(Node item, Object spike, double norm) {}
        List<Covered> covered = new ArrayList<>();
        long seen = 0;
        try (ResourceIterator<Node> it = tx.findNodes(EMBEDDING, "run", runId)) {
            while (it.hasNext()) {
                Node e = it.next();
                Object spike = e.getProperty(key, null);
                Relationship from = spike == null ? null : e.getSingleRelationship(HAS_EMBEDDING, Direction.INCOMING);
                if (from != null) {
                    covered.add(new Covered(from.getStartNode(), spike, ((Number) e.getProperty("norm")).doubleValue()));
                }
                if ((++seen & 1023) == 0) {
                    termination.check();
                }
            }
        }
        // A fixed order (the item's node id) so that the same graph always gives the same arrays.
        covered.sort(Comparator.comparingLong(c -> c.item().getId()));
        int n = covered.size();

        Map<Object, Integer> groupOf = new HashMap<>();
        covered.forEach(c -> groupOf.putIfAbsent(c.spike(), 0));
        Object[] peakIds = groupOf.keySet().toArray();
        Arrays.sort(peakIds, SpikeGraphReader::compareIds);
        for (int g = 0; g < peakIds.length; g++) {
            groupOf.put(peakIds[g], g);
        }
        Object[] peakNames = new Object[peakIds.length];
        int[] group = new int[n];
        double[] norm = new double[n];
        LongIntHashMap row = new LongIntHashMap(Math.max(n, 1));
        for (int i = 0; i < n; i++) {
            Covered c = covered.get(i);
            group[i] = groupOf.get(c.spike());
            norm[i] = c.norm();
            row.putIfAbsent(c.item().getId(), i);
            if (c.spike().equals(c.item().getProperty("id", null))) {
                peakNames[group[i]] = c.item().getProperty("name", null);
            }
        }

        CurrentPpmi.Set ppmi = CurrentPpmi.get(tx, (String) run.getProperty("dataset"), termination);
        int[] from = new int[1024];
        int[] to = new int[1024];
        double[] w = new double[1024];
        int edges = 0;
        for (int i = 0; ppmi != null && i < n; i++) {
            int a = ppmi.row(covered.get(i).item().getId());
            if (a < 0) {
                continue;
            }
            CsrMatrix m = ppmi.matrix();
            for (long p = m.rowStart(a); p < m.rowEnd(a); p++) {
                int j = row.get(ppmi.rowItemNodes()[m.column(p)]);
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

    /** Item ids in key order: numerically when both are integers, else as strings. */
    static int compareIds(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Long.compare(x.longValue(), y.longValue());
        }
        return a.toString().compareTo(b.toString());
    }
}
