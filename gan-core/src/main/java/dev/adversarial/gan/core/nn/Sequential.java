package dev.adversarial.gan.core.nn;

import dev.adversarial.gan.api.Module;
import dev.adversarial.gan.api.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Applies its layers in order; they are named "0", "1", … as in PyTorch's nn.Sequential. */
public final class Sequential extends Module {
    private final List<Module> layers;

    public Sequential(List<Module> layers) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("Sequential needs at least one layer");
        }
        this.layers = List.copyOf(layers);
        for (int i = 0; i < layers.size(); i++) {
            registerModule(Integer.toString(i), layers.get(i));
        }
    }

    public Sequential(Module... layers) {
        this(List.of(layers));
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor h = x;
        for (Module m : layers) {
            h = m.forward(h);
        }
        return h;
    }

    public List<Module> layers() {
        return new ArrayList<>(layers);
    }
}
