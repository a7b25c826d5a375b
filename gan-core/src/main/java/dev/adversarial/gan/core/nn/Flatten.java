package dev.adversarial.gan.core.nn;

import dev.adversarial.gan.api.Layer;
import dev.adversarial.gan.api.Tensor;

/** [N, d1, d2, ...] → [N, d1·d2·...], as PyTorch's nn.Flatten() (start_dim 1). */
public final class Flatten extends Layer {
    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() < 1) {
            throw new IllegalArgumentException("Flatten expects an input [batch, ...], got a scalar");
        }
        return x.rank() == 2 ? x : x.reshape(x.shape().dim(0), -1);
    }

    @Override
    public String toString() {
        return "Flatten";
    }
}
