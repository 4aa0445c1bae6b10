package spiky.graph;

import static spiky.graph.GraphModel.EMBEDDING;
import static spiky.graph.GraphModel.RUN;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.ResourceIterator;
import org.neo4j.graphdb.Transaction;
import spiky.InvalidInputException;
import spiky.Progress;
import spiky.algo.Termination;
import spiky.algo.linalg.CsrMatrix;
import spiky.algo.ppmi.Ppmi;
import spiky.algo.ppmi.PpmiConfig;
import spiky.algo.ppmi.PpmiResult;

/**
 * Files for numpy and scipy users: the PPMI matrix as Matrix Market with an item-id file, and a
 * run's items as CSV (item, norm, one spike-id column per f', the embedding columns).
 */
public final class Exporter {
    private Exporter() {}

    /** What an export wrote. */
    public record Written(String file, long rows, long entries) {}

    /**
     * Writes the dataset's PPMI matrix, computed afresh with {@code config}: {@code mtx} as
     * "coordinate real symmetric" (lower triangle, 1-based) and {@code ids} as "index,item" lines
     * mapping each 0-based row to its item id.
     */
    public static List<Written> ppmi(GraphDatabaseService db, String dataset, PpmiConfig config, int concurrency, Path mtx, Path ids,
            Progress progress, Termination termination) {
        DatasetArrays data = DatasetReader.read(db, dataset, progress, termination);
        PpmiResult ppmi = Ppmi.compute(data.items(), data.contexts(), data.itemOf(), data.contextOf(), data.keyRank(), config,
                concurrency, progress, termination);
        CsrMatrix m = ppmi.matrix();
        try {
            createParent(mtx);
            createParent(ids);
            try (BufferedWriter w = Files.newBufferedWriter(mtx, StandardCharsets.UTF_8)) {
                w.write("%%MatrixMarket matrix coordinate real symmetric\n");
                w.write("% spiky PPMI of dataset " + dataset + ": minCount=" + config.minCount() + " topK=" + config.topK()
                        + " rankRule=" + config.rankRule().configName() + "; rows and columns follow " + ids.getFileName() + "\n");
                w.write(m.rows() + " " + m.cols() + " " + m.nnz() / 2 + "\n");
                for (int r = 0; r < m.rows(); r++) {
                    for (long p = m.rowStart(r); p < m.rowEnd(r); p++) {
                        int c = m.column(p);
                        if (c < r) {
                            w.write((r + 1) + " " + (c + 1) + " " + m.value(p) + "\n");
                        }
                    }
                }
            }
            try (BufferedWriter w = Files.newBufferedWriter(ids, StandardCharsets.UTF_8)) {
                w.write("index,item\n");
                int[] kept = ppmi.items();
                for (int a = 0; a < kept.length; a++) {
                    w.write(a + "," + csv(data.itemIds()[kept[a]]) + "\n");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.of(new Written(mtx.toString(), m.rows(), m.nnz() / 2), new Written(ids.toString(), m.rows(), m.rows()));
    }

    /** Writes a finished run's items, sorted by item key, as CSV. */
    public static Written run(GraphDatabaseService db, String runId, Path file) {
        try (Transaction tx = db.beginTx()) {
            Node run = tx.findNode(RUN, "id", runId);
            if (run == null || !GraphModel.RUN_FINISHED.equals(run.getProperty("status", null))) {
                throw InvalidInputException.parameter("run", "no finished run '" + runId + "'");
            }
            // A run of spiky.svd.write has no Spk table until spiky.spikes.write: no spike columns then.
            long[] dims = (long[]) run.getProperty("spkF", new long[0]);
            List<Node> rows = new ArrayList<>();
            try (ResourceIterator<Node> it = tx.findNodes(EMBEDDING, "run", runId)) {
                it.forEachRemaining(rows::add);
            }
            rows.sort(Comparator.comparing(n -> n.getProperty("item"), Exporter::compareKeys));
            createParent(file);
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                StringBuilder header = new StringBuilder("item,norm");
                for (long f : dims) {
                    header.append(",spike").append(f);
                }
                int width = rows.isEmpty() ? 0 : ((float[]) rows.get(0).getProperty("vector")).length;
                for (int j = 0; j < width; j++) {
                    header.append(",e").append(j);
                }
                w.write(header.append('\n').toString());
                StringBuilder line = new StringBuilder();
                for (Node n : rows) {
                    line.setLength(0);
                    line.append(csv(n.getProperty("item"))).append(',').append((double) n.getProperty("norm"));
                    for (long f : dims) {
                        Object spike = n.getProperty("spike" + f, null);
                        line.append(',').append(spike == null ? "" : csv(spike));
                    }
                    for (float x : (float[]) n.getProperty("vector")) {
                        line.append(',').append(x);
                    }
                    w.write(line.append('\n').toString());
                }
            }
            return new Written(file.toString(), rows.size(), rows.size());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int compareKeys(Object a, Object b) {
        if (a instanceof Long x && b instanceof Long y) {
            return Long.compare(x, y);
        }
        return a.toString().compareTo(b.toString());
    }

    private static String csv(Object value) {
        String s = value.toString();
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
