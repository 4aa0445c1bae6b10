package spiky.proc;

import static spiky.graph.GraphModel.HAS_EMBEDDING;

import java.util.ArrayList;
import java.util.List;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.Transaction;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.algo.Termination;
import spiky.algo.similar.Neighbours;
import spiky.algo.similar.SimilarConfig;
import spiky.algo.similar.SimilarSearch;
import spiky.graph.EmbeddingReader;
import spiky.graph.GraphModel;
import spiky.graph.RunMatrices;

/** spiky.similar: find the run and the item's row, search the run's matrix, describe the neighbours. */
public final class SimilarStep {
    private SimilarStep() {}

    /** A row of spiky.similar. */
    public record SimilarRow(long rank, Object item, String name, double score, double norm, Object spike) {}

    static List<SimilarRow> similar(Transaction tx, RunMatrices runMatrices, Node item, SimilarConfig config, Progress progress,
            Termination termination) {
        if (item == null || !item.hasLabel(GraphModel.ITEM)) {
            throw InvalidInputException.parameter("item", "expected an (:Item) node, got " + (item == null ? "null" : item.getLabels()));
        }
        Object itemId = item.getProperty("id", null);
        String dataset = (String) item.getProperty("dataset", null);
        String runId = config.run();
        if (runId == null) {
            Node d = tx.findNode(GraphModel.DATASET, "name", dataset);
            runId = d == null ? null : (String) d.getProperty("latestRun", null);
            if (runId == null) {
                throw InvalidInputException.parameter("run", "dataset '" + dataset + "' has no finished run: give one, or run spiky.pipeline");
            }
        }
        Node run = EmbeddingReader.finishedRun(tx, runId);
        if (!dataset.equals(run.getProperty("dataset", null))) {
            throw InvalidInputException.parameter("run", "run '" + runId + "' embeds dataset '" + run.getProperty("dataset", null)
                    + "', item " + itemId + " is of dataset '" + dataset + "'");
        }
        int rank = ((Number) run.getProperty("rank")).intValue();
        int f = config.f() == 0 ? rank : config.f();
        if (f > rank) {
            throw InvalidInputException.parameter("f", f + " is not in the range [1, " + rank + "] (the rank of run '" + runId + "')");
        }
        RunMatrices.Loaded loaded = runMatrices.get(tx, run, progress, termination);
        int query = rowOf(item, runId, loaded);
        if (query < 0) {
            throw InvalidInputException.parameter("item", "item " + itemId + " of dataset '" + dataset + "' is not embedded in run '"
                    + runId + "' (an item without a kept PPMI pair gets no embedding)");
        }
        progress.report("searching " + runId, 0, 1);
        Neighbours found = SimilarSearch.search(loaded.matrix(), query, config.k(), config.metric(), f, config.concurrency(), termination);
        progress.report("searching " + runId, 1, 1);
        String spikeKey = spikeProperty(run);
        List<SimilarRow> rows = new ArrayList<>(found.size());
        for (int i = 0; i < found.size(); i++) {
            int a = found.rows()[i];
            Node embedding = tx.getNodeById(loaded.embeddingNodes()[a]);
            Relationship from = embedding.getSingleRelationship(HAS_EMBEDDING, Direction.INCOMING);
            Object name = from == null ? null : from.getStartNode().getProperty("name", null);
            rows.add(new SimilarRow(i + 1, loaded.itemIds()[a], name == null ? null : name.toString(), found.scores()[i],
                    loaded.norms()[a], spikeKey == null ? null : embedding.getProperty(spikeKey, null)));
        }
        return rows;
    }

    /** The item's row in the run: its HAS_EMBEDDING to an Embedding of this run, or -1. */
    private static int rowOf(Node item, String runId, RunMatrices.Loaded loaded) {
        for (Relationship r : item.getRelationships(Direction.OUTGOING, HAS_EMBEDDING)) {
            Node e = r.getEndNode();
            if (runId.equals(e.getProperty("run", null))) {
                return loaded.row(e.getId());
            }
        }
        return -1;
    }

    /** spike&lt;f'&gt; at the run's first f' of its Spk table, or null when it has none. */
    private static String spikeProperty(Node run) {
        Object spkF = run.getProperty("spkF", null);
        if (spkF instanceof long[] dims && dims.length > 0) {
            return "spike" + dims[0];
        }
        if (spkF instanceof int[] dims && dims.length > 0) {
            return "spike" + dims[0];
        }
        return null;
    }
}
