package dev.adversarial.gan.eval.classifier;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Layer;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Tensor;
import dev.adversarial.gan.core.nn.Activation;
import dev.adversarial.gan.core.nn.Dropout;
import dev.adversarial.gan.core.nn.Init;
import dev.adversarial.gan.core.nn.Linear;
import dev.adversarial.gan.core.nn.Sequential;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A multilayer perceptron classifier whose last hidden layer serves as the feature space of the
 * classifier-based metrics (FID, KID, precision and recall), as Inception's pool3 layer does for
 * natural images. Each hidden block is Linear → ReLU → Dropout; the head is one Linear to the
 * class logits. For MNIST-like data the evaluation uses 784 → 512 → 256 → 10.
 *
 * <p>Weights start uniform in ±√(6 / (in + out)) (Glorot and Bengio, 2010), which keeps ReLU
 * activations in range for Adam's first steps.
 */
public final class FeatureClassifier extends Layer {
    private final int inputs;
    private final int[] hidden;
    private final int classes;
    private final Sequential body;
    private final Linear head;

    /**
     * @param keep dropout keep probability after each hidden layer while training (1 = none)
     * @param rng  initial weights and, while training, the dropout masks
     */
    public FeatureClassifier(Backend backend, Rng rng, int inputs, int[] hidden, int classes, double keep) {
        if (inputs < 1 || classes < 2 || hidden.length == 0) {
            throw new IllegalArgumentException("A classifier needs inputs, at least one hidden layer and two classes; got "
                    + inputs + " -> " + Arrays.toString(hidden) + " -> " + classes);
        }
        this.inputs = inputs;
        this.hidden = hidden.clone();
        this.classes = classes;
        List<Layer> layers = new ArrayList<>();
        int in = inputs;
        for (int h : hidden) {
            layers.add(new Linear(backend, rng, in, h, glorot(in, h), Init.zeros()));
            layers.add(Activation.relu());
            layers.add(new Dropout(keep, rng));
            in = h;
        }
        this.body = registerLayer("body", new Sequential(layers));
        this.head = registerLayer("head", new Linear(backend, rng, in, classes, glorot(in, classes), Init.zeros()));
    }

    private static Init glorot(int in, int out) {
        return Init.uniform(Math.sqrt(6.0 / (in + out)));
    }

    /** Class logits, [batch, classes]. */
    @Override
    public Tensor forward(Tensor x) {
        return head.forward(body.forward(x));
    }

    /** The penultimate layer (after the last ReLU), [batch, featureSize()]. */
    public Tensor features(Tensor x) {
        return body.forward(x);
    }

    /** Class logits from penultimate features: {@code forward(x) == logits(features(x))}. */
    public Tensor logits(Tensor features) {
        return head.forward(features);
    }

    /** Softmax probabilities from logits, computed stably by subtracting each row's maximum. */
    public static Tensor softmax(Tensor logits) {
        Tensor shifted = logits.sub(logits.max(1, true).detach());
        Tensor e = shifted.exp();
        return e.div(e.sum(1, true));
    }

    /** Mean cross-entropy of logits [batch, classes] against one-hot targets of the same shape. */
    public static Tensor crossEntropy(Tensor logits, Tensor oneHot) {
        Tensor max = logits.max(1, true).detach();
        Tensor logSumExp = logits.sub(max).exp().sum(1, true).log().add(max);
        return logSumExp.sub(logits.mul(oneHot).sum(1, true)).mean();
    }

    public int inputs() {
        return inputs;
    }

    public int[] hidden() {
        return hidden.clone();
    }

    public int classes() {
        return classes;
    }

    public int featureSize() {
        return hidden[hidden.length - 1];
    }

    @Override
    public String toString() {
        return "FeatureClassifier(" + inputs + " -> " + Arrays.toString(hidden) + " -> " + classes + ")";
    }
}
