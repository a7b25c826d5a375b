package dev.adversarial.gan.core.nn;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Layer;
import dev.adversarial.gan.api.Parameter;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Tensor;

/** y = x·Wᵀ + b, with W stored [out, in] as in PyTorch (and ONNX Gemm with transB). */
public final class Linear extends Layer {
    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;

    public Linear(Backend backend, Rng rng, int in, int out, Init weightInit, Init biasInit) {
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("Linear needs positive sizes, got in=" + in + ", out=" + out);
        }
        this.in = in;
        this.out = out;
        this.weight = registerParameter("weight", new Parameter(weightInit.create(backend, rng, out, in)));
        this.bias = registerParameter("bias", new Parameter(biasInit.create(backend, rng, out)));
    }

    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 2 || x.shape().dim(1) != in) {
            throw new IllegalArgumentException("Linear(" + in + " -> " + out + ") expects input [batch, " + in
                    + "], got " + x.shape());
        }
        return x.matmul(weight.value(), false, true).add(bias.value());
    }

    public int in() {
        return in;
    }

    public int out() {
        return out;
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    @Override
    public String toString() {
        return "Linear(" + in + " -> " + out + ")";
    }
}
