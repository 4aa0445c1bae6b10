package spiky.algo.similar;

import java.util.List;

/** What "similar" means: the cosine of the angle, or the plain dot product (which favours long vectors). */
public enum Metric {
    COSINE("cosine"),
    DOT("dot");

    public static final List<String> NAMES = List.of(COSINE.label, DOT.label);

    public final String label;

    Metric(String label) {
        this.label = label;
    }

    /** The metric named {@code name}, or null when it names none (the caller words the error). */
    public static Metric byName(String name) {
        for (Metric m : values()) {
            if (m.label.equals(name)) {
                return m;
            }
        }
        return null;
    }
}
