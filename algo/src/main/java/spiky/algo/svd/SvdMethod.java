package spiky.algo.svd;

import java.util.Arrays;
import java.util.Locale;
import spiky.InvalidInputException;

/**
 * How {@link TruncatedSvd} computes the truncated SVD of the symmetric PPMI matrix.
 *
 * <ul>
 *   <li>{@link #RANDOMIZED} reproduces scikit-learn's {@code randomized_svd} (Halko, Martinsson,
 *   Tropp 2011, with power iterations), the paper's reference: 2·powerIterations + 2 products of
 *   A with an n × (rank + oversampling) block.</li>
 *   <li>{@link #BLOCK_KRYLOV} is a block Lanczos method with full reorthogonalisation and a
 *   Rayleigh–Ritz step (see {@link TruncatedSvd}): far fewer matrix–vector products for singular
 *   values as accurate on the top and more accurate on the tail (measured in bench/RESULTS.md).</li>
 * </ul>
 */
public enum SvdMethod {
    RANDOMIZED("randomized"),
    BLOCK_KRYLOV("block-krylov");

    private final String configName;

    SvdMethod(String configName) {
        this.configName = configName;
    }

    /** The name used in configuration maps, the CLI and the run's record. */
    public String configName() {
        return configName;
    }

    /** Reads a configuration value: {@code randomized} or {@code block-krylov} (case-insensitive). */
    public static SvdMethod parse(String value) {
        if (value != null) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            for (SvdMethod method : values()) {
                if (method.configName.equals(v)) {
                    return method;
                }
            }
        }
        String shown = value == null ? "null" : "'" + value + "'";
        throw InvalidInputException.parameter("method", shown + " is not one of "
                + Arrays.stream(values()).map(SvdMethod::configName).toList());
    }

    @Override
    public String toString() {
        return configName;
    }
}
