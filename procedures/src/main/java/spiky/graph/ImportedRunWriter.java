package spiky.graph;

import static spiky.graph.GraphModel.DATASET;
import static spiky.graph.GraphModel.RUN;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.algo.linalg.CsrMatrix;
import spiky.algo.linalg.PagedDoubleArray;
import spiky.algo.linalg.PagedIntArray;
import spiky.algo.ppmi.PpmiConfig;
import spiky.algo.ppmi.PpmiResult;
import spiky.algo.ppmi.RankRule;
import spiky.algo.spikes.SpikeLevel;
import spiky.data.IdType;

/**
 * Loads an {@link ImportedRun} as a finished run of a dataset, through the writers a pipeline run
 * uses (RunStore.begin, EmbeddingWriter, SpkTable), so that every procedure and report takes it
 * like a run made inside the database. Its items must be items of the dataset (checked before
 * anything is written). When the directory has the run's PPMI matrix ({@link ImportedRun#ppmi}),
 * it is written as the run's PPMI set the way a pipeline run with writePpmi keeps one
 * (PpmiWriter, tagged with the run id; the dataset's current set, the run's ppmiRun; RunPpmi
 * handed the matrix), so the reports that read it (degrees, communities, truth) give what they
 * give for the in-database run on the same data; without it the run keeps no set (as writePpmi:
 * false) and its PPMI degrees are 0. A failure after the run was begun deletes it and any PPMI
 * relationships it wrote: there is a finished run or none.
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
        PpmiResult ppmi = run.ppmi() == null ? null : ppmiOf(run);
        PpmiConfig ppmiConfig = ppmi == null ? null : ppmiConfig(run.parameters());
        // The run's rows as the dataset's items for the PPMI writer: node, id and key order.
        DatasetArrays rows = new DatasetArrays(dataset, rowNodes, rowIds, DatasetReader.keyRank(rowIds), 0, new int[0], new int[0]);
        Map<String, Object> parameters = new LinkedHashMap<>(run.parameters());
        parameters.put("writePpmi", ppmi != null);
        parameters.put("computedBy", "spark");
        RunStore store = new RunStore(db, progress);
        String runId = store.begin(dataset, parameters);
        PpmiWriter ppmiWriter = new PpmiWriter(db, progress);
        String written = Undo.get(() -> {
            new EmbeddingWriter(db, progress).write(runId, dataset, rowNodes, rowIds, run.embeddings(), run.norms(), levels);
            long relationships = ppmi == null ? 0 : ppmiWriter.write(runId, rows, ppmi);
            long digest = ppmi == null ? 0 : PpmiDigest.of(rows, ppmi);
            try (Transaction tx = db.beginTx()) {
                Node r = tx.findNode(RUN, "id", runId);
                r.setProperty("n", (long) n);
                r.setProperty("nnz", run.nnz());
                run.counts().forEach(r::setProperty);
                r.setProperty("singularValues", run.singularValues());
                r.setProperty("matrixProducts", run.matrixProducts());
                SpkTable.write(r, levels);
                run.millis().forEach((k, v) -> r.setProperty(RunStore.millisKey(k), v));
                r.setProperty("ppmiRelationships", relationships);
                r.setProperty("finishedAt", ZonedDateTime.now(ZoneOffset.UTC));
                r.setProperty("status", GraphModel.RUN_FINISHED);
                Node d = tx.findNode(DATASET, "name", dataset);
                if (ppmi != null) {
                    tx.acquireWriteLock(d);
                    PpmiRecord.of(runId, SOURCE, ppmiConfig, ppmi, digest).writeTo(d);
                    r.setProperty("ppmiRun", runId);
                    r.setProperty("ppmiDigest", Long.toHexString(digest));
                    RunPpmi.in(db).offer(runId, rows, ppmi);
                }
                d.setProperty("latestRun", runId);
                tx.commit();
            }
            return runId;
        }, failure -> {
            // Marked failed first, so that a crash during the deletion leaves a failed run, never a finished half.
            store.fail(runId, "import failed: " + failure.getMessage());
            store.delete(runId);
        });
        if (ppmi != null) {
            // The set the dataset named before is now unused unless a run names it, as after a pipeline run.
            ppmiWriter.deleteUnused(dataset);
        }
        return written;
    }

    /** The Dataset node's ppmiSource when an imported run wrote its current PPMI set. */
    static final String SOURCE = "spark";

    /**
     * The run's PPMI pairs as the matrix the pipeline computes (PpmiResult): both triangles,
     * columns ascending, row a the run's item a (so {@code items} is the identity). Checked against
     * run.json's nnz and the rows: every row keeps a pair, no pair appears twice.
     */
    static PpmiResult ppmiOf(ImportedRun run) {
        ImportedRun.Pairs pairs = run.ppmi();
        int n = run.items().length;
        long nnz = 2L * pairs.size();
        if (nnz != run.nnz()) {
            throw InvalidInputException.inFile(pairs.file(), pairs.size() + " pairs (" + nnz + " matrix entries), but run.json says nnz = "
                    + run.nnz());
        }
        long[] offsets = new long[n + 1];
        for (int k = 0; k < pairs.size(); k++) {
            offsets[pairs.row()[k] + 1]++;
            offsets[pairs.partner()[k] + 1]++;
        }
        for (int a = 0; a < n; a++) {
            if (offsets[a + 1] == 0) {
                throw InvalidInputException.atLine(run.itemsFile(), a + 2, "item '" + run.items()[a] + "' has no pair in " + pairs.file()
                        + " (every row of the run is an item that keeps a PPMI pair)");
            }
            offsets[a + 1] += offsets[a];
        }
        // Entries by row in file order, then each row sorted by column.
        long[] next = offsets.clone();
        int[] pairOf = new int[(int) Math.min(nnz, Integer.MAX_VALUE - 8)];
        if (nnz > pairOf.length) {
            throw InvalidInputException.inFile(pairs.file(), "more than " + pairOf.length / 2 + " pairs: too many to load in one run");
        }
        int[] columnOf = new int[pairOf.length];
        for (int k = 0; k < pairs.size(); k++) {
            int a = pairs.row()[k];
            int b = pairs.partner()[k];
            int p = (int) next[a]++;
            pairOf[p] = k;
            columnOf[p] = b;
            p = (int) next[b]++;
            pairOf[p] = k;
            columnOf[p] = a;
        }
        PagedIntArray columns = new PagedIntArray(nnz);
        PagedDoubleArray values = new PagedDoubleArray(nnz);
        PagedIntArray counts = new PagedIntArray(nnz);
        for (int a = 0; a < n; a++) {
            int start = (int) offsets[a];
            int len = (int) (offsets[a + 1] - start);
            long[] keys = new long[len];
            for (int t = 0; t < len; t++) {
                keys[t] = ((long) columnOf[start + t] << 32) | t;
            }
            Arrays.sort(keys);
            int previous = -1;
            for (int t = 0; t < len; t++) {
                int b = (int) (keys[t] >>> 32);
                if (b == previous) {
                    throw InvalidInputException.inFile(pairs.file(), "the pair of items '" + run.items()[a] + "' and '" + run.items()[b]
                            + "' appears twice");
                }
                previous = b;
                int k = pairOf[start + (int) keys[t]];
                long p = start + t;
                columns.set(p, b);
                values.set(p, pairs.weight()[k]);
                counts.set(p, pairs.count()[k]);
            }
        }
        int[] identity = new int[n];
        Arrays.setAll(identity, a -> a);
        return new PpmiResult(new CsrMatrix(n, n, offsets, columns, values), counts, identity,
                run.counts().getOrDefault("cooccurringPairs", 0L), run.counts().getOrDefault("pairsAfterMinCount", 0L),
                run.counts().getOrDefault("pairsAfterRank", 0L), pairs.size());
    }

    /** The PPMI settings among the run's parameters (run.json's settings), for the Dataset node's record. */
    static PpmiConfig ppmiConfig(Map<String, Object> parameters) {
        PpmiConfig d = PpmiConfig.DEFAULTS;
        Object minCount = parameters.getOrDefault("minCount", (long) d.minCount());
        Object topK = parameters.getOrDefault("topK", (long) d.topK());
        Object rule = parameters.getOrDefault("rankRule", d.rankRule().configName());
        if (!(minCount instanceof Number) || !(topK instanceof Number) || !(rule instanceof String)) {
            throw InvalidInputException.of("run.json: settings minCount, topK and rankRule must be two numbers and a name, found "
                    + minCount + ", " + topK + ", " + rule);
        }
        return new PpmiConfig(((Number) minCount).intValue(), ((Number) topK).intValue(), RankRule.parse((String) rule));
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
