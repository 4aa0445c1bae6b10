import java.io.BufferedReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import spiky.Progress;
import spiky.algo.Termination;
import spiky.algo.linalg.CsrMatrix;
import spiky.algo.ppmi.Ppmi;
import spiky.algo.ppmi.PpmiConfig;
import spiky.algo.ppmi.PpmiResult;
import spiky.algo.ppmi.RankRule;
import spiky.data.IdType;
import spiky.data.Interactions;
import spiky.data.InteractionsBuilder;

/**
 * PPMI benchmark: spiky's Ppmi.compute against DuckDB running bench/sql/ppmi-reference.sql, on
 * the same interactions CSV (header item,context), in one JVM, then a pair-by-pair identity check
 * of the two matrices. Run by bench/ppmi.sh.
 *
 * <p>Timed on each side: the PPMI computation from interactions already in memory, to a result
 * held in memory. DuckDB: {@code CREATE TEMP TABLE ... AS <reference query>} over a table loaded
 * from the CSV beforehand; spiky: Ppmi.compute over int arrays built from the same CSV
 * beforehand. CSV parsing, id mapping and key ranks are excluded from both. One warm-up run per
 * side (printed, not in the medians), then RUNS runs per side, alternating which side goes first.
 * The identity check uses a separate execution of the query whose rows are fetched over JDBC
 * (its time, fetch included, is printed too).
 *
 * usage: java -cp procedures/target/classes:duckdb_jdbc.jar PpmiBench.java NAME INTERACTIONS.csv REFERENCE.sql RUNS CONCURRENCY
 */
public class PpmiBench {
    static final double TOLERANCE = 1e-12;

