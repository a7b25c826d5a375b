package dev.adversarial.gan.recipes;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Conv2dSpec;
import dev.adversarial.gan.api.Module;
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
import dev.adversarial.gan.core.train.GanModel;
import dev.adversarial.gan.core.train.NoisePrior;
import dev.adversarial.gan.core.train.TrainingConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 */
public final class DcganMnistRecipe implements Recipe {
    public static final String NAME = "dcgan-mnist";
    private static final Conv2dSpec HALVE = Conv2dSpec.of(2, 1);

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
        int latent = s.integer("latent"), gc = s.integer("g.channels"), dc = s.integer("d.channels");
        Init w = Init.normal(0.02), scale = Init.normal(1, 0.02);
        int projected = gc * 7 * 7;
        Module g = new Sequential(
                new Linear(b, rng, latent, projected, w, Init.zeros()), new BatchNorm1d(b, rng, projected, scale), Activation.relu(),
                new Unflatten(gc, 7, 7),
                new ConvTranspose2d(b, rng, gc, gc / 2, 4, 4, HALVE, w, null), new BatchNorm2d(b, rng, gc / 2, scale),
                Activation.relu(),
                new ConvTranspose2d(b, rng, gc / 2, 1, 4, 4, HALVE, w, Init.zeros()), Activation.sigmoid(), new Flatten());
        boolean norm = switch (s.string("d.norm")) {
            case "batch" -> true;
            case "none" -> false;
            default -> throw new IllegalArgumentException("Setting 'd.norm' must be batch or none, got '" + s.string("d.norm") + "'");
        };
        List<Module> d = new ArrayList<>(List.of(new Unflatten(1, 28, 28),
                new Conv2d(b, rng, 1, dc, 4, 4, HALVE, w, Init.zeros()), Activation.leakyRelu(0.2),
                new Conv2d(b, rng, dc, 2 * dc, 4, 4, HALVE, w, norm ? null : Init.zeros())));
        if (norm) {
            d.add(new BatchNorm2d(b, rng, 2 * dc, scale));
        }
        d.addAll(List.of(Activation.leakyRelu(0.2), new Flatten(), new Linear(b, rng, 2 * dc * 7 * 7, 1, w, Init.zeros())));
        return new GanModel(g, new Sequential(d), NoisePrior.normal(latent, 0, 1), new int[] {784});
    }

    @Override
    public Optimizer discriminatorOptimizer(GanModel m, Settings s) {
        return adam(m.discriminator(), s);
    }

    @Override
    public Optimizer generatorOptimizer(GanModel m, Settings s) {
        return adam(m.generator(), s);
    }

    private static Optimizer adam(Module module, Settings s) {
        return new Adam(module.parameters(), Schedule.constant(s.number("lr")), s.number("beta1"), s.number("beta2"), 1e-8);
    }

    @Override
    public TrainingConfig training(Settings s) {
        return new TrainingConfig(s.integer("batch"), s.integer("k"), PaperMnistRecipe.updateMode(s),
                GanLoss.parse(s.string("loss")), s.integer("checkpoint.every"));
    }
}
