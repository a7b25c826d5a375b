package dev.adversarial.gan.recipes;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Layer;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.optim.Optimizer;
import dev.adversarial.gan.core.data.ArrayDataset;
import dev.adversarial.gan.core.loss.GanLoss;
import dev.adversarial.gan.core.nn.Activation;
import dev.adversarial.gan.core.nn.BatchNorm1d;
import dev.adversarial.gan.core.nn.Dropout;
import dev.adversarial.gan.core.nn.Init;
import dev.adversarial.gan.core.nn.Linear;
import dev.adversarial.gan.core.nn.Sequential;
import dev.adversarial.gan.core.train.GanModel;
import dev.adversarial.gan.core.train.NoisePrior;
import dev.adversarial.gan.core.train.TrainingConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A conditional GAN for MNIST in the manner of Mirza and Osindero (2014): both players see the
 * digit's class as a one-hot vector appended to their input ({@link
 * dev.adversarial.gan.core.train.Conditioning}), so that `gan sample --label 7` asks G for a 7.
 * Fully connected, sized to train in minutes on a CPU (with h = {@code g.hidden} = 256 and
 * d = {@code d.hidden} = 512):
 * <pre>
 * G: [z ∈ R^100 ~ N(0, 1), one-hot(y) ∈ R^10] → Linear 110→h → LeakyReLU 0.2
 *    → Linear h→2h → BatchNorm1d → LeakyReLU 0.2 → Linear 2h→784 → sigmoid
 * D: [x ∈ [0, 1]^784, one-hot(y) ∈ R^10] → Linear 794→d → LeakyReLU 0.2 → Dropout (keep 0.7)
 *    → Linear d→d/2 → LeakyReLU 0.2 → Dropout (keep 0.7) → Linear d/2→1 (a logit)
 * </pre>
 * Weights are uniform in ±1/√fan-in (PyTorch's default for Linear), biases zero. The paper's own
 * networks (a 1200-unit G with separate z and y branches, a maxout D) are larger and were trained
 * with SGD; here Algorithm 1 with k = 1 runs with Adam (learning rate 2e-4, betas 0.5 and 0.999),
 * batch 64, the non-saturating G loss, on train[0:50000] with its labels. Real rows reach D with
 * their own labels, generated rows with labels drawn uniformly over the ten classes. D's dropout
 * (inverted: kept units scaled by 1/keep) is there to slow D down while G learns ten digits at
 * once, as common conditional MLP GANs do; {@code d.hidden.keep=1} turns it off,
 * {@code g.norm=none} drops G's batch norm. 40 epochs by default: the run the README shows.
 */
public final class CganMnistRecipe implements Recipe {
    public static final String NAME = "cgan-mnist";
    /** MNIST's digits 0 to 9. */
    static final int CLASSES = 10;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Conditional GAN for MNIST (Mirza & Osindero 2014): one-hot digit labels into MLP G and D; sample a chosen digit";
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("data", "mnist");
        d.put("latent", "100");
        d.put("g.hidden", "256");
        d.put("g.norm", "batch");
        d.put("d.hidden", "512");
        d.put("d.hidden.keep", "0.7");
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
        return 40; // the run the README shows: every row of its sample grid is the digit asked for
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
        int latent = s.integer("latent"), pixels = 784, h = s.integer("g.hidden"), dh = s.integer("d.hidden");
        if (dh < 2) {
            throw new IllegalArgumentException("Setting 'd.hidden' of recipe cgan-mnist must be at least 2 (D's second"
                    + " layer has d.hidden/2 units), got " + dh);
        }
        boolean gNorm = switch (s.string("g.norm")) {
            case "batch" -> true;
            case "none" -> false;
            default -> throw new IllegalArgumentException("Setting 'g.norm' of recipe cgan-mnist must be batch or none,"
                    + " got '" + s.string("g.norm") + "'");
        };
        List<Layer> g = new ArrayList<>(List.of(linear(b, rng, latent + CLASSES, h), Activation.leakyRelu(0.2),
                linear(b, rng, h, 2 * h)));
        if (gNorm) {
            g.add(new BatchNorm1d(b, rng, 2 * h, Init.constant(1)));
        }
        g.addAll(List.of(Activation.leakyRelu(0.2), linear(b, rng, 2 * h, pixels), Activation.sigmoid()));
        double keep = s.number("d.hidden.keep");
        Layer d = new Sequential(
                linear(b, rng, pixels + CLASSES, dh), Activation.leakyRelu(0.2), new Dropout(keep, rng),
                linear(b, rng, dh, dh / 2), Activation.leakyRelu(0.2), new Dropout(keep, rng),
                linear(b, rng, dh / 2, 1));
        return new GanModel(new Sequential(g), d, NoisePrior.normal(latent, 0, 1), new int[] {pixels}, CLASSES);
    }

    /** PyTorch's default Linear weights, uniform in ±1/√in; zero biases. */
    private static Linear linear(Backend b, Rng rng, int in, int out) {
        return new Linear(b, rng, in, out, Init.uniform(1 / Math.sqrt(in)), Init.zeros());
    }

    @Override
    public Optimizer discriminatorOptimizer(GanModel m, Settings s) {
        return DcganMnistRecipe.adam(m.discriminator(), s);
    }

    @Override
    public Optimizer generatorOptimizer(GanModel m, Settings s) {
        return DcganMnistRecipe.adam(m.generator(), s);
    }

    @Override
    public TrainingConfig training(Settings s) {
        return new TrainingConfig(s.integer("batch"), s.integer("k"), PaperMnistRecipe.updateMode(s),
                GanLoss.parse(s.string("loss")));
    }
}
