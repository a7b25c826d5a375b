package dev.adversarial.gan.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.adversarial.gan.api.Rng;
import org.junit.jupiter.api.Test;

class KidTest {
    @Test
    void mmdMatchesTheDefinitionComputedPairByPair() {
        Rng rng = new Rng(3);
        int m = 40, d = 7;
        float[] x = Gaussians.normal(rng, m, d, 0, 1), y = Gaussians.normal(rng, m, d, 0.3, 1.2);
        double xx = 0, yy = 0, xy = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                if (i != j) {
                    xx += k(x, i, x, j, d);
                    yy += k(y, i, y, j, d);
                }
                xy += k(x, i, y, j, d);
            }
        }
        double want = xx / (m * (m - 1.0)) + yy / (m * (m - 1.0)) - 2 * xy / ((double) m * m);
        assertThat(Kid.mmd2(x, y, m, d)).isCloseTo(want, within(1e-12 * Math.abs(want) + 1e-15));
    }

    private static double k(float[] a, int i, float[] b, int j, int d) {
        double dot = 0;
        for (int p = 0; p < d; p++) {
            dot += (double) a[i * d + p] * b[j * d + p];
        }
        return Math.pow(dot / d + 1, 3);
    }

    @Test
    void identicalSetsScoreZero() {
        // The same features on both sides. Subsets are drawn independently, so a point can sit in
        // both and the estimate is zero only up to O(1/m) terms: tiny next to a small real shift.
        int d = 8;
        float[] x = Gaussians.normal(new Rng(4), 2000, d, 0.5, 1);
        Kid.Result same = Kid.compute(x, 2000, x, 2000, d, 20, 500, new Rng(5));
        double[] shift = new double[d];
        java.util.Arrays.fill(shift, 0.25);
        Kid.Result moved = Kid.compute(x, 2000, Gaussians.shifted(x, d, shift), 2000, d, 20, 500, new Rng(5));
        assertThat(Math.abs(same.mean())).isLessThan(0.02 * moved.mean()).isLessThan(2 * same.std());
        assertThat(same.subsetSize()).isEqualTo(500);
    }

    @Test
    void shiftedSetsScoreClearlyAboveZeroAndMoreForLargerShifts() {
        Rng rng = new Rng(6);
        int d = 8;
        float[] x = Gaussians.normal(rng, 2000, d, 0, 1);
        float[] near = Gaussians.normal(rng, 2000, d, 0.2, 1);
        float[] far = Gaussians.normal(rng, 2000, d, 1.0, 1);
        Kid.Result a = Kid.compute(x, 2000, near, 2000, d, 20, 500, new Rng(7));
        Kid.Result b = Kid.compute(x, 2000, far, 2000, d, 20, 500, new Rng(7));
        assertThat(a.mean()).isGreaterThan(5 * a.std() / Math.sqrt(20));
        assertThat(b.mean()).isGreaterThan(10 * a.mean());
    }

    @Test
    void subsetSizeIsCappedAtTheSmallerSet() {
        float[] x = Gaussians.normal(new Rng(8), 50, 3, 0, 1), y = Gaussians.normal(new Rng(9), 30, 3, 0, 1);
        assertThat(Kid.compute(x, 50, y, 30, 3, 2, 1000, new Rng(9)).subsetSize()).isEqualTo(30);
    }
}
