package dev.adversarial.gan.core.train;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Conv2dSpec;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.optim.Adam;
import dev.adversarial.gan.api.optim.Optimizer;
import dev.adversarial.gan.api.optim.Schedule;
import dev.adversarial.gan.core.data.ArrayDataset;
import dev.adversarial.gan.core.loss.GanLoss;
import dev.adversarial.gan.core.nn.Activation;
import dev.adversarial.gan.core.nn.BatchNorm1d;
import dev.adversarial.gan.core.nn.BatchNorm2d;
import dev.adversarial.gan.core.nn.Conv2d;
import dev.adversarial.gan.core.nn.ConvTranspose2d;
import dev.adversarial.gan.core.nn.Flatten;
import dev.adversarial.gan.core.nn.Init;
import dev.adversarial.gan.core.nn.Linear;
import dev.adversarial.gan.core.nn.Sequential;
import dev.adversarial.gan.core.nn.Unflatten;

/** A DCGAN in miniature (8×8 images, batch norm in both players, Adam) for fast tests. */
final class TinyConvGan {
    static final int LATENT = 4;
    static final int SIDE = 8;

    final Rng rng;
    final GanModel model;
    final Optimizer dOpt;
    final Optimizer gOpt;
    final AdversarialTrainer trainer;

    private TinyConvGan(TinyConvGan base, TrainingConfig config) {
        rng = base.rng;
        model = base.model;
        dOpt = base.dOpt;
        gOpt = base.gOpt;
        trainer = new AdversarialTrainer(base.trainer.backend(), model, dOpt, gOpt, base.trainer.data(), config, rng);
    }

    /** The same model, optimizers and Rng, trained with another configuration. */
    TinyConvGan withConfig(TrainingConfig config) {
        return new TinyConvGan(this, config);
    }

    TinyConvGan(Backend b, long seed, UpdateMode mode, ArrayDataset data) {
        rng = new Rng(seed);
        Conv2dSpec half = Conv2dSpec.of(2, 1);
        Sequential g = new Sequential(
                new Linear(b, rng, LATENT, 2 * 4 * 4, Init.normal(0.3), Init.zeros()),
                new BatchNorm1d(b, rng, 2 * 4 * 4, Init.normal(1, 0.02)), Activation.relu(), new Unflatten(2, 4, 4),
                new ConvTranspose2d(b, rng, 2, 1, 4, 4, half, Init.normal(0.3), Init.zeros()), Activation.sigmoid());
        Sequential d = new Sequential(
                new Unflatten(1, SIDE, SIDE), new Conv2d(b, rng, 1, 4, 4, 4, half, Init.normal(0.3), Init.zeros()),
                Activation.leakyRelu(0.2), new Conv2d(b, rng, 4, 4, 3, 3, Conv2dSpec.of(1, 1), Init.normal(0.3), null),
                new BatchNorm2d(b, rng, 4, Init.normal(1, 0.02)), Activation.leakyRelu(0.2), new Flatten(),
                new Linear(b, rng, 4 * 4 * 4, 1, Init.normal(0.3), Init.zeros()));
        model = new GanModel(g, d, NoisePrior.normal(LATENT, 0, 1), new int[] {1, SIDE, SIDE});
        dOpt = new Adam(d.parameters(), Schedule.constant(2e-3), 0.5, 0.999, 1e-8);
        gOpt = new Adam(g.parameters(), Schedule.constant(2e-3), 0.5, 0.999, 1e-8);
        trainer = new AdversarialTrainer(b, model, dOpt, gOpt, data,
                new TrainingConfig(10, 1, mode, GanLoss.NON_SATURATING), rng);
    }

    /** 200 images of 8×8: a bright bar, vertical or horizontal at a random place, on a dark ground. */
    static ArrayDataset data(long seed) {
        Rng r = new Rng(seed);
        float[] v = new float[200 * SIDE * SIDE];
        for (int i = 0; i < 200; i++) {
            int at = (int) (r.nextDouble() * SIDE);
            boolean vertical = i % 2 == 0;
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    float bar = (vertical ? x : y) == at ? 0.9f : 0.1f;
                    v[i * SIDE * SIDE + y * SIDE + x] = Math.min(1f, Math.max(0f, bar + 0.05f * (float) r.nextGaussian()));
                }
            }
        }
        return new ArrayDataset("bars", v, new int[] {1, SIDE, SIDE}, null);
    }
}
