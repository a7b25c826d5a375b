package dev.adversarial.gan.eval.toy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.core.data.ArrayDataset;
import dev.adversarial.gan.core.data.Mixture2D;
import org.junit.jupiter.api.Test;

class ModeCoverageTest {
    /** P(|x − μ| ≤ 3σ) for a 2-D isotropic Gaussian: the Rayleigh CDF at 3. */
    static final double RAYLEIGH_3 = 1 - Math.exp(-4.5);

    @Test
    void theMixtureItselfCoversEveryModeWithTheRayleighShareOfGoodSamples() {
        for (Mixture2D m : new Mixture2D[] {Mixture2D.ring(), Mixture2D.grid()}) {
            ArrayDataset d = m.sample(new Rng(1), 20_000);
            ModeCoverage.Result r = ModeCoverage.compute(m, d.values(), d.size(), 1);
            assertThat(r.modesCovered()).as(m.name()).isEqualTo(m.modeCount());
            // 20,000 draws: the binomial standard error is 0.0007.
            assertThat(r.highQualityShare()).as(m.name()).isCloseTo(RAYLEIGH_3, within(0.003));
        }
    }

    @Test
    void droppedModesAreMissingFromTheCount() {
        // A "generator" that only ever produces modes 0..5 of the ring's 8.
        Mixture2D ring = Mixture2D.ring();
        ArrayDataset d = ring.sample(new Rng(2), 2500);
        float[] v = d.values().clone();
        double[][] modes = ring.modes();
        Rng rng = new Rng(3);
        for (int i = 0; i < d.size(); i++) {
            if (d.label(i) >= 6) {
                int to = rng.nextInt(6);
                v[2 * i] = (float) (v[2 * i] - modes[d.label(i)][0] + modes[to][0]);
                v[2 * i + 1] = (float) (v[2 * i + 1] - modes[d.label(i)][1] + modes[to][1]);
            }
        }
        ModeCoverage.Result r = ModeCoverage.compute(ring, v, d.size(), 1);
        assertThat(r.modesCovered()).isEqualTo(6);
        assertThat(r.perMode()[6]).isZero();
        assertThat(r.perMode()[7]).isZero();
        assertThat(r.highQualityShare()).isCloseTo(RAYLEIGH_3, within(0.01));
    }

    @Test
    void pointsBetweenModesAreNotHighQualityAndMinCountDecidesCoverage() {
        Mixture2D ring = Mixture2D.ring();
        double std = ring.std();
        // On mode 0 (2, 0): exactly on the centre, just inside 3σ, just outside; one far away.
        float[] pts = {2f, 0f, (float) (2 + 2.9 * std), 0f, (float) (2 + 3.1 * std), 0f, 0f, 0f, (float) -2, 0f};
        ModeCoverage.Result one = ModeCoverage.compute(ring, pts, 5, 1);
        assertThat(one.perMode()[0]).isEqualTo(2);
        assertThat(one.perMode()[4]).isEqualTo(1); // (-2, 0) is mode 4's centre
        assertThat(one.modesCovered()).isEqualTo(2);
        assertThat(one.highQualityShare()).isEqualTo(3 / 5.0);
        ModeCoverage.Result two = ModeCoverage.compute(ring, pts, 5, 2);
        assertThat(two.modesCovered()).isEqualTo(1);
    }

    @Test
    void namesAndErrors() {
        assertThat(ModeCoverage.mixture("grid").modeCount()).isEqualTo(25);
        assertThat(ModeCoverage.mixture("ring").modeCount()).isEqualTo(8);
        assertThatThrownBy(() -> ModeCoverage.mixture("spiral")).hasMessageContaining("choose ring");
        assertThatThrownBy(() -> ModeCoverage.compute(Mixture2D.ring(), new float[784], 1, 1))
                .hasMessageContaining("2-D toy model");
    }
}
