package spiky.spark;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import spiky.algo.ppmi.PpmiConfig;
import spiky.algo.ppmi.PpmiResult;
import spiky.algo.ppmi.Ppmi;
import spiky.data.IdType;
import spiky.data.Interactions;

/**
 * spiky's own in-process computation, as the database pipeline feeds it: items in import order
 * (first appearance, the node-id order DatasetReader reads), key ranks numeric when every id is an
 * integer, an until keeping interactions whose (earliest) timestamp is at most it, N the contexts
 * holding a kept interaction. Also writes an Interactions as the csv interchange.
 */
final class Reference {
    private Reference() {}

    /** The dataset as DatasetReader hands it to the algorithms. */
    record Arrays4(String[] itemKeys, int[] keyRank, int contexts, int[] itemOf, int[] contextOf) {}

    static Arrays4 arrays(Interactions d, Long until) {
        int n = d.itemCount();
        int[] itemOf = new int[d.size()];
        int[] contextOf = new int[d.size()];
        int[] contextIndex = new int[d.contextCount()];
        Arrays.fill(contextIndex, -1);
        int contexts = 0;
        int k = 0;
        for (int e = 0; e < d.size(); e++) {
            if (until != null && (d.timestamps() == null || d.timestamps()[e] > until)) {
                continue;
            }
            int c = d.contextOf()[e];
            if (contextIndex[c] < 0) {
                contextIndex[c] = contexts++;
            }
            itemOf[k] = d.itemOf()[e];
            contextOf[k] = contextIndex[c];
            k++;
        }
        return new Arrays4(d.itemKeys(), keyRank(d.itemKeys()), contexts, Arrays.copyOf(itemOf, k), Arrays.copyOf(contextOf, k));
    }

    static int[] keyRank(String[] keys) {
        boolean numeric = IdType.allIntegers(keys);
        Integer[] order = new Integer[keys.length];
        for (int i = 0; i < keys.length; i++) {
            order[i] = i;
        }
        Comparator<Integer> byKey = numeric ? Comparator.comparingLong(i -> Long.parseLong(keys[i])) : Comparator.comparing(i -> keys[i]);
        Arrays.sort(order, byKey);
        int[] rank = new int[keys.length];
        for (int r = 0; r < order.length; r++) {
            rank[order[r]] = r;
        }
        return rank;
    }

    /** spiky's PPMI as "itemA itemB" (A before B in key order) → {count, weight}. */
    static Map<String, double[]> ppmi(Interactions d, Long until, PpmiConfig config) {
        Arrays4 a = arrays(d, until);
        PpmiResult r = Ppmi.compute(a.itemKeys().length, a.contexts(), a.itemOf(), a.contextOf(), a.keyRank(), config, 2, null,
                spiky.algo.Termination.NONE);
        Map<String, double[]> pairs = new HashMap<>();
        for (int row = 0; row < r.size(); row++) {
            int ia = r.items()[row];
            for (long p = r.matrix().rowStart(row); p < r.matrix().rowStart(row + 1); p++) {
                int ib = r.items()[r.matrix().column(p)];
                if (a.keyRank()[ia] < a.keyRank()[ib]) {
                    pairs.put(a.itemKeys()[ia] + " " + a.itemKeys()[ib], new double[] {r.counts().get(p), r.matrix().value(p)});
                }
            }
        }
        return pairs;
    }

    /** The csv interchange (item,context,timestamp[,weight]), gzip when the name ends in .gz; ids prefixed when asked. */
    static Path writeCsv(Interactions d, Path file, String itemPrefix) throws IOException {
        var out = Files.newOutputStream(file);
        try (Writer w = new BufferedWriter(new OutputStreamWriter(file.toString().endsWith(".gz") ? new GZIPOutputStream(out) : out,
                StandardCharsets.UTF_8))) {
            boolean weights = d.weights() != null;
            w.write(weights ? "item,context,timestamp,weight\n" : "item,context,timestamp\n");
            for (int e = 0; e < d.size(); e++) {
                w.write(itemPrefix + d.itemKeys()[d.itemOf()[e]]);
                w.write(',');
                w.write(d.contextKeys()[d.contextOf()[e]]);
                w.write(',');
                w.write(d.timestamps() == null ? "" : Long.toString(d.timestamps()[e]));
                if (weights) {
                    w.write(',');
                    w.write(Double.isNaN(d.weights()[e]) ? "" : Double.toString(d.weights()[e]));
                }
                w.write('\n');
            }
        }
        return file;
    }
}
