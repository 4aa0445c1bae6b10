package spiky.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import spiky.algo.dcbm.DcbmConfig;
import spiky.algo.dcbm.DcbmGenerator;
import spiky.algo.ppmi.PpmiConfig;
import spiky.algo.ppmi.RankRule;
import spiky.data.Interactions;
import spiky.data.InteractionsBuilder;

/** The Spark PPMI matrix against spiky-algo's Ppmi on the same data: the same pairs, counts, and weights within 1e-12. */
class PpmiFramesTest {
    /** The shared MovieLens 100K file: under -Dspiky.shared, else in the nearest shared/ folder above the working folder. */
    private static final Path ML_100K = sharedFile("datasets/ml-100k/u.data");

    private static Path sharedFile(String relative) {
        String property = System.getProperty("spiky.shared");
        if (property != null && !property.isBlank()) {
            return Path.of(property).resolve(relative);
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir.getParent() != null && !Files.exists(dir.resolve("shared").resolve(relative))) {
            dir = dir.getParent();
        }
        return dir.resolve("shared").resolve(relative);
    }

    @TempDir
    Path dir;

    static Interactions dcbm(int items, int contexts, long seed) {
        return new DcbmGenerator(new DcbmConfig(4, items, contexts, 0.1, 1.5, 1.0, 5, 25, seed), spiky.Progress.NONE).generate().interactions();
    }

    @Test
    void sqlRuleMatchesSpikyPairForPairOnIntegerIdsWithATightTopK() throws IOException {
        Interactions d = dcbm(300, 800, 7);
        Path csv = Reference.writeCsv(d, dir.resolve("dcbm.csv.gz"), "");
        // topK 20 cuts most rows, so ranking and the ties by partner key decide what stays.
        assertSamePairs(d, csv, "", new PpmiConfig(2, 20, RankRule.SQL), null);
    }

    @Test
    void sqlRuleUsesStringOrderWhenIdsAreNotAllIntegers() throws IOException {
        Interactions d = prefixed(dcbm(300, 800, 8), "x");
        Path csv = Reference.writeCsv(d, dir.resolve("dcbm-strings.csv"), "");
        // "x10" < "x9": string order, not numeric, decides the ties and the SQL rule's sides.
        assertSamePairs(d, csv, "", new PpmiConfig(2, 15, RankRule.SQL), null);
    }

    @Test
    void mutualRuleMatchesSpiky() throws IOException {
        Interactions d = dcbm(300, 800, 9);
        Path csv = Reference.writeCsv(d, dir.resolve("dcbm.csv"), "");
        assertSamePairs(d, csv, "", new PpmiConfig(3, 25, RankRule.MUTUAL), null);
    }

    @Test
    void untilKeepsTheDatasetAsItWasThen() throws IOException {
        Interactions d = dcbm(300, 800, 10);
        Path csv = Reference.writeCsv(d, dir.resolve("dcbm.csv"), "");
        long until = DcbmGenerator.FIRST_TIMESTAMP + 500 * DcbmGenerator.CONTEXT_INTERVAL;
        assertSamePairs(d, csv, "", new PpmiConfig(2, 2000, RankRule.SQL), until);
    }

    @Test
    void parquetInputGivesTheSameMatrix() throws IOException {
        Interactions d = dcbm(300, 800, 12);
        Path csv = Reference.writeCsv(d, dir.resolve("dcbm.csv"), "");
        // The same rows as Parquet, integer ids as numbers, in the file's order.
        Path parquet = dir.resolve("dcbm.parquet");
        LocalSpark.session().read().option("header", "true").schema("item LONG, context LONG, timestamp LONG").csv(csv.toString())
                .coalesce(1).write().parquet(parquet.toString());
        assertSamePairs(d, parquet, "", new PpmiConfig(2, 20, RankRule.SQL), null);
    }

    @Test
    void ml100kIsIdenticalPairForPair() throws IOException {
        assumeTrue(Files.exists(ML_100K), "skipped: " + ML_100K + " is absent (the shared MovieLens 100K dataset)");
        InteractionsBuilder b = new InteractionsBuilder();
        try (BufferedReader r = Files.newBufferedReader(ML_100K)) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split("\t");
                b.add(f[1], f[0], Long.parseLong(f[3]), Double.parseDouble(f[2]));
            }
        }
        Interactions d = b.build();
        Path csv = Reference.writeCsv(d, dir.resolve("ml-100k.csv.gz"), "");
        Map<String, double[]> expected = assertSamePairs(d, csv, "", PpmiConfig.DEFAULTS, null);
        assertEquals(636_481, expected.size(), "ml-100k's default PPMI set: 636,481 pairs (README)");
    }

    static Interactions prefixed(Interactions d, String prefix) {
        String[] keys = java.util.Arrays.stream(d.itemKeys()).map(k -> prefix + k).toArray(String[]::new);
        return new Interactions(keys, d.itemNames(), d.contextKeys(), d.itemOf(), d.contextOf(), d.timestamps(), d.weights(),
                d.itemTruth(), d.rowsRead(), d.rowsSkipped());
    }

    /** Runs both and compares; returns spiky's pairs. */
    private Map<String, double[]> assertSamePairs(Interactions d, Path csv, String prefix, PpmiConfig config, Long until) {
        Map<String, double[]> expected = new HashMap<>();
        Reference.ppmi(d, until, config).forEach((k, v) -> {
            String[] ab = k.split(" ");
            expected.put(prefix + ab[0] + " " + prefix + ab[1], v);
        });
        assertFalse(expected.isEmpty(), "the reference keeps pairs");
        PpmiFrames.Result r = PpmiFrames.compute(LocalSpark.session(), InteractionInput.read(LocalSpark.session(), csv.toString()), config, until);
        assertEquals(spiky.data.IdType.allIntegers(d.itemKeys()), r.integerIds());
        Map<Long, String> ids = new HashMap<>();
        for (Row row : r.items().collectAsList()) {
            ids.put(row.getLong(1), row.getString(0));
        }
        List<Row> pairs = r.pairs().collectAsList();
        assertEquals(pairs.size(), r.pairsPositive());
        Map<String, double[]> actual = new HashMap<>();
        for (Row p : pairs) {
            actual.put(ids.get(p.getLong(0)) + " " + ids.get(p.getLong(1)), new double[] {p.getLong(2), p.getDouble(3)});
        }
        TreeSet<String> missing = new TreeSet<>(expected.keySet());
        missing.removeAll(actual.keySet());
        TreeSet<String> extra = new TreeSet<>(actual.keySet());
        extra.removeAll(expected.keySet());
        if (!missing.isEmpty() || !extra.isEmpty()) {
            fail(missing.size() + " pairs missing (e.g. " + missing.stream().limit(5).toList() + "), " + extra.size()
                    + " extra (e.g. " + extra.stream().limit(5).toList() + ") of " + expected.size());
        }
        double worst = 0;
        for (var e : expected.entrySet()) {
            double[] a = actual.get(e.getKey());
            assertEquals(e.getValue()[0], a[0], 0.0, () -> "count of " + e.getKey());
            worst = Math.max(worst, Math.abs(e.getValue()[1] - a[1]));
        }
        assertTrue(worst <= 1e-12, "largest weight difference " + worst);
        return expected;
    }
}
