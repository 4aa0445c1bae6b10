package spiky.algo.svd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What a refused SVD proposes instead (TruncatedSvd.fittingSettings), at the MPD's size. */
class SvdFitsTest {
    private static final int N = 2_081_724;
    private static final long NNZ = 600_000_000L;

    @Test
    void proposesTheLargestPowerIterationsWhoseBasisFits() {
        SvdConfig config = SvdConfig.DEFAULTS;
        long atThree = TruncatedSvd.estimateBytes(N, NNZ, withQ(config, 3));
        long atFour = TruncatedSvd.estimateBytes(N, NNZ, withQ(config, 4));
        assertTrue(atThree < atFour && atFour < TruncatedSvd.estimateBytes(N, NNZ, config));
        String s = TruncatedSvd.fittingSettings(N, NNZ, config, atFour - 1);
        BlockKrylovSvd.Plan plan = BlockKrylovSvd.plan(withQ(config, 3), N);
        assertTrue(s.startsWith("It fits with powerIterations: 3 (a Krylov basis of " + (long) plan.blocks() * plan.blockSize()
                + " columns"), s);
        assertTrue(s.contains("or with method: 'randomized'"), s);
        assertTrue(TruncatedSvd.fittingSettings(N, NNZ, config, atFour).startsWith("It fits with powerIterations: 4 "));
    }

    @Test
    void proposesTheRandomizedMethodWhenNoBasisFits() {
        SvdConfig config = SvdConfig.DEFAULTS;
        long randomized = TruncatedSvd.estimateBytes(N, NNZ, config.withMethod(SvdMethod.RANDOMIZED));
        assertTrue(randomized < TruncatedSvd.estimateBytes(N, NNZ, withQ(config, 0)));
        assertEquals("It fits with method: 'randomized' (about " + spiky.algo.MemoryGuard.human(randomized) + "; the paper's method, many more products).",
                TruncatedSvd.fittingSettings(N, NNZ, config, randomized));
    }

    @Test
    void saysNothingWhenNothingFits() {
        assertNull(TruncatedSvd.fittingSettings(N, NNZ, SvdConfig.DEFAULTS, 1L << 30));
        assertNull(TruncatedSvd.fittingSettings(N, NNZ, SvdConfig.DEFAULTS.withMethod(SvdMethod.RANDOMIZED), 1L << 30));
    }

    private static SvdConfig withQ(SvdConfig c, int q) {
        return new SvdConfig(c.rank(), c.oversampling(), q, c.seed(), c.method());
    }
}