    public static void main(String[] args) throws Exception {
        String name = args[0];
        Path csv = Path.of(args[1]);
        String sql = Files.readString(Path.of(args[2])).strip();
        if (sql.endsWith(";")) {
            sql = sql.substring(0, sql.length() - 1);
        }
        int runs = Integer.parseInt(args[3]);
        int concurrency = Integer.parseInt(args[4]);
        PpmiConfig config = PpmiConfig.DEFAULTS;
        if (config.minCount() != 2 || config.topK() != 2000 || config.rankRule() != RankRule.SQL) {
            throw new IllegalStateException("the SQL file has minCount 2, topK 2000; spiky's defaults are " + config);
        }

        // --- The interactions, for spiky: distinct (item, context) as index arrays, key ranks. ---
        InteractionsBuilder builder = new InteractionsBuilder();
        long rows = 0;
        try (BufferedReader r = Files.newBufferedReader(csv)) {
            String header = r.readLine();
            if (!"item,context".equals(header)) {
                throw new IllegalArgumentException(csv + ": expected the header 'item,context', found " + header);
            }
            String line;
            while ((line = r.readLine()) != null) {
                int comma = line.indexOf(',');
                builder.add(line.substring(0, comma), line.substring(comma + 1), InteractionsBuilder.NO_TIMESTAMP, Double.NaN);
                rows++;
            }
        }
        Interactions data = builder.build();
        String[] keys = data.itemKeys();
        boolean numeric = IdType.allIntegers(keys);
        int[] keyRank = keyRank(keys, numeric);
        Map<String, Integer> indexOf = new HashMap<>();
        for (int i = 0; i < keys.length; i++) {
            indexOf.put(keys[i], i);
        }
        System.out.printf(Locale.ROOT, "%s: %,d rows, %,d distinct interactions, %,d items, %,d contexts, item keys %s%n",
                name, rows, data.size(), data.itemCount(), data.contextCount(), numeric ? "numeric" : "strings");

        // --- The same CSV, for DuckDB. ---
        Class.forName("org.duckdb.DuckDBDriver");
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement st = db.createStatement()) {
            System.out.println("DuckDB " + scalar(st, "SELECT version()") + ", threads "
                    + scalar(st, "SELECT current_setting('threads')") + ", memory_limit "
                    + scalar(st, "SELECT current_setting('memory_limit')"));
            System.out.println("Java " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                    + ", spiky concurrency " + concurrency + ", " + Runtime.getRuntime().availableProcessors() + " processors");
            st.execute("CREATE TABLE interactions AS SELECT * FROM read_csv('" + csv.toAbsolutePath().toString().replace("'", "''")
                    + "', header = true, sample_size = -1)");
            String types = scalar(st, "SELECT string_agg(column_name || ' ' || data_type, ', ' ORDER BY ordinal_position) "
                    + "FROM information_schema.columns WHERE table_name = 'interactions'");
            long loaded = Long.parseLong(scalar(st, "SELECT count(*) FROM interactions"));
            System.out.println("DuckDB table interactions(" + types + "), " + loaded + " rows");
            if (loaded != rows) {
                throw new IllegalStateException("DuckDB loaded " + loaded + " rows, the bench read " + rows);
            }
            boolean duckNumeric = types.contains("item BIGINT") || types.contains("item INTEGER");
            if (duckNumeric != numeric) {
                System.out.println("WARNING: DuckDB orders items " + (duckNumeric ? "numerically" : "as strings")
                        + ", spiky " + (numeric ? "numerically" : "as strings"));
            }

            // --- Timed runs. ---
            final String query = sql;
            Runnable duck = () -> {
                try {
                    st.execute("CREATE TEMP TABLE ppmi_result AS " + query);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            };
            PpmiResult[] last = new PpmiResult[1];
            Runnable spiky = () -> last[0] = Ppmi.compute(data.itemCount(), data.contextCount(), data.itemOf(),
                    data.contextOf(), keyRank, config, concurrency, Progress.NONE, Termination.NONE);
            double[] duckTimes = new double[runs];
            double[] spikyTimes = new double[runs];
            double duckWarm = time(duck, st, true);
            double spikyWarm = time(spiky, st, false);
            System.out.printf(Locale.ROOT, "warm-up (not in the medians): duckdb %.3f s, spiky %.3f s%n", duckWarm, spikyWarm);
            for (int r = 0; r < runs; r++) {
                if (r % 2 == 0) {
                    duckTimes[r] = time(duck, st, true);
                    spikyTimes[r] = time(spiky, st, false);
                } else {
                    spikyTimes[r] = time(spiky, st, false);
                    duckTimes[r] = time(duck, st, true);
                }
                System.out.printf(Locale.ROOT, "run %d (%s first): duckdb %.3f s, spiky %.3f s%n", r + 1,
                        r % 2 == 0 ? "duckdb" : "spiky", duckTimes[r], spikyTimes[r]);
            }
            long duckPairsInTable = Long.parseLong(scalar(st, "SELECT count(*) FROM ppmi_result"));
            st.execute("DROP TABLE IF EXISTS ppmi_result");

            // --- The identity check: DuckDB's rows fetched, spiky's matrix read back. ---
            long t = System.nanoTime();
            Pairs reference = new Pairs();
            try (ResultSet rs = st.executeQuery(query)) {
                while (rs.next()) {
                    Integer a = indexOf.get(rs.getString(1));
                    Integer b = indexOf.get(rs.getString(2));
                    if (a == null || b == null) {
                        throw new IllegalStateException("DuckDB returned an unknown item: " + rs.getString(1) + ", " + rs.getString(2));
                    }
                    reference.add(keyRank[a], keyRank[b], rs.getLong(3), rs.getDouble(4));
                }
            }
            double fetchSeconds = (System.nanoTime() - t) / 1e9;
            PpmiResult result = last[0];
            Pairs ours = new Pairs();
            CsrMatrix m = result.matrix();
            int[] items = result.items();
            for (int row = 0; row < m.rows(); row++) {
                int a = items[row];
                for (long p = m.rowStart(row); p < m.rowEnd(row); p++) {
                    int b = items[m.column(p)];
                    if (keyRank[a] < keyRank[b]) {
                        ours.add(keyRank[a], keyRank[b], result.counts().get(p), m.value(p));
                    }
                }
            }
            Check check = compare(reference, ours, keys, keyRank);
            long keptDuck = reference.distinctItems(keys.length);

            double duckMedian = median(duckTimes);
            double spikyMedian = median(spikyTimes);
            System.out.printf(Locale.ROOT, "query + JDBC fetch of %,d rows (identity check, not in the medians): %.3f s%n",
                    reference.size, fetchSeconds);
            System.out.printf(Locale.ROOT, "spiky counters: co-occurring pairs %,d, c >= 2 %,d, after rank filter %,d, PMI > 0 %,d%n",
                    result.cooccurringPairs(), result.pairsAfterMinCount(), result.pairsAfterRank(), result.pairsPositive());
            System.out.printf(Locale.ROOT, "kept items: spiky %,d, duckdb %,d; pairs: spiky %,d, duckdb %,d (table %,d); nnz (both triangles) spiky %,d%n",
                    result.size(), keptDuck, ours.size, reference.size, duckPairsInTable, result.nnz());
            System.out.printf(Locale.ROOT, "identity: %s — pairs only in duckdb %d, only in spiky %d, count differences %d, "
                    + "PMI beyond %.0e relative %d, PMI bit-identical %,d of %,d, max relative PMI difference %.3e%n",
                    check.identical() ? "IDENTICAL" : "DIFFERENT", check.onlyReference, check.onlyOurs, check.countDiffs,
                    TOLERANCE, check.pmiDiffs, check.bitIdentical, check.common, check.maxRel);
            for (String example : check.examples) {
                System.out.println("  " + example);
            }
            System.out.printf(Locale.ROOT, "medians of %d runs: duckdb %.3f s, spiky %.3f s, ratio spiky/duckdb %.3f (spiky %.2fx %s)%n",
                    runs, duckMedian, spikyMedian, spikyMedian / duckMedian,
                    spikyMedian <= duckMedian ? duckMedian / spikyMedian : spikyMedian / duckMedian,
                    spikyMedian <= duckMedian ? "faster" : "slower");
            System.out.printf(Locale.ROOT, "ROW| %s | %,d | %,d | %,d | %,d | %,d | %s | %.3f | %s | %.3f | %.3f | %s |%n",
                    name, data.size(), data.itemCount(), data.contextCount(), result.size(), result.nnz(),
                    list(duckTimes), duckMedian, list(spikyTimes), spikyMedian, spikyMedian / duckMedian,
                    check.identical() ? String.format(Locale.ROOT, "identical (max rel. PMI diff %.1e)", check.maxRel) : "DIFFERENT");
            if (!check.identical()) {
                System.exit(2);
            }
        }
    }

