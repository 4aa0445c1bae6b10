package spiky.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import spiky.InvalidInputException;
import spiky.algo.pipeline.PipelineConfig;
import spiky.config.ConfigReader;

/**
 * The job's settings: the pipeline's keys, read by PipelineConfig itself (same names, ranges,
 * defaults), less the two that only concern writing PPMI relationships in the database, plus
 * {@code partitions}, the number of partitions of the matrix and of every dense block.
 */
record JobSettings(PipelineConfig pipeline, int partitions) {
    static final List<String> KEYS;

    static {
        List<String> keys = new ArrayList<>(PipelineConfig.KEYS);
        keys.removeAll(List.of("writePpmi", "maxPpmiRelationships", "ppmiGraphTopK"));
        keys.add("partitions");
        KEYS = List.copyOf(keys);
    }

    static JobSettings from(Map<String, ?> map, int defaultPartitions) {
        ConfigReader c = new ConfigReader(map, KEYS);
        int partitions = c.intIn("partitions", defaultPartitions, 1, 1_000_000);
        Map<String, Object> rest = new LinkedHashMap<>(map);
        rest.remove("partitions");
        return new JobSettings(PipelineConfig.from(rest), partitions);
    }

    /**
     * A {@code -c key=value} value as the config map takes it: an integer, a decimal, a boolean, a
     * list of integers ({@code 16,32,64} or {@code [16,32,64]}), or else the text.
     */
    static Object value(String text) {
        String t = text.strip();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
            return list(t, text);
        }
        if (t.contains(",")) {
            return list(t, text);
        }
        if (t.equals("true") || t.equals("false")) {
            return Boolean.parseBoolean(t);
        }
        if (t.matches("[+-]?\\d{1,18}")) {
            return Long.parseLong(t);
        }
        if (t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
            return Double.parseDouble(t);
        }
        return t;
    }

    private static List<Long> list(String t, String original) {
        List<Long> out = new ArrayList<>();
        for (String part : t.split(",")) {
            String p = part.strip();
            if (!p.matches("[+-]?\\d{1,18}")) {
                throw InvalidInputException.of("-c: '" + original + "' is not a list of integers");
            }
            out.add(Long.parseLong(p));
        }
        return out;
    }

    /** Every setting by name, for run.json. */
    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>(pipeline.toMap());
        m.remove("writePpmi");
        m.remove("maxPpmiRelationships");
        m.remove("ppmiGraphTopK");
        m.put("partitions", (long) partitions);
        return m;
    }
}
