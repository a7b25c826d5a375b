package dev.adversarial.gan.core.nn;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Conv2dSpec;
import dev.adversarial.gan.api.Layer;
import dev.adversarial.gan.api.Parameter;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Tensor;

/**
 * What {@link Conv2d} and {@link ConvTranspose2d} share: channels, geometry, a weight in
 * PyTorch's layout for the kind, an optional bias [out], and the input check. Each subclass
 * says how its weight is laid out and which convolution it applies.
 */
public abstract sealed class ConvolutionLayer extends Layer permits Conv2d, ConvTranspose2d {
    private final int in;
    private final int out;
    private final Conv2dSpec spec;
    private final Parameter weight;
    private final Parameter bias;

    ConvolutionLayer(Backend backend, Rng rng, int in, int out, int kh, int kw, Conv2dSpec spec, Init weightInit,
                     Init biasInit) {
        if (in <= 0 || out <= 0 || kh <= 0 || kw <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs positive channels and kernel size, got"
                    + " in=" + in + ", out=" + out + ", kernel " + kh + "x" + kw);
        }
        if (in % spec.groups() != 0 || out % spec.groups() != 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " channels in=" + in + " and out=" + out
                    + " must both be divisible by groups=" + spec.groups());
        }
        this.in = in;
        this.out = out;
        this.spec = spec;
        this.weight = registerParameter("weight", new Parameter(weightInit.create(backend, rng, weightDims(in, out, kh, kw, spec))));
        this.bias = biasInit == null ? null : registerParameter("bias", new Parameter(biasInit.create(backend, rng, out)));
    }

    /** The weight's shape for this kind of convolution. */
    abstract int[] weightDims(int in, int out, int kh, int kw, Conv2dSpec spec);

    /** The convolution itself, on a checked input. */
    abstract Tensor convolve(Tensor x, Tensor weight, Tensor bias);

    @Override
    public final Tensor forward(Tensor x) {
        if (x.rank() != 4 || x.shape().dim(1) != in) {
            throw new IllegalArgumentException(this + " expects input [batch, " + in + ", height, width], got " + x.shape());
        }
        return convolve(x, weight.value(), bias == null ? null : bias.value());
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
        return getClass().getSimpleName() + "(" + in + " -> " + out + ", kernel " + weight.shape().dim(2) + "x"
                + weight.shape().dim(3) + ", " + spec + ")";
    }
}
