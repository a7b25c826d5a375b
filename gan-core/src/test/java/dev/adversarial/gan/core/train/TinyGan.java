package dev.adversarial.gan.core.train;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.optim.Optimizer;
import dev.adversarial.gan.api.optim.Schedule;
import dev.adversarial.gan.api.optim.Sgd;
import dev.adversarial.gan.core.data.ArrayDataset;
import dev.adversarial.gan.core.loss.GanLoss;
import dev.adversarial.gan.core.nn.Activation;
import dev.adversarial.gan.core.nn.Dropout;
import dev.adversarial.gan.core.nn.Init;
import dev.adversarial.gan.core.nn.Linear;
import dev.adversarial.gan.core.nn.Maxout;
import dev.adversarial.gan.core.nn.Sequential;

/** A miniature of the paper's model (ReLU G with sigmoid output, maxout D with dropout) for fast tests. */
final class TinyGan {
    static final int LATENT = 4;
    static final int DATA = 8;

    final Rng rng;
    final GanModel model;
    final Optimizer dOpt;
    final Optimizer gOpt;
    final AdversarialTrainer trainer;

    TinyGan(Backend b, long seed, UpdateMode mode, int k, ArrayDataset data) {
        rng = new Rng(seed);
        Sequential g = new Sequential(
                new Linear(b, rng, LATENT, 16, Init.uniform(0.5), Init.zeros()), Activation.relu(),
                new Linear(b, rng, 16, DATA, Init.uniform(0.5), Init.zeros()), Activation.sigmoid());
        Sequential d = new Sequential(
                Dropout.keep(0.8, rng), new Maxout(b, rng, DATA, 6, 2, Init.uniform(0.5), Init.zeros()),
                Dropout.keep(0.5, rng), new Linear(b, rng, 6, 1, Init.uniform(0.5), Init.zeros()));
        model = new GanModel(g, d, NoisePrior.uniform(LATENT, -Math.sqrt(3), Math.sqrt(3)), new int[] {DATA});
        Schedule lr = new Schedule.ExponentialDecay(0.1, 1.0001, 1e-6);
        Schedule momentum = new Schedule.LinearRamp(0.5, 0.7, 1, 3);
        dOpt = new Sgd(d.parameters(), lr, momentum, false);
        gOpt = new Sgd(g.parameters(), lr, momentum, false);
        trainer = new AdversarialTrainer(b, model, dOpt, gOpt, data,
                new TrainingConfig(10, k, mode, GanLoss.NON_SATURATING), rng);
    }

    /** 200 examples of 8 values in [0, 1] with structure (two prototypes plus noise). */
    static ArrayDataset data(long seed) {
        Rng r = new Rng(seed);
        float[] v = new float[200 * DATA];
        for (int i = 0; i < 200; i++) {
            for (int j = 0; j < DATA; j++) {
                float proto = ((i % 2 == 0) == (j < DATA / 2)) ? 0.9f : 0.1f;
                v[i * DATA + j] = Math.min(1f, Math.max(0f, proto + 0.05f * (float) r.nextGaussian()));
            }
        }
        return new ArrayDataset("tiny", v, new int[] {DATA}, null);
    }
}
