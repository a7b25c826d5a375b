package dev.adversarial.gan.core.nn;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Conv2dSpec;
import dev.adversarial.gan.api.Module;
import dev.adversarial.gan.api.Parameter;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Tensor;

/**
 * PyTorch's nn.ConvTranspose2d: input [N, in, H, W], weight [in, out/groups, kh, kw], optional
 * bias [out]; output size (H − 1)·stride − 2·padding + dilation·(k − 1) + outputPadding + 1.
 * The short constructor uses DCGAN's initialisation (weights N(0, 0.02), bias 0).
 */
public final class ConvTranspose2d extends Module {
    private final int in;
    private final int out;
    private final Conv2dSpec spec;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * @param biasInit how the bias starts, or null for a layer without bias (as before batch norm)
     */
    public ConvTranspose2d(Backend backend, Rng rng, int in, int out, int kh, int kw, Conv2dSpec spec, Init weightInit,
                           Init biasInit) {
        ConvLayers.checkChannels("ConvTranspose2d", in, out, kh, kw, spec);
        this.in = in;
        this.out = out;
        this.spec = spec;
        this.weight = registerParameter("weight", new Parameter(weightInit.create(backend, rng, in, out / spec.groups(), kh, kw)));
        this.bias = biasInit == null ? null : registerParameter("bias", new Parameter(biasInit.create(backend, rng, out)));
    }

    /** A square kernel with DCGAN's initialisation and a bias. */
    public ConvTranspose2d(Backend backend, Rng rng, int in, int out, int kernel, Conv2dSpec spec) {
        this(backend, rng, in, out, kernel, kernel, spec, Init.normal(0.02), Init.zeros());
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 4 || x.shape().dim(1) != in) {
            throw new IllegalArgumentException(this + " expects input [batch, " + in + ", height, width], got " + x.shape());
        }
        return x.convTranspose2d(weight.value(), bias == null ? null : bias.value(), spec);
    }

    public int in() {
        return in;
    }

    public int out() {
        return out;
    }

    public Conv2dSpec spec() {
        return spec;
    }

    public Parameter weight() {
        return weight;
    }

    /** The bias, or null for a layer without one. */
    public Parameter bias() {
        return bias;
    }

    @Override
    public String toString() {
        return "ConvTranspose2d(" + in + " -> " + out + ", kernel " + weight.shape().dim(2) + "x" + weight.shape().dim(3)
                + ", " + spec + ")";
    }
}
