package dev.adversarial.gan.eval.classifier;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.GradientTape;
import dev.adversarial.gan.api.Parameter;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Scope;
import dev.adversarial.gan.api.Tensor;
import dev.adversarial.gan.api.optim.Adam;
import dev.adversarial.gan.core.data.ArrayDataset;
import java.util.List;
import java.util.function.Consumer;

/**
 * Trains a {@link FeatureClassifier} with the project's own backend (tensors, autograd, Adam) and
 * runs it over data in batches. Adam's learning rate falls linearly from {@code learningRate} to
 * {@code finalLearningRate} over the whole run, which settles the last epoch's weights without
 * a separate fine-tuning phase.
 */
public final class ClassifierTraining {
    private ClassifierTraining() {
    }

    /** How to train. */
    public record Config(int epochs, int batch, double learningRate, double finalLearningRate) {
        public Config {
            if (epochs < 1 || batch < 1 || !(learningRate > 0) || !(finalLearningRate >= 0)) {
                throw new IllegalArgumentException("Classifier training needs epochs >= 1, batch >= 1, learning rate > 0"
                        + " and final learning rate >= 0; got " + epochs + ", " + batch + ", " + learningRate + ", "
                        + finalLearningRate);
            }
        }
    }

    /** What training achieved. */
    public record Report(double testAccuracy, double seconds, double[] epochLoss) {
    }

    /**
     * Trains on {@code train} (labels required) and reports the accuracy on {@code test}.
     * Minibatches follow a fresh permutation from {@code rng} each epoch; a last partial batch
     * is dropped, as the GAN trainer does.
     */
    public static Report train(FeatureClassifier model, Backend backend, ArrayDataset train, ArrayDataset test,
                               Config config, Rng rng, Consumer<String> log) {
        requireFits(model, train);
        int n = train.size(), m = Math.min(config.batch(), n), in = train.exampleSize(), k = model.classes();
        int steps = n / m;
        long totalSteps = (long) steps * config.epochs();
        List<Parameter> params = model.parameters();
        Adam adam = new Adam(params, (step, epoch) -> config.learningRate()
                + (config.finalLearningRate() - config.learningRate()) * Math.min(1.0, (double) step / totalSteps),
                0.9, 0.999, 1e-8);
        long t0 = System.nanoTime();
        float[] x = new float[m * in];
        int[] labels = new int[m];
        float[] oneHot = new float[m * k];
        double[] epochLoss = new double[config.epochs()];
        model.train();
        try {
            for (int e = 0; e < config.epochs(); e++) {
                int[] order = rng.permutation(n);
                double sum = 0;
                for (int s = 0; s < steps; s++) {
                    train.gather(order, s * m, m, x);
                    train.gatherLabels(order, s * m, m, labels);
                    java.util.Arrays.fill(oneHot, 0f);
                    for (int i = 0; i < m; i++) {
                        oneHot[i * k + labels[i]] = 1f;
                    }
                    adam.zeroGrad();
                    try (Scope scope = Scope.open()) {
                        double loss;
                        try (GradientTape tape = GradientTape.open()) {
                            Tensor l = FeatureClassifier.crossEntropy(model.forward(backend.tensor(x, m, in)),
                                    backend.tensor(oneHot, m, k));
                            loss = l.item();
                            if (!Double.isFinite(loss)) {
                                throw new IllegalStateException("The classifier's loss became " + loss + " in epoch "
                                        + (e + 1) + "; lower the learning rate");
                            }
                            tape.backward(l, params);
                        }
                        adam.step();
                        sum += loss;
                    }
                }
                epochLoss[e] = sum / steps;
                log.accept(String.format(java.util.Locale.ROOT, "classifier epoch %d/%d: loss %.4f (%.0f s)", e + 1,
                        config.epochs(), epochLoss[e], (System.nanoTime() - t0) / 1e9));
            }
        } finally {
            model.eval();
            adam.close();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        return new Report(accuracy(model, backend, test), seconds, epochLoss);
    }

    /** The share of {@code data}'s examples whose label gets the highest logit. */
    public static double accuracy(FeatureClassifier model, Backend backend, ArrayDataset data) {
        requireFits(model, data);
        if (!data.hasLabels()) {
            throw new IllegalArgumentException("Accuracy needs labels; data set '" + data.name() + "' has none");
        }
        double[] p = run(model, backend, data.values(), data.size(), false).probabilities();
        int k = model.classes(), correct = 0;
        for (int i = 0; i < data.size(); i++) {
            int best = 0;
            for (int c = 1; c < k; c++) {
                if (p[i * k + c] > p[i * k + best]) {
                    best = c;
                }
            }
            if (best == data.label(i)) {
                correct++;
            }
        }
        return (double) correct / data.size();
    }

    /** Penultimate features and class probabilities for each of n inputs. */
    public record Outputs(float[] features, int featureSize, double[] probabilities, int classes, int count) {
    }

    /**
     * Runs the classifier in evaluation mode (no dropout) over the n rows of {@code x}, 500 at a
     * time. Features are kept only when {@code withFeatures}.
     */
    public static Outputs run(FeatureClassifier model, Backend backend, float[] x, int n, boolean withFeatures) {
        int in = model.inputs(), f = model.featureSize(), k = model.classes();
        if ((long) n * in != x.length) {
            throw new IllegalArgumentException("The classifier takes " + in + " values per example; got " + x.length
                    + " values for " + n + " examples");
        }
        boolean wasTraining = model.isTraining();
        model.eval();
        float[] features = withFeatures ? new float[n * f] : null;
        double[] probs = new double[n * k];
        int batch = 500;
        try (GradientTape.Pause noGrad = GradientTape.noGrad()) {
            for (int start = 0; start < n; start += batch) {
                int m = Math.min(batch, n - start);
                float[] chunk = java.util.Arrays.copyOfRange(x, start * in, (start + m) * in);
                try (Scope scope = Scope.open()) {
                    Tensor h = model.features(backend.tensor(chunk, m, in));
                    if (withFeatures) {
                        System.arraycopy(h.toArray(), 0, features, start * f, m * f);
                    }
                    float[] p = FeatureClassifier.softmax(model.logits(h)).toArray();
                    for (int i = 0; i < m * k; i++) {
                        probs[start * k + i] = p[i];
                    }
                }
            }
        } finally {
            if (wasTraining) {
                model.train();
            }
        }
        return new Outputs(features, f, probs, k, n);
    }

    private static void requireFits(FeatureClassifier model, ArrayDataset data) {
        if (data.exampleSize() != model.inputs()) {
            throw new IllegalArgumentException("Data set '" + data.name() + "' has examples of " + data.exampleSize()
                    + " values but the classifier takes " + model.inputs());
        }
        if (!data.hasLabels()) {
            throw new IllegalArgumentException("Data set '" + data.name() + "' has no labels to train or test on");
        }
    }
}
