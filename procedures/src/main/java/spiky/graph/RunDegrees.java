package spiky.graph;

import static spiky.graph.GraphModel.IN;

import java.util.ArrayList;
import java.util.List;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;
import spiky.algo.Termination;
import spiky.algo.linalg.CsrMatrix;

/**
 * Per embedded item of a run, the degrees that the reports set against its norm: interactions
 * (its IN relationships), PPMI degree (the summed weight of its relationships in the PPMI set the
 * run embeds) and, at one f', intra degree (the part of that weight towards items of its own
 * spike). The weights come from the run's own set as {@link RunPpmi} holds it, so neither a later
 * run with other PPMI settings nor a set being written beside it changes them; a run that keeps
 * no set (writePpmi: false) has PPMI degree 0 and intra degree 0.
 */
public final class RunDegrees {
    private RunDegrees() {}

    /**
     * One item.
     *
     * @param spike       the peak item id of its spike at f' (null when uncovered or without f')
     * @param intraDegree null when the item has no spike
     */
    public record Row(Object item, Node node, Object spike, double norm, long interactions, double ppmiDegree, Double intraDegree) {}

    /** The rows of run {@code runId}, in node order; spikes at {@code f} when not null (an f' of its Spk table). */
    public static List<Row> read(Transaction tx, RunPpmi ppmiSets, String runId, Long f, Termination termination) {
        Node run = EmbeddingReader.run(tx, runId);
        if (f != null) {
            SpkTable.requireLevel(run, f);
        }
        String key = f == null ? null : "spike" + f;

        EmbeddedItems embedded = EmbeddedItems.read(tx, runId, key, false, termination);
        int n = embedded.size();

        RunPpmi.Set ppmi = ppmiSets.of(tx, run, termination);
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            EmbeddedItems.Item x = embedded.get(i);
            double ppmiDegree = 0;
            double intra = 0;
            int a = ppmi == null ? -1 : ppmi.row(x.node().getId());
            if (a >= 0) {
                CsrMatrix m = ppmi.matrix();
                for (long p = m.rowStart(a); p < m.rowEnd(a); p++) {
                    double w = m.value(p);
                    ppmiDegree += w;
                    if (x.spike() != null) {
                        int j = embedded.row(ppmi.rowItemNodes()[m.column(p)]);
                        if (j >= 0 && x.spike().equals(embedded.get(j).spike())) {
                            intra += w;
                        }
                    }
                }
            }
            rows.add(new Row(x.node().getProperty("id", null), x.node(), x.spike(), x.norm(),
                    x.node().getDegree(IN, Direction.OUTGOING), ppmiDegree, x.spike() == null ? null : intra));
            if ((i & 1023) == 0) {
                termination.check();
            }
        }
        return rows;
    }
}
