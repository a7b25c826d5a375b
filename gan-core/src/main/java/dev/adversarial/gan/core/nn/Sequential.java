package dev.adversarial.gan.core.nn;

import dev.adversarial.gan.api.Layer;
import dev.adversarial.gan.api.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Applies its layers in order; they are named "0", "1", … as in PyTorch's nn.Sequential. */
public final class Sequential extends Layer {
    private final List<Layer> layers;

    public Sequential(List<Layer> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("Sequential needs at least one layer");
        }
        this.layers = List.copyOf(layers);
        for (int i = 0; i < layers.size(); i++) {
            registerLayer(Integer.toString(i), layers.get(i));
        }
    }

    public Sequential(Layer... layers) {
        this(List.of(layers));
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor h = x;
        for (Layer m : layers) {
            h = m.forward(h);
        }
        return h;
    }

    public List<Layer> layers() {
        return new ArrayList<>(layers);
    }
}
