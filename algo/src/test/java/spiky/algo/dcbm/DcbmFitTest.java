package spiky.algo.dcbm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DcbmFitTest {
    /** Groups {0, 1, 2} and {3, 4}, plus item 5 alone in group 2 without edges. */
    private static DcbmFit.Input small() {
        return new DcbmFit.Input(3, new int[] {0, 0, 0, 1, 1, 2}, new double[] {3, 2, 1, 5, 4, 1},
                new int[] {0, 1, 0, 3}, new int[] {1, 2, 3, 4}, new double[] {2, 1, 1, 3});
    }

    @Test
    void estimatesFollowTheClosedForms() {
        DcbmFit.Result fit = DcbmFit.fit(small(), 10);
        // k = 3, 3, 1, 4, 3, 0; kappa = 7, 7, 0; 2m = 14; inside groups 2 * (2 + 1 + 3) = 12.
        assertEquals(4, fit.edges());
        assertEquals(14, fit.twoM(), 1e-12);
        assertEquals(12.0 / 14, fit.withinShare(), 1e-12);
        assertArrayEquals(new double[] {3.0 / 7, 3.0 / 7, 1.0 / 7, 4.0 / 7, 3.0 / 7, Double.NaN}, fit.theta(), 1e-12);
        assertEquals(7, fit.blocks()[0].kappa(), 1e-12);
        assertEquals(3, fit.blocks()[0].size());
        // Largest first: sizes 3, 2, 1.
        assertArrayEquals(new int[] {0, 1, 2}, fit.largest());
        double[][] b = fit.blockMatrix();
        assertEquals(6.0 * 14 / 49, b[0][0], 1e-12); // m_00 = 2 * (2 + 1)
        assertEquals(1.0 * 14 / 49, b[0][1], 1e-12);
        assertEquals(b[0][1], b[1][0], 0);
        assertEquals(6.0 * 14 / 49, b[1][1], 1e-12);
        assertTrue(Double.isNaN(b[2][0]) && Double.isNaN(b[0][2]), "a group without weight has no B");
        assertTrue(Double.isNaN(fit.blocks()[2].spearmanNormTheta()));
        // Group 1 has two items whose norm and theta rise together.
        assertEquals(1.0, fit.blocks()[1].spearmanNormTheta(), 1e-12);
        // Only group 0 has three items: norms 3, 2, 1 against theta 3, 3, 1 (ties averaged).
        assertEquals(fit.blocks()[0].spearmanNormTheta(), fit.meanSpearmanNormTheta(), 1e-12);
    }

    @Test
    void rowsOfBWeightedByKappaSumToTwoM() {
        Random random = new Random(11);
        int n = 300;
        int groups = 6;
        int[] group = new int[n];
        double[] norm = new double[n];
        for (int i = 0; i < n; i++) {
            group[i] = random.nextInt(groups);
            norm[i] = random.nextDouble();
        }
        int edges = 2000;
        int[] from = new int[edges];
        int[] to = new int[edges];
        double[] w = new double[edges];
        for (int e = 0; e < edges; e++) {
            from[e] = random.nextInt(n);
            to[e] = (from[e] + 1 + random.nextInt(n - 1)) % n;
            w[e] = 1 + random.nextInt(9);
        }
        DcbmFit.Result fit = DcbmFit.fit(new DcbmFit.Input(groups, group, norm, from, to, w), groups);
        for (int r = 0; r < groups; r++) {
            double sum = 0;
            for (int s = 0; s < groups; s++) {
                sum += fit.blockMatrix()[r][s] * fit.blocks()[fit.largest()[s]].kappa();
            }
            assertEquals(fit.twoM(), sum, 1e-9 * fit.twoM(), "row " + r);
        }
        double thetaSum = 0;
        for (int i = 0; i < n; i++) {
            thetaSum += group[i] == 0 ? fit.theta()[i] : 0;
        }
        assertEquals(1, thetaSum, 1e-12, "theta sums to 1 inside a group");
    }

    @Test
    void largestBreaksTiesByGroupIndexAndStopsAtTheCap() {
        assertArrayEquals(new int[] {1, 3, 0}, DcbmFit.largest(new int[] {2, 5, 1, 5}, 3));
        assertEquals(2, DcbmFit.fit(small(), 2).blockMatrix().length);
    }

    @Test
    void refusesGroupsOutOfRange() {
        assertThrows(IllegalArgumentException.class,
                () -> new DcbmFit.Input(2, new int[] {0, 2}, new double[2], new int[0], new int[0], new double[0]));
    }
}
