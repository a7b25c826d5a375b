package dev.adversarial.gan.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.adversarial.gan.api.Rng;
import org.junit.jupiter.api.Test;

class GaussianMixture1DTest {
    /** Trapezoid rule over [lo, hi]; fine enough for densities whose narrowest std is 0.3. */
    private static double integrate(GaussianMixture1D g, double lo, double hi, int steps) {
        double h = (hi - lo) / steps, s = 0.5 * (g.density(lo) + g.density(hi));
        for (int i = 1; i < steps; i++) {
            s += g.density(lo + i * h);
        }
        return s * h;
    }

    @Test
    void densityIntegratesToOne() {
        GaussianMixture1D g = new GaussianMixture1D(new double[] {-3, 0.5, 4}, new double[] {0.3, 1, 0.7},
                new double[] {1, 2, 1});
        assertThat(integrate(g, -12, 12, 20_000)).isCloseTo(1.0, within(1e-6));
        assertThat(integrate(GaussianMixture1D.figure1Default(), -8, 8, 20_000)).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void densityMatchesTheClosedFormAndLogDensityAgrees() {
        GaussianMixture1D single = GaussianMixture1D.gaussian(1, 2);
        assertThat(single.density(1)).isCloseTo(1 / (2 * Math.sqrt(2 * Math.PI)), within(1e-12));
        GaussianMixture1D g = GaussianMixture1D.figure1Default();
        for (double x : new double[] {-3, -2, 0, 0.7, 2.5}) {
            assertThat(g.logDensity(x)).isCloseTo(Math.log(g.density(x)), within(1e-9));
        }
        // Far in the tail the density underflows to 0 but the log density stays finite.
        assertThat(g.density(60)).isZero();
        assertThat(g.logDensity(60)).isFinite().isLessThan(-1000);
    }

    @Test
    void samplesHaveEachComponentsMeanVarianceAndWeight() {
        GaussianMixture1D g = new GaussianMixture1D(new double[] {-2, 3}, new double[] {0.5, 1.5},
                new double[] {3, 1});
        assertThat(g.weights()).containsExactly(0.75, 0.25);
        int n = 200_000;
        ArrayDataset d = g.sample(new Rng(7), n);
        assertThat(d.size()).isEqualTo(n);
        assertThat(d.exampleDims()).containsExactly(1);
        double[] sum = new double[2], sq = new double[2];
        int[] count = new int[2];
        for (int i = 0; i < n; i++) {
            int c = d.label(i);
            double x = d.values()[i];
            count[c]++;
            sum[c] += x;
            sq[c] += x * x;
        }
        assertThat(count[0] / (double) n).isCloseTo(0.75, within(0.005));
        for (int c = 0; c < 2; c++) {
            double mean = sum[c] / count[c];
            double var = sq[c] / count[c] - mean * mean;
            double std = g.stds()[c];
            assertThat(mean).isCloseTo(g.means()[c], within(5 * std / Math.sqrt(count[c])));
            assertThat(var).isCloseTo(std * std, within(0.02 * std * std));
        }
        double all = 0;
        for (float v : d.values()) {
            all += v;
        }
        assertThat(all / n).isCloseTo(g.mean(), within(0.02));
        assertThat(g.variance()).isCloseTo(0.75 * 0.25 + 0.25 * 2.25 + 0.75 * 0.25 * 25, within(1e-12));
    }

    @Test
    void sameSeedSameSamples() {
        GaussianMixture1D g = GaussianMixture1D.figure1Default();
        assertThat(g.sample(new Rng(3), 100).values()).isEqualTo(g.sample(new Rng(3), 100).values());
    }

    @Test
    void aZeroWeightComponentIsNeverDrawn() {
        GaussianMixture1D g = new GaussianMixture1D(new double[] {0, 10}, new double[] {1, 1}, new double[] {0, 1});
        ArrayDataset d = g.sample(new Rng(1), 1000);
        assertThat(d.labels()).containsOnly(1);
    }

    @Test
    void argumentsAreValidated() {
        assertThatThrownBy(() -> new GaussianMixture1D(new double[] {0}, new double[] {1, 1}, new double[] {1}))
                .hasMessageContaining("1 means, 2 stds, 1 weights");
        assertThatThrownBy(() -> new GaussianMixture1D(new double[0], new double[0], new double[0]))
                .hasMessageContaining("at least one component");
        assertThatThrownBy(() -> new GaussianMixture1D(new double[] {0}, new double[] {0}, new double[] {1}))
                .hasMessageContaining("Standard deviation 0 is 0.0");
        assertThatThrownBy(() -> new GaussianMixture1D(new double[] {Double.NaN}, new double[] {1}, new double[] {1}))
                .hasMessageContaining("must be finite");
        assertThatThrownBy(() -> new GaussianMixture1D(new double[] {0}, new double[] {1}, new double[] {-1}))
                .hasMessageContaining("non-negative");
        assertThatThrownBy(() -> new GaussianMixture1D(new double[] {0}, new double[] {1}, new double[] {0}))
                .hasMessageContaining("sum to zero");
        assertThatThrownBy(() -> GaussianMixture1D.figure1Default().sample(new Rng(1), -1))
                .hasMessageContaining("-1 samples");
    }
}
