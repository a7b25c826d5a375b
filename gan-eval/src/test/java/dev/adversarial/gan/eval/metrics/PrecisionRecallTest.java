package dev.adversarial.gan.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.adversarial.gan.api.Rng;
import org.junit.jupiter.api.Test;

class PrecisionRecallTest {
    @Test
    void identicalSetsHavePrecisionAndRecallOne() {
        float[] x = Gaussians.normal(new Rng(10), 800, 6, 0, 1);
        PrecisionRecall.Result r = PrecisionRecall.compute(x, 800, x, 800, 6, 3);
        assertThat(r.precision()).isEqualTo(1.0);
        assertThat(r.recall()).isEqualTo(1.0);
    }

    @Test
    void droppingModesLowersRecallByTheDroppedShareAndKeepsPrecision() {
        Rng rng = new Rng(11);
        int dim = 2;
        float[] real = Gaussians.clusters(rng, 2000, dim, 10, 10);
        // Fresh samples of all 10 clusters, and a generator that covers only 8 of them.
        PrecisionRecall.Result all = PrecisionRecall.compute(real, 2000, Gaussians.clusters(rng, 2000, dim, 10, 10), 2000,
                dim, 3);
        PrecisionRecall.Result dropped = PrecisionRecall.compute(real, 2000, Gaussians.clusters(rng, 2000, dim, 10, 8),
                2000, dim, 3);
        assertThat(all.recall()).isGreaterThan(0.95);
        assertThat(dropped.recall()).isCloseTo(0.8 * all.recall(), within(0.02)).isLessThanOrEqualTo(0.8);
        assertThat(dropped.precision()).isCloseTo(all.precision(), within(0.02));
    }

    @Test
    void radiiAreTheDistanceToTheKthOtherPoint() {
        // Points on a line at 0, 1, 3, 6, 10: the 2nd nearest other point of 0 is 3 (squared 9).
        float[] x = {0, 1, 3, 6, 10};
        double[] r = PrecisionRecall.squaredRadii(x, 5, 1, 2);
        assertThat(r).containsExactly(9.0, 4.0, 9.0, 16.0, 49.0);
    }
}
