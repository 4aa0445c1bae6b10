package spiky.server.cli;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The terminal summary of a pipeline run. */
final class PipelineReport {
    private PipelineReport() {}

    @SuppressWarnings("unchecked")
    static String describe(Map<String, Object> row) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "Run %s of '%s': %,d items embedded, %,d PPMI non-zeros, rank %d (%s), %,d PPMI relationships written%n",
                row.get("runId"), row.get("dataset"), row.get("n"), row.get("nnz"), row.get("rank"), row.get("method"), row.get("ppmiRelationships")));
        List<Double> sigma = (List<Double>) row.get("singularValues");
        b.append(String.format(Locale.ROOT, "  singular values: %.2f, %.2f, %.2f ... %.2f%n", sigma.get(0), sigma.get(Math.min(1, sigma.size() - 1)),
                sigma.get(Math.min(2, sigma.size() - 1)), sigma.get(sigma.size() - 1)));
        for (Map<String, Object> level : (List<Map<String, Object>>) row.get("spk")) {
            b.append(String.format(Locale.ROOT, "  Spk@%-4d %.5f  (%,d peaks cover %,d of %,d items)%n",
                    level.get("f"), level.get("spk"), level.get("peaks"), level.get("covered"), level.get("n")));
        }
        b.append("  milliseconds: ").append(row.get("millis"));
        Object peak = row.get("peakHeapBytes");
        if (peak instanceof Map<?, ?> stages) {
            b.append(String.format(Locale.ROOT, "%n  peak heap (MiB):"));
            stages.forEach((stage, bytes) -> b.append(String.format(Locale.ROOT, " %s=%d", stage, ((Number) bytes).longValue() >> 20)));
        }
        return b.toString();
    }
}
