package dev.adversarial.gan.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Scope;
import dev.adversarial.gan.api.optim.Adam;
import dev.adversarial.gan.api.optim.Schedule;
import dev.adversarial.gan.api.optim.Sgd;
import dev.adversarial.gan.core.data.ArrayDataset;
import dev.adversarial.gan.core.loss.GanLoss;
import dev.adversarial.gan.core.nn.Activation;
import dev.adversarial.gan.core.nn.Init;
import dev.adversarial.gan.core.nn.Linear;
import dev.adversarial.gan.core.nn.Sequential;
import org.junit.jupiter.api.Test;

/**
 * The paper's Proposition 1: for a fixed G the optimal discriminator is
 * D*(x) = p_data(x) / (p_data(x) + p_g(x)). Here p_data = N(0, 1) and G is frozen at
 * x = 1 + 0.5·z with z ~ N(0, 1), so p_g = N(1, 0.25); D trained through the real trainer
 * (G's learning rate 0) must match D* within {@link #TOLERANCE} wherever either density is at least 0.05.
 */
class OptimalDiscriminatorTest {
    /** Measured 0.013 on the CPU backend (seed 2014); the bound leaves room for other backends' rounding. */
    static final double TOLERANCE = 0.03;

    private static double normal(double x, double mean, double std) {
        double u = (x - mean) / std;
        return Math.exp(-0.5 * u * u) / (std * Math.sqrt(2 * Math.PI));
    }

    @Test
    void aDiscriminatorTrainedAgainstAFixedGeneratorApproachesTheAnalyticOptimum() {
        Backend b = Backends.get("cpu");
        Rng rng = new Rng(2014);
        float[] real = new float[20_000];
        rng.fillNormal(real, 0f, 1f);
        ArrayDataset data = new ArrayDataset("N(0,1)", real, new int[] {1}, null);
        Linear g = new Linear(b, rng, 1, 1, Init.constant(0.5), Init.constant(1.0));
        Sequential d = new Sequential(
                new Linear(b, rng, 1, 32, Init.normal(1.0), Init.normal(1.0)), Activation.tanh(),
                new Linear(b, rng, 32, 32, Init.normal(0.3), Init.zeros()), Activation.tanh(),
                new Linear(b, rng, 32, 1, Init.normal(0.3), Init.zeros()));
        GanModel model = new GanModel(g, d, NoisePrior.normal(1, 0, 1), new int[] {1});
        AdversarialTrainer trainer = new AdversarialTrainer(b, model, new Adam(d.parameters(),
                // 1e-2 annealed to 1e-4 over the run's 1,600 steps: SGD noise at the end would blur D.
                new Schedule.ExponentialDecay(1e-2, Math.pow(100, 1.0 / 1600), 1e-4), 0.9, 0.999, 1e-8),
                new Sgd(g.parameters(), 0.0), data, new TrainingConfig(500, 1, UpdateMode.ALTERNATING, GanLoss.MINIMAX), rng);
        trainer.train(40);

        d.eval();
        double worst = 0;
        try (Scope s = Scope.open()) {
            for (double x = -3; x <= 3; x += 0.05) {
                double pd = normal(x, 0, 1), pg = normal(x, 1, 0.5);
                if (pd < 0.05 && pg < 0.05) {
                    continue;
                }
                double expected = pd / (pd + pg);
                double actual = d.forward(b.tensor(new float[] {(float) x}, 1, 1)).sigmoid().item();
                worst = Math.max(worst, Math.abs(actual - expected));
            }
        }
        assertThat(worst).as("max |D(x) - D*(x)|").isLessThan(TOLERANCE);
    }
}
