package dev.adversarial.gan.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.adversarial.gan.api.Rng;
import org.junit.jupiter.api.Test;

class FidTest {
    @Test
    void identicalSetsAreZeroApart() {
        float[] x = Gaussians.normal(new Rng(1), 2000, 16, 0.5, 1.0);
        Fid.Statistics s = Fid.Statistics.of(x, 2000, 16);
        assertThat(Fid.distance(s, s)).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void aShiftedCopyIsTheSquaredShiftApart() {
        // The same cloud moved by Δ has the same covariance, so FID is exactly |Δ|².
        int dim = 20;
        float[] x = Gaussians.normal(new Rng(2), 3000, dim, 0.0, 2.0);
        double[] shift = new double[dim];
        double want = 0;
        for (int k = 0; k < dim; k++) {
            shift[k] = 0.25 * (k % 5) - 0.4;
            want += shift[k] * shift[k];
        }
        Fid.Statistics a = Fid.Statistics.of(x, 3000, dim);
        Fid.Statistics b = Fid.Statistics.of(Gaussians.shifted(x, dim, shift), 3000, dim);
        assertThat(Fid.distance(a, b)).isCloseTo(want, within(1e-6 * want));
    }

    @Test
    void matchesTheClosedFormForGaussiansWithDiagonalCovariances() {
        // Diagonal C1 = diag(a), C2 = diag(b): FID = |Δμ|² + Σ (√a − √b)².
        double[] a = {1, 4, 0.25, 9}, b = {4, 1, 0.25, 0.01};
        Fid.Statistics s1 = new Fid.Statistics(4, 100, new double[] {0, 0, 0, 0}, diag(a));
        Fid.Statistics s2 = new Fid.Statistics(4, 100, new double[] {1, 0, -2, 0}, diag(b));
        double want = 1 + 4;
        for (int i = 0; i < 4; i++) {
            want += Math.pow(Math.sqrt(a[i]) - Math.sqrt(b[i]), 2);
        }
        assertThat(Fid.distance(s1, s2)).isCloseTo(want, within(1e-10));
    }

    @Test
    void matchesTheClosedFormForNonCommutingTwoByTwoCovariances() {
        // For 2x2: Tr (C1 C2)^½ = √(tr(C1 C2) + 2·√det(C1 C2)).
        double[] c1 = {2, 0.7, 0.7, 1}, c2 = {1, -0.4, -0.4, 3};
        double tr12 = c1[0] * c2[0] + c1[1] * c2[2] + c1[2] * c2[1] + c1[3] * c2[3];
        double det12 = (c1[0] * c1[3] - c1[1] * c1[2]) * (c2[0] * c2[3] - c2[1] * c2[2]);
        double want = (2 + 1) + (1 + 3) - 2 * Math.sqrt(tr12 + 2 * Math.sqrt(det12));
        Fid.Statistics s1 = new Fid.Statistics(2, 10, new double[2], c1);
        Fid.Statistics s2 = new Fid.Statistics(2, 10, new double[2], c2);
        assertThat(Fid.distance(s1, s2)).isCloseTo(want, within(1e-12));
        assertThat(Fid.distance(s2, s1)).isCloseTo(want, within(1e-12));
    }

    @Test
    void singularCovariancesStayReal() {
        // Rank-1 covariances (all features equal) must not produce NaN.
        Fid.Statistics s1 = new Fid.Statistics(2, 10, new double[2], new double[] {1, 1, 1, 1});
        Fid.Statistics s2 = new Fid.Statistics(2, 10, new double[2], new double[] {4, 4, 4, 4});
        // Both are multiples of the same rank-1 matrix: distance = (√2 − √8)² in the shared direction.
        assertThat(Fid.distance(s1, s2)).isCloseTo(Math.pow(Math.sqrt(2) - Math.sqrt(8), 2), within(1e-9));
    }

    @Test
    void covarianceIsTheUnbiasedOne() {
        float[] x = {1, 2, 3, 6, 5, 10};
        Fid.Statistics s = Fid.Statistics.of(x, 3, 2);
        assertThat(s.mean()).containsExactly(3.0, 6.0);
        // var of {1,3,5} = 4, var of {2,6,10} = 16, cov = 8 (divided by n − 1 = 2).
        assertThat(s.covariance()).containsExactly(4.0, 8.0, 8.0, 16.0);
    }

    @Test
    void refusesStatisticsOfDifferentDimension() {
        Fid.Statistics s1 = new Fid.Statistics(1, 10, new double[1], new double[] {1});
        Fid.Statistics s2 = new Fid.Statistics(2, 10, new double[2], new double[4]);
        assertThatThrownBy(() -> Fid.distance(s1, s2)).hasMessageContaining("different classifiers");
    }

    private static double[] diag(double[] v) {
        double[] m = new double[v.length * v.length];
        for (int i = 0; i < v.length; i++) {
            m[i * v.length + i] = v[i];
        }
        return m;
    }
}
