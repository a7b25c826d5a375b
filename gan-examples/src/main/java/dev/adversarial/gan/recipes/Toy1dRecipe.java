package dev.adversarial.gan.recipes;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Layer;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.optim.Adam;
import dev.adversarial.gan.api.optim.Optimizer;
import dev.adversarial.gan.api.optim.Schedule;
import dev.adversarial.gan.core.data.ArrayDataset;
import dev.adversarial.gan.core.data.GaussianMixture1D;
import dev.adversarial.gan.core.loss.GanLoss;
import dev.adversarial.gan.core.nn.Activation;
import dev.adversarial.gan.core.nn.Init;
import dev.adversarial.gan.core.nn.Linear;
import dev.adversarial.gan.core.nn.Sequential;
import dev.adversarial.gan.core.train.GanModel;
import dev.adversarial.gan.core.train.NoisePrior;
import dev.adversarial.gan.core.train.TrainingConfig;
import dev.adversarial.gan.core.train.TrainingListener;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The paper's Figure 1 made real: a one-dimensional game where p_data is a Gaussian (or a
 * two-mode mixture with {@code --set data=mixture}), G maps Gaussian noise through a small tanh
 * MLP, and D is a tanh MLP. Algorithm 1 with k = 3 discriminator steps and Adam (G at half D's
 * learning rate). Every epoch the run records the paper's theory in metrics.csv (V(D, G), C(G),
 * −log 4 + 2·JSD, JSD, mean |D − ½|) and draws theory.png; figure-1.png shows p_data, p_g (exact,
 * by change of variables), D(x) and D* at four moments of training.
 *
 * <p>Why these defaults: the run must end at the game's equilibrium (W1 to p_data ≤ 0.02, JSD
 * ≤ 0.005 nats, mean |D − ½| ≤ 0.05) from every seed. Three changes get it there:
 * <ul>
 *   <li>{@code g.init} 0.2 (was 1): G's first-layer weights and biases start small, so its tanh
 *       units are in their linear range over the bulk of the noise. With 1 they saturate, G's
 *       output is bounded near p_data's upper shoulder and piles the tail's mass into a spike
 *       there, which no gradient through a saturated unit can move.</li>
 *   <li>{@code batch} 500 and {@code data.size} 60,000 (were 200 and 20,000): D chases the
 *       sampling noise of each minibatch (about 0.5/√m in the mean), and G follows; 2.5 times the
 *       batch shrinks that jitter at the same number of iterations per epoch.</li>
 *   <li>{@code lr.decay} 0.9 per epoch from epoch 25: both learning rates fall to a fifth by epoch
 *       40, so the last epochs average out the remaining oscillation.</li>
 * </ul>
 * docs/RESULTS.md lists what each change measured, and the five seeds' results.
 */
public final class Toy1dRecipe implements Recipe {
    public static final String NAME = "toy-1d";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Figure 1: a 1-D Gaussian learned by a small MLP GAN; draws p_data, p_g and D(x) during training";
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("data", "gaussian");
        d.put("data.mean", "2");
        d.put("data.std", "0.5");
        d.put("data.size", "60000");
        d.put("data.seed", "1");
        d.put("noise", "normal");
        d.put("hidden", "32");
        d.put("g.activation", "tanh");
        d.put("g.init", "0.2");
        d.put("lr", "0.001");
        d.put("g.lr", "0.0005");
        d.put("beta1", "0.5");
        d.put("lr.decay", "0.9");
        d.put("lr.decay.start", "25");
        d.put("batch", "500");
        d.put("k", "3");
        d.put("update", "alternating");
        d.put("loss", "non-saturating");
        d.put("checkpoint.every", "10");
        return d;
    }

    @Override
    public int defaultEpochs() {
        return 40;
    }

    /** p_data as the settings choose it; `gan evaluate theory` compares a checkpoint's p_g with it. */
    public GaussianMixture1D distribution(Settings s) {
        return switch (s.string("data")) {
            case "gaussian" -> GaussianMixture1D.gaussian(s.number("data.mean"), s.number("data.std"));
            case "mixture" -> GaussianMixture1D.figure1Default();
            default -> throw new IllegalArgumentException("Setting 'data' must be gaussian or mixture, got '" + s.string("data") + "'");
        };
    }

    @Override
    public ArrayDataset trainingData(Settings s) {
        return distribution(s).sample(new Rng(s.integer("data.seed")), s.integer("data.size"));
    }

    @Override
    public GanModel model(Backend b, Rng rng, Settings s, ArrayDataset data) {
        int h = s.integer("hidden");
        Layer g = new Sequential(
                new Linear(b, rng, 1, h, Init.normal(s.number("g.init")), Init.normal(s.number("g.init"))),
                generatorActivation(s),
                new Linear(b, rng, h, h, Init.normal(1.0 / Math.sqrt(h)), Init.zeros()), generatorActivation(s),
                new Linear(b, rng, h, 1, Init.normal(1.0 / Math.sqrt(h)), Init.zeros()));
        Layer d = new Sequential(
                new Linear(b, rng, 1, h, Init.normal(1.0), Init.normal(1.0)), Activation.tanh(),
                new Linear(b, rng, h, h, Init.normal(1.0 / Math.sqrt(h)), Init.zeros()), Activation.tanh(),
                new Linear(b, rng, h, 1, Init.normal(1.0 / Math.sqrt(h)), Init.zeros()));
        NoisePrior prior = switch (s.string("noise")) {
            case "uniform" -> NoisePrior.uniform(1, -1, 1);
            case "normal" -> NoisePrior.normal(1, 0, 1);
            default -> throw new IllegalArgumentException("Setting 'noise' must be uniform or normal, got '" + s.string("noise") + "'");
        };
        return new GanModel(g, d, prior, new int[] {1});
    }

    private static Activation generatorActivation(Settings s) {
        return switch (s.string("g.activation")) {
            case "tanh" -> Activation.tanh();
            case "leaky-relu" -> Activation.leakyRelu(0.2);
            default -> throw new IllegalArgumentException("Setting 'g.activation' of recipe '" + NAME + "' must be tanh or"
                    + " leaky-relu, got '" + s.string("g.activation") + "'");
        };
    }

    @Override
    public Optimizer discriminatorOptimizer(GanModel m, Settings s) {
        return adam(m.discriminator(), s.number("lr"), s);
    }

    @Override
    public Optimizer generatorOptimizer(GanModel m, Settings s) {
        return adam(m.generator(), s.number("g.lr"), s);
    }

    private static Optimizer adam(Layer m, double lr, Settings s) {
        double decay = s.number("lr.decay");
        if (!(decay > 0 && decay <= 1)) {
            throw new IllegalArgumentException("Setting 'lr.decay' of recipe '" + NAME + "' is the learning rates' factor per"
                    + " epoch and must be in (0, 1], got " + decay);
        }
        int start = s.integer("lr.decay.start");
        Schedule schedule = decay == 1 ? Schedule.constant(lr) : (step, epoch) -> lr * Math.pow(decay, Math.max(0, epoch - start));
        return new Adam(m.parameters(), schedule, s.number("beta1"), 0.999, 1e-8);
    }

    @Override
    public TrainingConfig training(Settings s) {
        return new TrainingConfig(s.integer("batch"), s.integer("k"), PaperMnistRecipe.updateMode(s),
                GanLoss.parse(s.string("loss")));
    }

    @Override
    public List<TrainingListener> listeners(Path runDir, Settings s, long seed, int totalEpochs) {
        return List.of(new Figure1Listener(runDir, distribution(s), seed, totalEpochs));
    }
}
