package dev.adversarial.gan.recipes;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Layer;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Scope;
import dev.adversarial.gan.api.optim.Optimizer;
import dev.adversarial.gan.api.optim.Schedule;
import dev.adversarial.gan.api.optim.Sgd;
import dev.adversarial.gan.core.data.ArrayDataset;
import dev.adversarial.gan.core.loss.GanLoss;
import dev.adversarial.gan.core.nn.Activation;
import dev.adversarial.gan.core.nn.Init;
import dev.adversarial.gan.core.nn.Linear;
import dev.adversarial.gan.core.nn.Sequential;
import dev.adversarial.gan.core.train.GanModel;
import dev.adversarial.gan.core.train.NoisePrior;
import dev.adversarial.gan.core.train.TrainingConfig;
import dev.adversarial.gan.core.train.UpdateMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A small conditional MNIST-shaped model for the tests of sampling, export and evaluation by
 * class: G is [z (8), one-hot label (10)] → 16 ReLU → 784 sigmoid, D is [x (784), one-hot label]
 * → 16 ReLU → 1, the layout of {@code Conditioning}. It is found through
 * META-INF/services on the test class path only (see {@link RecipesModule}), so the conditional
 * commands are tested without depending on how a real conditional recipe is built or trained.
 *
 * <p>{@link #prototypeGenerator} sets G's weights so that each class draws near its class-mean
 * image: a stand-in for a well-trained conditional generator whose samples the evaluation
 * classifier should recognise.
 */
public final class ConditionalTestRecipe implements Recipe {
    public static final String NAME = "test-conditional-mlp";
    public static final int LATENT = 8;
    public static final int HIDDEN = 16;
    public static final int CLASSES = 10;
    public static final int PIXELS = 784;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "Test only: a tiny conditional MLP GAN on MNIST-shaped data (10 classes)";
    }

    @Override
    public Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("data", "mnist");
        d.put("batch", "10");
        d.put("lr", "0.01");
        return d;
    }

    @Override
    public int defaultEpochs() {
        return 1;
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
        Init w = Init.uniform(0.3);
        Layer g = new Sequential(new Linear(b, rng, LATENT + CLASSES, HIDDEN, w, w), Activation.relu(),
                new Linear(b, rng, HIDDEN, PIXELS, w, w), Activation.sigmoid());
        Layer d = new Sequential(new Linear(b, rng, PIXELS + CLASSES, HIDDEN, w, Init.zeros()), Activation.relu(),
                new Linear(b, rng, HIDDEN, 1, w, Init.zeros()));
        return new GanModel(g, d, NoisePrior.uniform(LATENT, -1, 1), new int[] {PIXELS}, CLASSES);
    }

    /**
     * Sets G so that hidden unit c is on exactly for label c (plus a little noise in units 10 to
     * 15), and the output layer maps unit c to the logit of {@code means[c]}, the mean image of
     * class c: every sample of class c is then close to that class's mean.
     */
    public static void prototypeGenerator(GanModel model, Backend b, float[][] means, Rng rng) {
        float[] w1 = new float[HIDDEN * (LATENT + CLASSES)], w2 = new float[PIXELS * HIDDEN];
        for (int c = 0; c < CLASSES; c++) {
            w1[c * (LATENT + CLASSES) + LATENT + c] = 1f;
            for (int p = 0; p < PIXELS; p++) {
                double m = Math.min(0.98, Math.max(0.02, means[c][p]));
                w2[p * HIDDEN + c] = (float) Math.log(m / (1 - m));
            }
        }
        for (int h = CLASSES; h < HIDDEN; h++) {
            for (int j = 0; j < LATENT; j++) {
                w1[h * (LATENT + CLASSES) + j] = (float) (rng.nextDouble() - 0.5);
            }
            for (int p = 0; p < PIXELS; p++) {
                w2[p * HIDDEN + h] = (float) (0.2 * (rng.nextDouble() - 0.5));
            }
        }
        Map<String, dev.adversarial.gan.api.Parameter> params = model.generator().namedParameters();
        try (Scope s = Scope.open()) {
            params.get("0.weight").set(b.tensor(w1, HIDDEN, LATENT + CLASSES));
            params.get("0.bias").set(b.tensor(new float[HIDDEN], HIDDEN));
            params.get("2.weight").set(b.tensor(w2, PIXELS, HIDDEN));
            params.get("2.bias").set(b.tensor(new float[PIXELS], PIXELS));
        }
    }

    @Override
    public Optimizer discriminatorOptimizer(GanModel m, Settings s) {
        return sgd(m.discriminator(), s);
    }

    @Override
    public Optimizer generatorOptimizer(GanModel m, Settings s) {
        return sgd(m.generator(), s);
    }

    private static Optimizer sgd(Layer layer, Settings s) {
        return new Sgd(layer.parameters(), new Schedule.ExponentialDecay(s.number("lr"), 1, s.number("lr")),
                new Schedule.LinearRamp(0.5, 0.5, 1, 1), false);
    }

    @Override
    public TrainingConfig training(Settings s) {
        return new TrainingConfig(s.integer("batch"), 1, UpdateMode.ALTERNATING, GanLoss.parse("non-saturating"), 1);
    }
}
