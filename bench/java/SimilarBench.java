import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;
import org.neo4j.io.ByteUnit;
import spiky.algo.Termination;
import spiky.algo.similar.Metric;
import spiky.algo.similar.Neighbours;
import spiky.algo.similar.RunMatrix;
import spiky.algo.similar.SimilarSearch;

/**
 * Similar-items benchmark. Synthetic spiky embeddings (ROWS × 128: points along DIRECTIONS random
 * directions, Pareto norms of tail index 1.5, Gaussian noise), QUERIES random query rows, k = 10.
 *
 * 1. spiky's exact search (SimilarSearch, concurrency CONCURRENCY) over all ROWS, both metrics:
 *    latency per query, p50 / p99; the one-time preparation (norms, norm order, cosine groups) apart.
 * 2. A Neo4j 5.26 vector index (HNSW, cosine) over the first INDEX_ROWS rows stored as unit
 *    vectors: db.index.vector.queryNodes for 10·k candidates, re-ranked exactly in Java; p50 / p99
 *    of query + re-rank, recall@10 against the exact scan over the same INDEX_ROWS rows.
 *    Dot product through the index: the maximum-inner-product reduction x' = [x, √(M² − ‖x‖²)] / M,
 *    q' = [q, 0] (then cos(q', x') = q·x / (‖q‖·M), so the cosine order is the dot order), on a
 *    second index of 129 dimensions, re-ranked by the exact dot.
 * Prints one line per measurement. Run by bench/similar.sh.
 *
 * usage: java -cp ... SimilarBench.java ROWS INDEX_ROWS QUERIES CONCURRENCY DB_DIR
 */
public class SimilarBench {
    static final int D = 128;
    static final int K = 10;
    static final int DIRECTIONS = 1000;

    public static void main(String[] args) throws Exception {
        int rows = Integer.parseInt(args[0]);
        int indexRows = Integer.parseInt(args[1]);
        int queries = Integer.parseInt(args[2]);
        int concurrency = Integer.parseInt(args[3]);
        Path dbDir = Path.of(args[4]);
        long t0 = System.nanoTime();
        float[] data = spiky(rows, 42);
        System.out.printf(Locale.ROOT, "data: %,d × %d floats, %d directions, generated in %.1f s%n", rows, D, DIRECTIONS, secs(t0));
        int[] qs = new SplittableRandom(7).ints(queries, 0, indexRows > 0 ? indexRows : rows).toArray(); // queries among the indexed rows

        RunMatrix all = new RunMatrix(data, rows, D);
        for (Metric m : Metric.values()) {
            exact(all, qs, m, concurrency, "exact " + m.label + " over " + rows);
        }
        if (indexRows <= 0) {
            return;
        }
        RunMatrix sub = new RunMatrix(Arrays.copyOf(data, indexRows * D), indexRows, D);
        int[][] truthCos = new int[queries][];
        int[][] truthDot = new int[queries][];
        exactLists(sub, qs, Metric.COSINE, concurrency, truthCos, "exact cosine over " + indexRows);
        exactLists(sub, qs, Metric.DOT, concurrency, truthDot, "exact dot over " + indexRows);

        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(dbDir)
                .setConfig(GraphDatabaseSettings.pagecache_memory, ByteUnit.gibiBytes(2))
                .setConfig(BoltConnector.enabled, false)
                .setConfig(HttpConnector.enabled, false)
                .build();
        try {
            GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
            double maxNorm = 0;
            RunMatrix.Truncation t = sub.truncation(D);
            for (int a = 0; a < indexRows; a++) {
                maxNorm = Math.max(maxNorm, t.norms()[a]);
            }
            boolean exists = db.executeTransactionally("MATCH (v:V) RETURN count(v) AS c", Map.of(),
                    r -> (Long) r.next().get("c")) == indexRows;
            if (!exists) {
                long w0 = System.nanoTime();
                write(db, sub, t, maxNorm);
                System.out.printf(Locale.ROOT, "neo4j: wrote %,d nodes with a unit vector and a 129-d MIPS vector in %.1f s%n", indexRows, secs(w0));
                long i0 = System.nanoTime();
                db.executeTransactionally("CREATE VECTOR INDEX v_unit IF NOT EXISTS FOR (v:V) ON (v.unit) OPTIONS {indexConfig: "
                        + "{`vector.dimensions`: 128, `vector.similarity_function`: 'cosine'}}");
                db.executeTransactionally("CALL db.awaitIndexes(86400)");
                System.out.printf(Locale.ROOT, "neo4j: cosine vector index (128 d) online in %.1f s%n", secs(i0));
                long i1 = System.nanoTime();
                db.executeTransactionally("CREATE VECTOR INDEX v_mips IF NOT EXISTS FOR (v:V) ON (v.mips) OPTIONS {indexConfig: "
                        + "{`vector.dimensions`: 129, `vector.similarity_function`: 'cosine'}}");
                db.executeTransactionally("CALL db.awaitIndexes(86400)");
                System.out.printf(Locale.ROOT, "neo4j: MIPS vector index (129 d) online in %.1f s%n", secs(i1));
                // Quantization (int8, on by default) cannot resolve the MIPS vectors: all but a few are
                // nearly [0, ..., 0, 1], their first 128 coordinates ‖x‖/M ≪ 1/127 of the range.
                long i2 = System.nanoTime();
                db.executeTransactionally("CREATE VECTOR INDEX v_mips_raw IF NOT EXISTS FOR (v:W) ON (v.mips) OPTIONS {indexConfig: "
                        + "{`vector.dimensions`: 129, `vector.similarity_function`: 'cosine', `vector.quantization.enabled`: false}}");
                db.executeTransactionally("CALL db.awaitIndexes(86400)");
                System.out.printf(Locale.ROOT, "neo4j: MIPS vector index (129 d, no quantization) online in %.1f s%n", secs(i2));
            } else {
                System.out.printf(Locale.ROOT, "neo4j: reusing the %,d nodes and indexes in %s%n", indexRows, dbDir);
            }
            db.executeTransactionally("SHOW VECTOR INDEXES YIELD name, options RETURN name, options", Map.of(), r -> {
                r.forEachRemaining(m -> System.out.println("neo4j: index " + m));
                return null;
            });
            for (int candidates : new int[] {10 * K, 40 * K}) {
                viaIndex(db, sub, qs, "v_unit", Metric.COSINE, candidates, truthCos);
                viaIndex(db, sub, qs, "v_mips", Metric.DOT, candidates, truthDot);
                viaIndex(db, sub, qs, "v_mips_raw", Metric.DOT, candidates, truthDot);
            }
        } finally {
            dbms.shutdown();
        }
    }

