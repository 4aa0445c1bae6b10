package spiky.graph;

import static spiky.graph.GraphModel.DATASET;
import static spiky.graph.GraphModel.RUN;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.algo.spikes.SpikeLevel;
import spiky.data.IdType;

/**
 * Loads an {@link ImportedRun} as a finished run of a dataset, through the writers a pipeline run
 * uses (RunStore.begin, EmbeddingWriter, SpkTable), so that every procedure and report takes it
 * like a run made inside the database. Its items must be items of the dataset (checked before
 * anything is written); it keeps no PPMI set (as writePpmi: false), so its PPMI degrees are 0. A
 * failure after the run was begun deletes it: there is a finished run or none.
 */
public final class ImportedRunWriter {
    private final GraphDatabaseService db;
    private final Progress progress;

    public ImportedRunWriter(GraphDatabaseService db, Progress progress) {
        this.db = db;
        this.progress = progress;
    }

    /** @return the new run's id */
    public String write(String dataset, ImportedRun run) {
        int n = run.items().length;
        long[] rowNodes = new long[n];
        Object[] rowIds = new Object[n];
        try (Transaction tx = db.beginTx()) {
            Node d = DatasetReader.readyDataset(tx, dataset);
            boolean integers = "integer".equals(d.getProperty("itemIdType", null));
            Map<Object, Long> nodeOf = new HashMap<>();
            for (Node item : DatasetReader.items(tx, dataset)) {
                nodeOf.put(item.getProperty("id"), item.getId());
            }
            for (int a = 0; a < n; a++) {
                String key = run.items()[a];
                Object id = integers && IdType.isInteger(key) ? (Object) Long.parseLong(key) : key;
                Long node = nodeOf.get(id);
                if (node == null) {
                    throw InvalidInputException.atLine(run.itemsFile(), a + 2, "item '" + key + "' is not an item of dataset '"
                            + dataset + "' (was the job run on this dataset's interactions?)");
                }
                rowNodes[a] = node;
                rowIds[a] = id;
            }
        }
        List<SpikeLevel> levels = levels(run);
        Map<String, Object> parameters = new LinkedHashMap<>(run.parameters());
        parameters.put("writePpmi", false);
        parameters.put("computedBy", "spark");
        RunStore store = new RunStore(db, progress);
        String runId = store.begin(dataset, parameters);
        return Undo.get(() -> {
            new EmbeddingWriter(db, progress).write(runId, dataset, rowNodes, rowIds, run.embeddings(), run.norms(), levels);
            try (Transaction tx = db.beginTx()) {
                Node r = tx.findNode(RUN, "id", runId);
                r.setProperty("n", (long) n);
                r.setProperty("nnz", run.nnz());
                run.counts().forEach(r::setProperty);
                r.setProperty("singularValues", run.singularValues());
                r.setProperty("matrixProducts", run.matrixProducts());
                SpkTable.write(r, levels);
                run.millis().forEach((k, v) -> r.setProperty(RunStore.millisKey(k), v));
                r.setProperty("ppmiRelationships", 0L);
                r.setProperty("finishedAt", ZonedDateTime.now(ZoneOffset.UTC));
                r.setProperty("status", GraphModel.RUN_FINISHED);
                tx.findNode(DATASET, "name", dataset).setProperty("latestRun", runId);
                tx.commit();
            }
            return runId;
        }, failure -> {
            // Marked failed first, so that a crash during the deletion leaves a failed run, never a finished half.
            store.fail(runId, "import failed: " + failure.getMessage());
            store.delete(runId);
        });
    }

    /** The Spk levels with rows for items: each row's peak, the peaks in visiting order, the coverage curve. */
    static List<SpikeLevel> levels(ImportedRun run) {
        int n = run.items().length;
        Map<String, Integer> rowOf = new HashMap<>();
        for (int a = 0; a < n; a++) {
            if (rowOf.put(run.items()[a], a) != null) {
                throw InvalidInputException.atLine(run.itemsFile(), a + 2, "item '" + run.items()[a] + "' appears twice");
            }
        }
        List<SpikeLevel> levels = new ArrayList<>();
        for (int l = 0; l < run.levels().size(); l++) {
            ImportedRun.Level level = run.levels().get(l);
            int[] spikeOf = new int[n];
            for (int a = 0; a < n; a++) {
                String peak = run.spikes()[l][a];
                Integer p = peak == null ? null : rowOf.get(peak);
                if (peak != null && p == null) {
                    throw InvalidInputException.atLine(run.itemsFile(), a + 2, "spike" + level.f() + " names '" + peak
                            + "', which is not an item of the run");
                }
                spikeOf[a] = p == null ? -1 : p;
            }
            int[] peakItems = new int[level.peakItems().size()];
            for (int k = 0; k < peakItems.length; k++) {
                Integer p = rowOf.get(level.peakItems().get(k));
                if (p == null || spikeOf[p] != p) {
                    throw InvalidInputException.of("run.json: peak '" + level.peakItems().get(k) + "' of f' = " + level.f()
                            + " is not a peak in " + run.itemsFile());
                }
                peakItems[k] = p;
            }
            if (peakItems.length != level.peaks() || level.n() != n) {
                throw InvalidInputException.of("run.json: f' = " + level.f() + " lists " + peakItems.length + " peaks of " + level.n()
                        + " items, but says peaks = " + level.peaks() + " and the run has " + n + " items");
            }
            levels.add(new SpikeLevel(level.f(), n, level.peaks(), level.spk(), spikeOf, peakItems, level.coveredAfter()));
        }
        return levels;
    }
}
