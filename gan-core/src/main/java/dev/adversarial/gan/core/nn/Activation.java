package dev.adversarial.gan.core.nn;

import dev.adversarial.gan.api.Layer;
import dev.adversarial.gan.api.Tensor;

/** Parameter-free elementwise activations as modules, so they can sit in a Sequential. */
public final class Activation extends Layer {
    /** The functions on offer; their names are what ONNX export and provenance record. */
    public enum Kind {
        RELU, LEAKY_RELU, SIGMOID, TANH, IDENTITY
    }

    private final Kind kind;
    private final float alpha;

    private Activation(Kind kind, float alpha) {
        this.kind = kind;
        this.alpha = alpha;
    }

    public static Activation relu() {
        return new Activation(Kind.RELU, 0);
    }

    public static Activation leakyRelu(double alpha) {
        return new Activation(Kind.LEAKY_RELU, (float) alpha);
    }

    public static Activation sigmoid() {
        return new Activation(Kind.SIGMOID, 0);
    }

    public static Activation tanh() {
        return new Activation(Kind.TANH, 0);
    }

    public static Activation identity() {
        return new Activation(Kind.IDENTITY, 0);
    }

    public Kind kind() {
        return kind;
    }

    /** The negative slope of a leaky ReLU. */
    public float alpha() {
        return alpha;
    }

    @Override
    public Tensor forward(Tensor x) {
        return switch (kind) {
            case RELU -> x.relu();
            case LEAKY_RELU -> x.leakyRelu(alpha);
            case SIGMOID -> x.sigmoid();
            case TANH -> x.tanh();
            case IDENTITY -> x;
        };
    }

    @Override
    public String toString() {
        return kind == Kind.LEAKY_RELU ? "LeakyReLU(" + alpha + ")" : kind.name();
    }
}
