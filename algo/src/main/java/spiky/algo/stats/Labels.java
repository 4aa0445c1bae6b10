package spiky.algo.stats;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Arbitrary group labels (strings, numbers, null) as dense ints 0..k-1 in order of first appearance. */
public final class Labels {
    private Labels() {}

    /**
     * Equal values get equal ints; null is a group of its own (for spikes: the uncovered items).
     * Numbers compare by value across types (1 and 1.0 are the same group).
     */
    public static int[] dense(List<?> values) {
        Map<Object, Integer> ids = new HashMap<>();
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.computeIfAbsent(key(values.get(i)), k -> ids.size());
        }
        return out;
    }

    private static Object key(Object v) {
        if (v == null) {
            return Labels.class; // a key no label can equal
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 0x1p53 ? (Object) (long) d : (Object) d;
        }
        return v;
    }
}
