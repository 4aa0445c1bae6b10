package spiky.proc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import spiky.algo.spikes.SpikeLevel;

/** Result values shared by the procedures: the Spk table as rows {f, peaks, n, covered, spk}, arrays as lists. */
final class SpkRows {
    private SpkRows() {}

    static List<Map<String, Object>> of(List<SpikeLevel> levels) {
        List<Map<String, Object>> spk = new ArrayList<>();
        for (SpikeLevel level : levels) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("f", (long) level.f());
            m.put("peaks", (long) level.peaks());
            m.put("n", (long) level.n());
            m.put("covered", (long) level.covered());
            m.put("spk", level.spk());
            spk.add(m);
        }
        return spk;
    }

    static List<Double> list(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(v);
        }
        return out;
    }
}
