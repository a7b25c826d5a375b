package dev.adversarial.gan.recipes;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Layer;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.optim.Adam;
import dev.adversarial.gan.api.optim.Optimizer;
import dev.adversarial.gan.api.optim.Schedule;
import dev.adversarial.gan.core.data.ArrayDataset;
import dev.adversarial.gan.core.data.Mixture2D;
import dev.adversarial.gan.core.loss.GanLoss;
import dev.adversarial.gan.core.nn.Activation;
import dev.adversarial.gan.core.nn.Init;
import dev.adversarial.gan.core.nn.Linear;
import dev.adversarial.gan.core.nn.Sequential;
import dev.adversarial.gan.core.train.GanModel;
import dev.adversarial.gan.core.train.NoisePrior;
import dev.adversarial.gan.core.train.TrainingConfig;
import dev.adversarial.gan.core.train.TrainingListener;
import dev.adversarial.gan.eval.toy.ModeCoverage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The mode-collapse test bed of the unrolled-GAN and VEEGAN papers: a mixture of 8 Gaussians on
 * a circle ({@code data=ring}) or 25 on a 5×5 grid ({@code data=grid}), see {@link Mixture2D}.
 * G and D are ReLU MLPs with two hidden layers of 64 units (half the width of the unrolled-GAN
 * paper's networks, to fit a laptop CPU), G draws 8-dimensional Gaussian noise, both use Adam. Every few epochs the
 * run scores 2,500 samples with {@link ModeCoverage} (modes covered, share of high-quality
 * samples) into metrics.csv and draws them over the modes in modes.png.
 *
 * <p>Sized for a laptop CPU: 12,800 points, batch 128, 20 epochs (2,000 generator steps at k = 1). An epoch is a pass over the data, so with k discriminator steps G takes 1/k as many
 * steps per epoch: at equal epochs every k sees the same data and D steps.
 */
public final class Toy2dRecipe implements Recipe {
    public static final String NAME = "toy-2d";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "2-D mixtures (ring of 8, grid of 25 Gaussians): mode coverage and high-quality share during training";
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("data", "ring");
        d.put("data.size", "12800");
        d.put("data.seed", "1");
        d.put("latent", "8");
        d.put("hidden", "64");
        d.put("lr", "0.001");
        d.put("g.lr", "0.001");
        d.put("beta1", "0.5");
        d.put("batch", "128");
        d.put("k", "1");
        d.put("update", "alternating");
        d.put("loss", "non-saturating");
        d.put("eval.every", "5");
        d.put("checkpoint.every", "10");
        return d;
    }

    @Override
    public int defaultEpochs() {
        return 20;
    }

    /** The mixture the settings name. */
    public Mixture2D mixture(Settings s) {
        String name = s.string("data");
        if (!name.equals("ring") && !name.equals("grid")) {
            throw new IllegalArgumentException("Setting 'data' of recipe '" + NAME + "' must be ring (8 Gaussians on a circle)"
                    + " or grid (25 on a 5x5 grid), got '" + name + "'");
        }
        return ModeCoverage.mixture(name);
    }

    @Override
    public ArrayDataset trainingData(Settings s) {
        return mixture(s).sample(new Rng(s.integer("data.seed")), s.integer("data.size"));
    }

    @Override
    public GanModel model(Backend b, Rng rng, Settings s, ArrayDataset data) {
        int h = s.integer("hidden"), latent = s.integer("latent");
        Layer g = mlp(b, rng, latent, h, 2);
        Layer d = mlp(b, rng, 2, h, 1);
        return new GanModel(g, d, NoisePrior.normal(latent, 0, 1), new int[] {2});
    }

    /** in → h ReLU → h ReLU → out, He-initialised for ReLU (std √(2 / fan-in)). */
    private static Layer mlp(Backend b, Rng rng, int in, int h, int out) {
        return new Sequential(
                new Linear(b, rng, in, h, Init.normal(Math.sqrt(2.0 / in)), Init.zeros()), Activation.relu(),
                new Linear(b, rng, h, h, Init.normal(Math.sqrt(2.0 / h)), Init.zeros()), Activation.relu(),
                new Linear(b, rng, h, out, Init.normal(Math.sqrt(1.0 / h)), Init.zeros()));
    }

    @Override
    public Optimizer discriminatorOptimizer(GanModel m, Settings s) {
        return new Adam(m.discriminator().parameters(), Schedule.constant(s.number("lr")), s.number("beta1"), 0.999, 1e-8);
    }

    @Override
    public Optimizer generatorOptimizer(GanModel m, Settings s) {
        return new Adam(m.generator().parameters(), Schedule.constant(s.number("g.lr")), s.number("beta1"), 0.999, 1e-8);
    }

    @Override
    public TrainingConfig training(Settings s) {
        return new TrainingConfig(s.integer("batch"), s.integer("k"), PaperMnistRecipe.updateMode(s),
                GanLoss.parse(s.string("loss")));
    }

    @Override
    public List<TrainingListener> listeners(Path runDir, Settings s, long seed, int totalEpochs) {
        int every = s.integer("eval.every");
        if (every <= 0) {
            throw new IllegalArgumentException("Setting 'eval.every' of recipe '" + NAME + "' must be a positive number of"
                    + " epochs, got " + every);
        }
        return List.of(new ModeCoverageListener(runDir.resolve("modes.png"), mixture(s), seed, every, totalEpochs));
    }
}
