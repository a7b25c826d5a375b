package dev.adversarial.gan.core.nn;

import dev.adversarial.gan.api.Layer;
import dev.adversarial.gan.api.Tensor;
import java.util.Arrays;

/** [N, c·h·w] → [N, c, h, w] (any trailing shape), as PyTorch's nn.Unflatten(1, shape). */
public final class Unflatten extends Layer {
    private final int[] shape;
    private final int size;

    public Unflatten(int... shape) {
        if (shape.length == 0 || Arrays.stream(shape).anyMatch(d -> d <= 0)) {
            throw new IllegalArgumentException("Unflatten needs positive dimensions, got " + Arrays.toString(shape));
        }
        this.shape = shape.clone();
        this.size = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 2 || x.shape().dim(1) != size) {
            throw new IllegalArgumentException(this + " expects input [batch, " + size + "], got " + x.shape());
        }
        int[] to = new int[shape.length + 1];
        to[0] = x.shape().dim(0);
        System.arraycopy(shape, 0, to, 1, shape.length);
        return x.reshape(to);
    }

    /** The shape each example takes, without the batch axis. */
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public String toString() {
        return "Unflatten" + Arrays.toString(shape);
    }
}