    static double secs(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** Rows along DIRECTIONS random unit directions, norm ~ Pareto(1.5) from 1, plus noise of 0.3 of the norm. */
    static float[] spiky(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] dirs = new double[DIRECTIONS][D];
        for (double[] u : dirs) {
            double s = 0;
            for (int j = 0; j < D; j++) {
                u[j] = gaussian(r);
                s += u[j] * u[j];
            }
            for (int j = 0; j < D; j++) {
                u[j] /= Math.sqrt(s);
            }
        }
        float[] x = new float[n * D];
        for (int a = 0; a < n; a++) {
            double[] u = dirs[r.nextInt(DIRECTIONS)];
            double norm = Math.pow(1 - r.nextDouble(), -1 / 1.5);
            for (int j = 0; j < D; j++) {
                x[a * D + j] = (float) (norm * (u[j] + 0.3 * gaussian(r) / Math.sqrt(D)));
            }
        }
        return x;
    }

    static void exact(RunMatrix m, int[] qs, Metric metric, int concurrency, String label) {
        exactLists(m, qs, metric, concurrency, null, label);
    }

    static void exactLists(RunMatrix m, int[] qs, Metric metric, int concurrency, int[][] out, String label) {
        long p0 = System.nanoTime();
        m.prepare(D, concurrency, Termination.NONE); // norms, norm order, and for cosine from 20,000 rows the groups
        double prep = secs(p0);
        for (int w = 0; w < 30; w++) { // warm-up: compile the scan
            SimilarSearch.search(m, qs[w % qs.length], K, metric, D, concurrency, Termination.NONE);
        }
        double[] ms = new double[qs.length];
        long scored = 0;
        for (int i = 0; i < qs.length; i++) {
            long s = System.nanoTime();
            Neighbours nb = SimilarSearch.search(m, qs[i], K, metric, D, concurrency, Termination.NONE);
            ms[i] = (System.nanoTime() - s) / 1e6;
            scored += nb.scored();
            if (out != null) {
                out[i] = nb.rows();
            }
        }
        report(label + " (concurrency " + concurrency + String.format(Locale.ROOT, ", preparation %.2f s once per run, rows scored per query %.0f)",
                prep, scored / (double) qs.length), ms, -1);
    }