    /** Runs one side after a collection, so neither pays for the other's garbage; seconds. */
    static double time(Runnable side, Statement st, boolean duckdb) throws Exception {
        if (duckdb) {
            st.execute("DROP TABLE IF EXISTS ppmi_result");
        }
        System.gc();
        long t = System.nanoTime();
        side.run();
        return (System.nanoTime() - t) / 1e9;
    }

    /** Item index → rank of its key: numeric when every key is an integer (as spiky stores ids), else by string. */
    static int[] keyRank(String[] keys, boolean numeric) {
        Integer[] order = new Integer[keys.length];
        for (int i = 0; i < keys.length; i++) {
            order[i] = i;
        }
        Comparator<Integer> byKey = numeric ? Comparator.comparingLong(i -> Long.parseLong(keys[i]))
                : Comparator.comparing(i -> keys[i]);
        Arrays.sort(order, byKey);
        int[] rank = new int[keys.length];
        for (int r = 0; r < keys.length; r++) {
            rank[order[r]] = r;
        }
        return rank;
    }

    static String scalar(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    static String list(double[] v) {
        StringBuilder b = new StringBuilder();
        for (double x : v) {
            b.append(b.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", x));
        }
        return b.toString();
    }

    /** Unordered pairs as (rank of t1, rank of t2) with t1 before t2, count, PMI. */
    static final class Pairs {
        int size;
        int[] r1 = new int[1 << 16];
        int[] r2 = new int[1 << 16];
        long[] count = new long[1 << 16];
        double[] pmi = new double[1 << 16];

        void add(int a, int b, long c, double v) {
            if (size == r1.length) {
                int cap = size * 2;
                r1 = Arrays.copyOf(r1, cap);
                r2 = Arrays.copyOf(r2, cap);
                count = Arrays.copyOf(count, cap);
                pmi = Arrays.copyOf(pmi, cap);
            }
            r1[size] = a;
            r2[size] = b;
            count[size] = c;
            pmi[size] = v;
            size++;
        }

        /** Positions in (r1, r2) order: bucketed by r1, each bucket sorted by r2. */
        int[] order(int n) {
            int[] start = new int[n + 1];
            for (int k = 0; k < size; k++) {
                start[r1[k] + 1]++;
            }
            for (int i = 0; i < n; i++) {
                start[i + 1] += start[i];
            }
            long[] packed = new long[size];
            int[] next = Arrays.copyOf(start, n);
            for (int k = 0; k < size; k++) {
                packed[next[r1[k]]++] = ((long) r2[k] << 32) | k;
            }
            for (int i = 0; i < n; i++) {
                Arrays.sort(packed, start[i], start[i + 1]);
            }
            int[] order = new int[size];
            for (int k = 0; k < size; k++) {
                order[k] = (int) packed[k];
            }
            return order;
        }

        long distinctItems(int n) {
            boolean[] seen = new boolean[n];
            for (int k = 0; k < size; k++) {
                seen[r1[k]] = true;
                seen[r2[k]] = true;
            }
            long m = 0;
            for (boolean s : seen) {
                m += s ? 1 : 0;
            }
            return m;
        }
    }

    static final class Check {
        long onlyReference;
        long onlyOurs;
        long countDiffs;
        long pmiDiffs;
        long bitIdentical;
        long common;
        double maxRel;
        List<String> examples = new ArrayList<>();

        boolean identical() {
            return onlyReference == 0 && onlyOurs == 0 && countDiffs == 0 && pmiDiffs == 0;
        }

        void example(String s) {
            if (examples.size() < 10) {
                examples.add(s);
            }
        }
    }

    /** Merges the two pair lists in (r1, r2) order. */
    static Check compare(Pairs ref, Pairs ours, String[] keys, int[] keyRank) {
        int n = keys.length;
        String[] keyOfRank = new String[n];
        for (int i = 0; i < n; i++) {
            keyOfRank[keyRank[i]] = keys[i];
        }
        for (int k = 0; k < ref.size; k++) {
            if (ref.r1[k] >= ref.r2[k]) {
                throw new IllegalStateException("DuckDB's pair (" + keyOfRank[ref.r1[k]] + ", " + keyOfRank[ref.r2[k]]
                        + ") is not in spiky's key order");
            }
        }
        int[] a = ref.order(n);
        int[] b = ours.order(n);
        Check check = new Check();
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            long ka = i < a.length ? ((long) ref.r1[a[i]] << 32) | ref.r2[a[i]] : Long.MAX_VALUE;
            long kb = j < b.length ? ((long) ours.r1[b[j]] << 32) | ours.r2[b[j]] : Long.MAX_VALUE;
            if (ka < kb) {
                check.onlyReference++;
                check.example("only in duckdb: (" + keyOfRank[ref.r1[a[i]]] + ", " + keyOfRank[ref.r2[a[i]]] + ") c=" + ref.count[a[i]]);
                i++;
            } else if (kb < ka) {
                check.onlyOurs++;
                check.example("only in spiky: (" + keyOfRank[ours.r1[b[j]]] + ", " + keyOfRank[ours.r2[b[j]]] + ") c=" + ours.count[b[j]]);
                j++;
            } else {
                int p = a[i++];
                int q = b[j++];
                check.common++;
                if (ref.count[p] != ours.count[q]) {
                    check.countDiffs++;
                    check.example("count differs: (" + keyOfRank[ref.r1[p]] + ", " + keyOfRank[ref.r2[p]] + ") duckdb "
                            + ref.count[p] + ", spiky " + ours.count[q]);
                }
                double x = ref.pmi[p];
                double y = ours.pmi[q];
                if (Double.doubleToLongBits(x) == Double.doubleToLongBits(y)) {
                    check.bitIdentical++;
                } else {
                    double rel = Math.abs(x - y) / Math.max(Math.abs(x), Math.abs(y));
                    check.maxRel = Math.max(check.maxRel, rel);
                    if (!(rel <= TOLERANCE)) {
                        check.pmiDiffs++;
                        check.example(String.format(Locale.ROOT, "PMI differs: (%s, %s) duckdb %.17g, spiky %.17g",
                                keyOfRank[ref.r1[p]], keyOfRank[ref.r2[p]], x, y));
                    }
                }
            }
        }
        return check;
    }
}
