package spiky.algo.spikes;

import java.util.List;

/**
 * @param dims     the f' at which Spk is measured (first f' columns of E)
 * @param cosTheta a peak covers points with cosine strictly above it
 * @param rho      stop once more than rho·n points are covered
 */
public record SpikeConfig(List<Integer> dims, double cosTheta, double rho) {
    public static final SpikeConfig DEFAULTS = new SpikeConfig(List.of(16, 32, 64, 128), 0.9, 0.5);

    public SpikeConfig {
        dims = List.copyOf(dims);
    }
}