    static void report(String label, double[] ms, double recall) {
        double[] s = ms.clone();
        Arrays.sort(s);
        double mean = Arrays.stream(s).average().orElse(0);
        System.out.printf(Locale.ROOT, "%s: %d queries, p50 %.2f ms, p99 %.2f ms, mean %.2f ms, max %.2f ms%s%n", label, s.length,
                pct(s, 0.50), pct(s, 0.99), mean, s[s.length - 1], recall < 0 ? "" : String.format(Locale.ROOT, ", recall@%d %.4f", K, recall));
    }

    static double pct(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    static void write(GraphDatabaseService db, RunMatrix m, RunMatrix.Truncation t, double maxNorm) {
        Label v = Label.label("V");
        Label w = Label.label("W"); // a second label, so that a second index can cover the same property
        float[] data = m.data();
        int n = m.rows();
        for (int start = 0; start < n; start += 10_000) {
            try (Transaction tx = db.beginTx()) {
                for (int a = start; a < Math.min(n, start + 10_000); a++) {
                    Node node = tx.createNode(v, w);
                    node.setProperty("row", a);
                    double norm = t.norms()[a];
                    float[] unit = new float[D];
                    float[] mips = new float[D + 1];
                    for (int j = 0; j < D; j++) {
                        unit[j] = (float) (data[a * D + j] / norm);
                        mips[j] = (float) (data[a * D + j] / maxNorm);
                    }
                    mips[D] = (float) Math.sqrt(Math.max(0, 1 - (norm / maxNorm) * (norm / maxNorm)));
                    node.setProperty("unit", unit);
                    node.setProperty("mips", mips);
                }
                tx.commit();
            }
        }
    }

    /** Candidates from the index, re-ranked by the exact score; recall@K against the exact scan's lists. */
    static void viaIndex(GraphDatabaseService db, RunMatrix m, int[] qs, String index, Metric metric, int candidates, int[][] truth) {
        float[] data = m.data();
        double[] inverse = m.truncation(D).inverseNorms();
        String cypher = "CALL db.index.vector.queryNodes('" + index + "', $n, $q) YIELD node RETURN node.row AS row";
        double[] ms = new double[qs.length];
        double hits = 0;
        for (int pass = 0; pass < 2; pass++) { // pass 0 warms up
            for (int i = 0; i < qs.length; i++) {
                int query = qs[i];
                long s = System.nanoTime();
                float[] q = new float[metric == Metric.COSINE ? D : D + 1];
                System.arraycopy(data, query * D, q, 0, D);
                List<Integer> rows = db.executeTransactionally(cypher, Map.of("n", candidates + 1, "q", q), r -> {
                    List<Integer> out = new ArrayList<>();
                    r.forEachRemaining(row -> out.add(((Number) row.get("row")).intValue()));
                    return out;
                });
                // exact re-rank of the candidates (the query row itself left out)
                double[] best = new double[K];
                int[] bestRow = new int[K];
                Arrays.fill(best, Double.NEGATIVE_INFINITY);
                Arrays.fill(bestRow, Integer.MAX_VALUE);
                for (int a : rows) {
                    if (a == query) {
                        continue;
                    }
                    double dot = 0;
                    for (int j = 0; j < D; j++) {
                        dot += (double) data[query * D + j] * data[a * D + j];
                    }
                    double score = metric == Metric.COSINE ? dot * inverse[query] * inverse[a] : dot;
                    int p = K - 1;
                    if (score > best[p] || (score == best[p] && a < bestRow[p])) {
                        while (p > 0 && (score > best[p - 1] || (score == best[p - 1] && a < bestRow[p - 1]))) {
                            best[p] = best[p - 1];
                            bestRow[p] = bestRow[p - 1];
                            p--;
                        }
                        best[p] = score;
                        bestRow[p] = a;
                    }
                }
                ms[i] = (System.nanoTime() - s) / 1e6;
                if (pass == 1) {
                    Set<Integer> want = new HashSet<>();
                    for (int a : truth[i]) {
                        want.add(a);
                    }
                    for (int a : bestRow) {
                        if (want.contains(a)) {
                            hits++;
                        }
                    }
                }
            }
        }
        report("neo4j vector index " + index + " " + metric.label + (metric == Metric.DOT ? " (MIPS reduction, 129 d)" : "") + ", "
                + candidates + " candidates re-ranked, over " + m.rows(), ms, hits / (qs.length * (double) K));
    }
}
