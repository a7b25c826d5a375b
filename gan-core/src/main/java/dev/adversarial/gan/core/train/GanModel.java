package dev.adversarial.gan.core.train;

import dev.adversarial.gan.api.Layer;
import java.util.Arrays;

/**
 * The two players and the noise they share: G maps [n, prior.dim()] noise to [n, dataShape…]
 * samples; D maps samples to [n, 1] logits (D(x) = σ(logit)).
 *
 * <p>A conditional model ({@code classes > 0}, Mirza and Osindero 2014) sees the class label as a
 * one-hot vector appended to each input row: G takes [n, prior.dim() + classes] (the noise, then
 * the one-hot label) and D takes [n, dataSize() + classes] (the flat sample, then the one-hot
 * label). {@link Conditioning} builds those inputs, so every caller feeds labels the same way and a
 * network decides for itself how to use them (a fully connected layer reads them as extra inputs;
 * a convolutional D turns them into constant label maps).
 */
public record GanModel(Layer generator, Layer discriminator, NoisePrior prior, int[] dataShape, int classes)
        implements AutoCloseable {

    public GanModel {
        dataShape = dataShape.clone();
        if (classes < 0 || classes == 1) {
            throw new IllegalArgumentException("A conditional model needs at least 2 classes (0 for an unconditional one), got "
                    + classes);
        }
    }

    /** An unconditional model. */
    public GanModel(Layer generator, Layer discriminator, NoisePrior prior, int[] dataShape) {
        this(generator, discriminator, prior, dataShape, 0);
    }

    public int[] dataShape() {
        return dataShape.clone();
    }

    /** Number of values in one sample. */
    public int dataSize() {
        return Arrays.stream(dataShape).reduce(1, (x, y) -> x * y);
    }

    /** Whether G and D take a class label (see the class comment). */
    public boolean isConditional() {
        return classes > 0;
    }

    @Override
    public void close() {
        generator.close();
        discriminator.close();
    }
}
