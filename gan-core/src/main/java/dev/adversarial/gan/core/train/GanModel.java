package dev.adversarial.gan.core.train;

import dev.adversarial.gan.api.Layer;
import java.util.Arrays;

/**
 * The two players and the noise they share: G maps [n, prior.dim()] noise to [n, dataShape…]
 * samples; D maps samples to [n, 1] logits (D(x) = σ(logit)).
 */
public record GanModel(Layer generator, Layer discriminator, NoisePrior prior, int[] dataShape)
        implements AutoCloseable {

    public GanModel {
        dataShape = dataShape.clone();
    }

    public int[] dataShape() {
        return dataShape.clone();
    }

    /** Number of values in one sample. */
    public int dataSize() {
        return Arrays.stream(dataShape).reduce(1, (x, y) -> x * y);
    }

    @Override
    public void close() {
        generator.close();
        discriminator.close();
    }
}
