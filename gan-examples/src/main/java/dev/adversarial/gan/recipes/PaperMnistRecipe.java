package dev.adversarial.gan.recipes;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Layer;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.optim.Optimizer;
import dev.adversarial.gan.api.optim.Schedule;
import dev.adversarial.gan.api.optim.Sgd;
import dev.adversarial.gan.core.data.ArrayDataset;
import dev.adversarial.gan.core.data.DataPaths;
import dev.adversarial.gan.core.data.FashionMnist;
import dev.adversarial.gan.core.data.Mnist;
import dev.adversarial.gan.core.loss.GanLoss;
import dev.adversarial.gan.core.nn.Activation;
import dev.adversarial.gan.core.nn.Dropout;
import dev.adversarial.gan.core.nn.Init;
import dev.adversarial.gan.core.nn.Linear;
import dev.adversarial.gan.core.nn.Maxout;
import dev.adversarial.gan.core.nn.Sequential;
import dev.adversarial.gan.core.train.GanModel;
import dev.adversarial.gan.core.train.NoisePrior;
import dev.adversarial.gan.core.train.TrainingConfig;
import dev.adversarial.gan.core.train.UpdateMode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The paper's MNIST experiment, as the original code's mnist.yaml configures it
 * (see shared/PAPER.md): G is 100 → 1200 ReLU → 1200 ReLU → 784 sigmoid with weights uniform in
 * ±0.05 and the output bias at the logit of the training pixels' marginals; D is maxout
 * 784 → 240×5 → 240×5 → 1 with weights in ±0.005 and dropout (input kept with 0.8 and scaled by
 * 1.25, later layers' inputs kept with 0.5 and scaled by 2); SGD with batch 100, learning rate
 * 0.1 decayed by 1.000004 per step to a floor of 1e-6, momentum 0.5 rising to 0.7 between epochs
 * 1 and 250; k = 1. Updates default to the original code's simultaneous form;
 * {@code --set update=alternating} gives Algorithm 1 as the paper states it.
 */
public final class PaperMnistRecipe implements Recipe {
    public static final String NAME = "paper-mnist";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Goodfellow et al. 2014 MNIST: ReLU MLP generator, maxout discriminator with dropout, SGD + momentum";
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("data", "mnist");
        d.put("latent", "100");
        d.put("noise", "uniform");
        d.put("noise.range", Double.toString(Math.sqrt(3)));
        d.put("g.hidden", "1200");
        d.put("g.init", "0.05");
        d.put("d.units", "240");
        d.put("d.pieces", "5");
        d.put("d.init", "0.005");
        d.put("d.input.keep", "0.8");
        d.put("d.input.scale", "1.25");
        d.put("d.hidden.keep", "0.5");
        d.put("d.hidden.scale", "2");
        d.put("lr", "0.1");
        d.put("lr.decay", "1.000004");
        d.put("lr.min", "0.000001");
        d.put("momentum.start", "0.5");
        d.put("momentum.end", "0.7");
        d.put("momentum.saturate", "250");
        d.put("batch", "100");
        d.put("k", "1");
        d.put("update", "simultaneous");
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
        return mnistTrainingData(s);
    }

    /** train[0:50000] of MNIST or Fashion-MNIST, as the setting {@code data} says. */
    static ArrayDataset mnistTrainingData(Settings s) throws java.io.IOException {
        return switch (s.string("data")) {
            case "mnist" -> Mnist.load(DataPaths.cacheDir()).train();
            case "fashion-mnist" -> FashionMnist.load(null).train();
            default -> throw new IllegalArgumentException("Setting 'data' must be mnist or fashion-mnist, got '"
                    + s.string("data") + "'");
        };
    }

    @Override
    public GanModel model(Backend b, Rng rng, Settings s, ArrayDataset data) {
        int latent = s.integer("latent"), hidden = s.integer("g.hidden"), pixels = 784;
        Init gInit = Init.uniform(s.number("g.init")), dInit = Init.uniform(s.number("d.init"));
        Init outputBias = data == null ? Init.zeros() : Init.values(logitOfMarginals(data));
        Layer g = new Sequential(
                new Linear(b, rng, latent, hidden, gInit, Init.zeros()), Activation.relu(),
                new Linear(b, rng, hidden, hidden, gInit, Init.zeros()), Activation.relu(),
                new Linear(b, rng, hidden, pixels, gInit, outputBias), Activation.sigmoid());
        int units = s.integer("d.units"), pieces = s.integer("d.pieces");
        double hiddenKeep = s.number("d.hidden.keep"), hiddenScale = s.number("d.hidden.scale");
        Layer d = new Sequential(
                new Dropout(s.number("d.input.keep"), s.number("d.input.scale"), rng),
                new Maxout(b, rng, pixels, units, pieces, dInit, Init.zeros()),
                new Dropout(hiddenKeep, hiddenScale, rng),
                new Maxout(b, rng, units, units, pieces, dInit, Init.zeros()),
                new Dropout(hiddenKeep, hiddenScale, rng),
                new Linear(b, rng, units, 1, dInit, Init.zeros()));
        return new GanModel(g, d, noise(s), new int[] {pixels});
    }

    static NoisePrior noise(Settings s) {
        int latent = s.integer("latent");
        double r = s.number("noise.range");
        return switch (s.string("noise").toLowerCase(Locale.ROOT)) {
            case "uniform" -> NoisePrior.uniform(latent, -r, r);
            case "normal" -> NoisePrior.normal(latent, 0, 1);
            default -> throw new IllegalArgumentException("Setting 'noise' must be uniform or normal, got '" + s.string("noise") + "'");
        };
    }

    /**
     * pylearn2's init_sigmoid_bias_from_marginals: the logit of each pixel's mean over the
     * training set, clipped to [1e-7, 1 − 1e-7] so that always-black pixels stay finite.
     */
    static float[] logitOfMarginals(ArrayDataset data) {
        int d = data.exampleSize(), n = data.size();
        double[] mean = new double[d];
        float[] v = data.values();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                mean[j] += v[i * d + j];
            }
        }
        float[] bias = new float[d];
        for (int j = 0; j < d; j++) {
            double p = Math.min(1 - 1e-7, Math.max(1e-7, mean[j] / n));
            bias[j] = (float) Math.log(p / (1 - p));
        }
        return bias;
    }

    @Override
    public Optimizer discriminatorOptimizer(GanModel m, Settings s) {
        return sgd(m.discriminator(), s);
    }

    @Override
    public Optimizer generatorOptimizer(GanModel m, Settings s) {
        return sgd(m.generator(), s);
    }

    private static Optimizer sgd(Layer module, Settings s) {
        Schedule lr = new Schedule.ExponentialDecay(s.number("lr"), s.number("lr.decay"), s.number("lr.min"));
        Schedule momentum = new Schedule.LinearRamp(s.number("momentum.start"), s.number("momentum.end"), 1,
                s.integer("momentum.saturate"));
        return new Sgd(module.parameters(), lr, momentum, false);
    }

    @Override
    public TrainingConfig training(Settings s) {
        return new TrainingConfig(s.integer("batch"), s.integer("k"), updateMode(s), GanLoss.parse(s.string("loss")));
    }

    static UpdateMode updateMode(Settings s) {
        try {
            return UpdateMode.valueOf(s.string("update").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Setting 'update' must be simultaneous or alternating, got '"
                    + s.string("update") + "'");
        }
    }
}
