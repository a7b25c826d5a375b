package dev.adversarial.gan.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.adversarial.gan.api.Rng;
import org.junit.jupiter.api.Test;

class Mixture2DTest {
    @Test
    void defaultRingHasEightModesOfRadiusTwo() {
        Mixture2D ring = Mixture2D.ring();
        assertThat(ring.modeCount()).isEqualTo(8);
        assertThat(ring.std()).isEqualTo(0.02);
        double[][] m = ring.modes();
        for (int k = 0; k < 8; k++) {
            assertThat(Math.hypot(m[k][0], m[k][1])).isCloseTo(2.0, within(1e-12));
            assertThat(Math.atan2(m[k][1], m[k][0])).isCloseTo(Math.IEEEremainder(2 * Math.PI * k / 8, 2 * Math.PI),
                    within(1e-12));
        }
        assertThat(m[0]).containsExactly(2.0, 0.0);
    }

    @Test
    void defaultGridIsFiveByFiveAtEvenCoordinatesCentredOnZero() {
        Mixture2D grid = Mixture2D.grid();
        assertThat(grid.modeCount()).isEqualTo(25);
        assertThat(grid.std()).isEqualTo(0.05);
        double[][] m = grid.modes();
        assertThat(m[0]).containsExactly(-4.0, -4.0);
        assertThat(m[1]).containsExactly(-4.0, -2.0);
        assertThat(m[12]).containsExactly(0.0, 0.0);
        assertThat(m[24]).containsExactly(4.0, 4.0);
        for (double[] c : m) {
            assertThat(c[0]).isIn(-4.0, -2.0, 0.0, 2.0, 4.0);
            assertThat(c[1]).isIn(-4.0, -2.0, 0.0, 2.0, 4.0);
        }
    }

    @Test
    void samplesHaveTheModesMeanAndVarianceAndAreSpreadEvenly() {
        for (Mixture2D mix : new Mixture2D[] {Mixture2D.ring(), Mixture2D.grid()}) {
            int n = 250_000;
            ArrayDataset d = mix.sample(new Rng(11), n);
            assertThat(d.exampleDims()).containsExactly(2);
            int k = mix.modeCount();
            double[][] sum = new double[k][2], sq = new double[k][2];
            int[] count = new int[k];
            float[] v = d.values();
            for (int i = 0; i < n; i++) {
                int c = d.label(i);
                count[c]++;
                for (int a = 0; a < 2; a++) {
                    sum[c][a] += v[2 * i + a];
                    sq[c][a] += (double) v[2 * i + a] * v[2 * i + a];
                }
            }
            double[][] modes = mix.modes();
            double s = mix.std();
            for (int c = 0; c < k; c++) {
                assertThat(count[c] / (double) n).as(mix.name() + " mode " + c + " share")
                        .isCloseTo(1.0 / k, within(6 * Math.sqrt((1.0 / k) / n)));
                for (int a = 0; a < 2; a++) {
                    double mean = sum[c][a] / count[c];
                    // Variance about the known centre, so float rounding of large means cannot dominate.
                    double var = sq[c][a] / count[c] - 2 * modes[c][a] * mean + modes[c][a] * modes[c][a];
                    assertThat(mean).isCloseTo(modes[c][a], within(6 * s / Math.sqrt(count[c])));
                    assertThat(var).isCloseTo(s * s, within(0.06 * s * s));
                }
            }
        }
    }

    @Test
    void labelsAreTheNearestMode() {
        for (Mixture2D mix : new Mixture2D[] {Mixture2D.ring(), Mixture2D.grid(), Mixture2D.ring(5, 1, 0.05)}) {
            ArrayDataset d = mix.sample(new Rng(5), 20_000);
            float[] v = d.values();
            for (int i = 0; i < d.size(); i++) {
                assertThat(mix.nearestMode(v[2 * i], v[2 * i + 1])).isEqualTo(d.label(i));
            }
        }
    }

    @Test
    void densityIntegratesToOne() {
        Mixture2D ring = Mixture2D.ring(8, 2, 0.1);
        double h = 0.01, total = 0;
        for (double x = -3; x <= 3; x += h) {
            for (double y = -3; y <= 3; y += h) {
                total += ring.density(x, y);
            }
        }
        assertThat(total * h * h).isCloseTo(1.0, within(1e-3));
    }

    @Test
    void customLayoutsAndValidation() {
        Mixture2D g = Mixture2D.grid(2, 1.0, 0.1);
        assertThat(g.modes()).isDeepEqualTo(new double[][] {{-0.5, -0.5}, {-0.5, 0.5}, {0.5, -0.5}, {0.5, 0.5}});
        g.modes()[0][0] = 99;
        assertThat(g.modes()[0][0]).as("modes() returns a copy").isEqualTo(-0.5);
        assertThatThrownBy(() -> Mixture2D.ring(0, 2, 0.02)).hasMessageContaining("at least one mode");
        assertThatThrownBy(() -> Mixture2D.ring(8, -1, 0.02)).hasMessageContaining("radius");
        assertThatThrownBy(() -> Mixture2D.grid(5, 0, 0.05)).hasMessageContaining("spacing");
        assertThatThrownBy(() -> Mixture2D.grid(5, 2, 0)).hasMessageContaining("Standard deviation");
        assertThatThrownBy(() -> Mixture2D.ring().sample(new Rng(1), -3)).hasMessageContaining("-3 samples");
    }
}
