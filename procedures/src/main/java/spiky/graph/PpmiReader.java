package spiky.graph;

import static spiky.graph.GraphModel.PPMI;

import java.util.Arrays;
import java.util.List;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.Transaction;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.algo.Termination;
import spiky.algo.linalg.CsrMatrix;
import spiky.algo.linalg.PagedDoubleArray;
import spiky.algo.linalg.PagedIntArray;
import spiky.data.LongIntHashMap;

/**
 * Reads a dataset's PPMI relationships of one set (its current one, tagged with its ppmiRun, or a
 * run's) back into a CSR matrix, in one read transaction. The rows are the items that have a relationship, in the
 * canonical item order of {@link DatasetReader#items}, the columns of each row ascending, and
 * both triangles hold the stored weight of the pair (and, aside, its co-occurrence count): the
 * matrix Ppmi.compute produced, entry for entry, so the SVD of it is the pipeline's.
 */
public final class PpmiReader {
    private PpmiReader() {}

    public static StoredPpmi read(GraphDatabaseService db, String dataset, Progress progress, Termination termination) {
        try (Transaction tx = db.beginTx()) {
            // A set written as a per-item top-k keeps its whole matrix in a file (PpmiFiles): read that.
            Node d = DatasetReader.readyDataset(tx, dataset);
            String tag = (String) d.getProperty("ppmiRun", null);
            PpmiRecord record = tag == null ? null : PpmiRecord.readFrom(tx, d);
            PpmiFiles.Contents file = record == null ? null : PpmiFiles.in(db).read(dataset, tag);
            if (file != null) {
                Object[] ids = new Object[file.rowItemNodes().length];
                for (int a = 0; a < ids.length; a++) {
                    ids[a] = tx.getNodeById(file.rowItemNodes()[a]).getProperty("id");
                }
                return new StoredPpmi(dataset, file.rowItemNodes(), ids, file.matrix(), file.counts(), record);
            }
            return read(tx, dataset, progress, termination);
        }
    }

    /** The same, in the caller's transaction. */
    public static StoredPpmi read(Transaction tx, String dataset, Progress progress, Termination termination) {
        Node d = DatasetReader.readyDataset(tx, dataset);
        String tag = (String) d.getProperty("ppmiRun", null);
        PpmiRecord record = tag == null ? null : PpmiRecord.readFrom(tx, d);
        if (record == null) {
            throw noPpmi(dataset);
        }
        return read(tx, dataset, tag, record, progress, termination);
    }

    /**
     * The dataset's PPMI relationships tagged {@code tag}, current or not (a run's set: the one its
     * ppmiRun names); the result's record is null, as the set's settings are those of the run.
     */
    public static StoredPpmi readSet(Transaction tx, String dataset, String tag, Progress progress, Termination termination) {
        DatasetReader.readyDataset(tx, dataset);
        return read(tx, dataset, tag, null, progress, termination);
    }

    private static StoredPpmi read(Transaction tx, String dataset, String tag, PpmiRecord record, Progress progress,
            Termination termination) {
        List<Node> items = DatasetReader.items(tx, dataset);
        int n = items.size();
        LongIntHashMap indexOf = new LongIntHashMap(n);
        for (int i = 0; i < n; i++) {
            indexOf.putIfAbsent(items.get(i).getId(), i);
        }
        // One pass over the relationships: (item, partner, weight) triples grouped by item, in item order.
        int[] start = new int[n + 1];
        int[] partner = new int[1024];
        double[] weight = new double[1024];
        int[] count = new int[1024];
        int k = 0;
        for (int i = 0; i < n; i++) {
            start[i] = k;
            Node item = items.get(i);
            for (Relationship r : item.getRelationships(Direction.BOTH, PPMI)) {
                if (!tag.equals(r.getProperty("run", null))) {
                    continue;
                }
                int j = indexOf.get(r.getOtherNodeId(item.getId()));
                if (j < 0) {
                    throw new IllegalStateException("a PPMI relationship of dataset '" + dataset + "' leads outside its items");
                }
                if (k == partner.length) {
                    partner = Arrays.copyOf(partner, k * 2);
                    weight = Arrays.copyOf(weight, k * 2);
                    count = Arrays.copyOf(count, k * 2);
                }
                partner[k] = j;
                weight[k] = (double) r.getProperty("weight");
                count[k] = ((Number) r.getProperty("count", 0L)).intValue();
                k++;
            }
            if ((i & 1023) == 0) {
                termination.check();
                progress.report("reading PPMI of " + dataset, i, n);
            }
        }
        start[n] = k;
        if (k == 0) {
            throw noPpmi(dataset);
        }
        progress.report("reading PPMI of " + dataset, n, n);
        return toMatrix(dataset, items, start, partner, weight, count, record);
    }

    private static StoredPpmi toMatrix(String dataset, List<Node> items, int[] start, int[] partner, double[] weight, int[] count,
            PpmiRecord record) {
        int n = items.size();
        int[] row = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            row[i] = start[i + 1] > start[i] ? m++ : -1;
        }
        long[] rowNodes = new long[m];
        Object[] rowIds = new Object[m];
        long[] offsets = new long[m + 1];
        long nnz = start[n];
        PagedIntArray columns = new PagedIntArray(nnz);
        PagedDoubleArray values = new PagedDoubleArray(nnz);
        PagedIntArray counts = new PagedIntArray(nnz);
        long p = 0;
        for (int i = 0; i < n; i++) {
            int a = row[i];
            if (a < 0) {
                continue;
            }
            rowNodes[a] = items.get(i).getId();
            rowIds[a] = items.get(i).getProperty("id");
            // Columns ascending: sort (column, position) keys; columns are distinct within a row.
            int s = start[i];
            int len = start[i + 1] - s;
            long[] keys = new long[len];
            for (int t = 0; t < len; t++) {
                keys[t] = ((long) row[partner[s + t]] << 32) | t;
            }
            Arrays.sort(keys);
            for (long key : keys) {
                columns.set(p, (int) (key >>> 32));
                values.set(p, weight[s + (int) key]);
                counts.set(p, count[s + (int) key]);
                p++;
            }
            offsets[a + 1] = p;
        }
        return new StoredPpmi(dataset, rowNodes, rowIds, new CsrMatrix(m, m, offsets, columns, values), counts, record);
    }

    private static InvalidInputException noPpmi(String dataset) {
        return InvalidInputException.parameter("dataset", "dataset '" + dataset
                + "' has no PPMI relationships: run CALL spiky.ppmi.write('" + dataset + "', config) first");
    }
}
