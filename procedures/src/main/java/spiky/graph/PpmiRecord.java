package spiky.graph;

import static spiky.graph.GraphModel.RUN;

import java.util.LinkedHashMap;
import java.util.Map;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.Transaction;
import spiky.algo.ppmi.PpmiConfig;
import spiky.algo.ppmi.PpmiResult;
import spiky.algo.ppmi.RankRule;

/**
 * What the Dataset node records about its current PPMI relationships: which write made them
 * ({@code ppmiRun}, also the {@code run} property of each relationship), which procedure, with which
 * PPMI settings, and the pair counts after each filter. spiky.svd.write copies it into its run so
 * that a run always says which PPMI matrix it embeds. No timestamp: the HTTP API serialises the
 * Dataset node's properties as they are, and the write's time is that of its run or tag anyway.
 *
 * @param tag the id of the write: an EmbeddingRun id when spiky.pipeline wrote them,
 *            "&lt;dataset&gt;-ppmi-&lt;N&gt;" when spiky.ppmi.write did
 */
public record PpmiRecord(String tag, String source, PpmiConfig config, long items, long pairs, long cooccurringPairs,
        long pairsAfterMinCount, long pairsAfterRank, long digest) {

    /** @param digest the set's {@link PpmiDigest} */
    public static PpmiRecord of(String tag, String source, PpmiConfig config, PpmiResult ppmi, long digest) {
        return new PpmiRecord(tag, source, config, ppmi.size(), ppmi.nnz() / 2, ppmi.cooccurringPairs(), ppmi.pairsAfterMinCount(),
                ppmi.pairsAfterRank(), digest);
    }

    /** Sets the record on the Dataset node (in the caller's transaction). */
    void writeTo(Node dataset) {
        dataset.setProperty("ppmiRun", tag);
        dataset.setProperty("ppmiSource", source);
        dataset.setProperty("ppmiMinCount", (long) config.minCount());
        dataset.setProperty("ppmiTopK", (long) config.topK());
        dataset.setProperty("ppmiRankRule", config.rankRule().configName());
        dataset.setProperty("ppmiItems", items);
        dataset.setProperty("ppmiPairs", pairs);
        dataset.setProperty("ppmiCooccurringPairs", cooccurringPairs);
        dataset.setProperty("ppmiPairsAfterMinCount", pairsAfterMinCount);
        dataset.setProperty("ppmiPairsAfterRank", pairsAfterRank);
        // Hex text, not a 64-bit integer that JSON readers would round.
        dataset.setProperty("ppmiDigest", Long.toHexString(digest));
    }

    /**
     * The record of a Dataset node whose ppmiRun is set. A database written before the record
     * existed has only ppmiRun, naming a pipeline run: its parameters and counts come from that run.
     */
    static PpmiRecord readFrom(Transaction tx, Node dataset) {
        String tag = (String) dataset.getProperty("ppmiRun");
        Node source = dataset;
        String prefix = "ppmi";
        if (!dataset.hasProperty("ppmiMinCount")) {
            source = tx.findNode(RUN, "id", tag);
            prefix = "";
            if (source == null) {
                return null;
            }
        }
        PpmiConfig config = new PpmiConfig(
                (int) number(source, key(prefix, "minCount")),
                (int) number(source, key(prefix, "topK")),
                RankRule.parse((String) source.getProperty(key(prefix, "rankRule"))));
        return new PpmiRecord(tag, (String) dataset.getProperty("ppmiSource", "spiky.pipeline"), config,
                prefix.isEmpty() ? number(source, "n") : number(source, "ppmiItems"),
                prefix.isEmpty() ? number(source, "pairsPositive") : number(source, "ppmiPairs"),
                number(source, key(prefix, "cooccurringPairs")),
                number(source, key(prefix, "pairsAfterMinCount")),
                number(source, key(prefix, "pairsAfterRank")),
                dataset.getProperty("ppmiDigest", null) instanceof String hex ? Long.parseUnsignedLong(hex, 16) : 0L);
    }

    private static String key(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    private static long number(Node node, String key) {
        return ((Number) node.getProperty(key, -1L)).longValue();
    }

    /** The parameters and counts that a run embedding this PPMI records, by the names spiky.pipeline's runs use. */
    public Map<String, Object> runProperties() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("minCount", (long) config.minCount());
        m.put("topK", (long) config.topK());
        m.put("rankRule", config.rankRule().configName());
        m.put("ppmiRun", tag);
        m.put("cooccurringPairs", cooccurringPairs);
        m.put("pairsAfterMinCount", pairsAfterMinCount);
        m.put("pairsAfterRank", pairsAfterRank);
        m.put("pairsPositive", pairs);
        return m;
    }
}
