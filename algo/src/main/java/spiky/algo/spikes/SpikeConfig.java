package spiky.algo.spikes;

import java.util.List;
import java.util.Objects;

/**
 * How Spk is measured.
 *
 * @param dims     the f' at which Spk is measured, each on the first f' columns of E; each must be
 *                 in [1, E.cols()] (checked by {@link SpikeCover#compute}, which knows E)
 * @param cosTheta a peak covers the uncovered items whose cosine with it is strictly above this;
 *                 in (-1, 1)
 * @param rho      the cover stops as soon as more than rho·n items are covered; in (0, 1]
 */
public record SpikeConfig(List<Integer> dims, double cosTheta, double rho) {
    public static final SpikeConfig DEFAULTS = new SpikeConfig(List.of(16, 32, 64, 128), 0.9, 0.5);

    /** Argument checks; the user-facing keys and their ranges are in spiky.algo.pipeline.PipelineSettings. */
    public SpikeConfig {
        dims = List.copyOf(Objects.requireNonNull(dims, "dims"));
        for (int f : dims) {
            if (f < 1) {
                throw new IllegalArgumentException("dims must be positive, got " + f);
            }
        }
        SpikeCover.checkCosTheta(cosTheta);
        SpikeCover.checkRho(rho);
    }
}
