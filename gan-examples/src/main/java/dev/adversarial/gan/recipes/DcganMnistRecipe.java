package dev.adversarial.gan.recipes;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Layer;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.optim.Adam;
import dev.adversarial.gan.api.optim.Optimizer;
import dev.adversarial.gan.api.optim.Schedule;
import dev.adversarial.gan.core.data.ArrayDataset;
import dev.adversarial.gan.core.loss.GanLoss;
import dev.adversarial.gan.core.train.GanModel;
import dev.adversarial.gan.core.train.NoisePrior;
import dev.adversarial.gan.core.train.TrainingConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A DCGAN (Radford et al. 2016) sized for 28×28 MNIST, pixels in [0, 1]:
 * <pre>
 * G: z ∈ R^100 ~ N(0, 1) → Linear 100→6272 → BatchNorm1d → ReLU → Unflatten (128, 7, 7)
 *    → ConvTranspose2d 128→64, k4 s2 p1 → BatchNorm2d → ReLU → ConvTranspose2d 64→1, k4 s2 p1 → sigmoid
 * D: Conv2d 1→64, k4 s2 p1 → LeakyReLU 0.2 → Conv2d 64→128, k4 s2 p1 → BatchNorm2d → LeakyReLU 0.2
 *    → Flatten → Linear 6272→1 (a logit)
 * </pre>
 * Adam with learning rate 2e-4 and betas (0.5, 0.999), batch 64, Algorithm 1 with k = 1, the
 * non-saturating G loss, DCGAN's initialisation (weights N(0, 0.02), batch-norm scales
 * N(1, 0.02)), train[0:50000]. G's samples are flattened to 784 values and D unflattens them, so
 * samples, metrics and exports look exactly like paper-mnist's. Convolutions followed by batch
 * norm have no bias (the normalization would cancel it). {@code d.norm=none} drops D's batch
 * norm (WGAN-GP's critic does, and {@code loss=wgan-gp} implies it).
 *
 * <p>{@code conditional=true} makes it a conditional DCGAN on MNIST's ten digit labels: G's first
 * Linear reads [z, one-hot(y)] (110 inputs), and D starts with label maps, so its first
 * convolution reads 1 + 10 planes, the image and one constant 28×28 map per class (see
 * {@link DcganArchitecture}). Generated rows get labels drawn uniformly over the ten classes.
 */
public final class DcganMnistRecipe implements Recipe {
    public static final String NAME = "dcgan-mnist";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "DCGAN for 28x28 MNIST: transposed-conv generator, conv discriminator, batch norm, Adam (good digits in minutes)";
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("data", "mnist");
        d.put("latent", "100");
        d.put("g.channels", "128");
        d.put("d.channels", "64");
        d.put("d.norm", "batch");
        d.put("conditional", "false");
        d.put("lr", "0.0002");
        d.put("beta1", "0.5");
        d.put("beta2", "0.999");
        d.put("batch", "64");
        d.put("k", "1");
        d.put("update", "alternating");
        d.put("loss", "non-saturating");
        d.put("checkpoint.every", "5");
        return d;
    }

    @Override
    public int defaultEpochs() {
        return 5;
    }

    @Override
    public int[] imageShape() {
        return new int[] {28, 28};
    }

    @Override
    public ArrayDataset trainingData(Settings s) throws java.io.IOException {
        return PaperMnistRecipe.mnistTrainingData(s);
    }

    @Override
    public GanModel model(Backend b, Rng rng, Settings s, ArrayDataset data) {
        int latent = s.integer("latent");
        int classes = DcganArchitecture.conditional(s) ? CganMnistRecipe.CLASSES : 0;
        Layer g = DcganArchitecture.generator(b, rng, latent + classes, 7, 2, s.integer("g.channels"), 1);
        Layer d = DcganArchitecture.discriminator(b, rng, 28, 1, 2, s.integer("d.channels"),
                DcganArchitecture.discriminatorNorm(s), classes);
        return new GanModel(g, d, NoisePrior.normal(latent, 0, 1), new int[] {784}, classes);
    }

    @Override
    public Optimizer discriminatorOptimizer(GanModel m, Settings s) {
        return adam(m.discriminator(), s);
    }

    @Override
    public Optimizer generatorOptimizer(GanModel m, Settings s) {
        return adam(m.generator(), s);
    }

    static Optimizer adam(Layer module, Settings s) {
        return new Adam(module.parameters(), Schedule.constant(s.number("lr")), s.number("beta1"), s.number("beta2"), 1e-8);
    }

    @Override
    public TrainingConfig training(Settings s) {
        return new TrainingConfig(s.integer("batch"), s.integer("k"), PaperMnistRecipe.updateMode(s),
                GanLoss.parse(s.string("loss")));
    }
}
