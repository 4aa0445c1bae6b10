package spiky.algo.stats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.junit.jupiter.api.Test;

/** Against Commons Math's implementations, with ties, and the degenerate cases. */
class CorrelationTest {
    @Test
    void matchesCommonsMathWithAndWithoutTies() {
        SplittableRandom r = new SplittableRandom(11);
        for (int round = 0; round < 40; round++) {
            int n = 3 + r.nextInt(200);
            double[] x = new double[n];
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = round % 2 == 0 ? r.nextGaussian() : r.nextInt(5); // odd rounds: many ties
                y[i] = 0.5 * x[i] + r.nextGaussian();
            }
            assertEquals(new PearsonsCorrelation().correlation(x, y), Correlation.pearson(x, y), 1e-12, "round " + round);
            assertEquals(new SpearmansCorrelation().correlation(x, y), Correlation.spearman(x, y), 1e-12, "round " + round);
        }
    }

    @Test
    void ranksAverageTiesAndMonotoneMapsGiveOne() {
        assertArrayEquals(new double[] {1, 2.5, 2.5, 4}, Correlation.ranks(new double[] {1, 2, 2, 3}));
        double[] x = {1, 2, 3, 4, 5};
        double[] y = {1, 2, 3, 4, 100};
        assertEquals(1.0, Correlation.spearman(x, y), 1e-15);
        assertTrue(Correlation.pearson(x, y) < 0.9, "not linear");
        assertTrue(Double.isNaN(Correlation.pearson(new double[] {1}, new double[] {2})));
        assertTrue(Double.isNaN(Correlation.spearman(new double[] {1, 1, 1}, new double[] {1, 2, 3})));
    }
}
