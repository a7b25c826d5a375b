package dev.adversarial.gan.core.nn;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Conv2dSpec;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Tensor;

/**
 * PyTorch's nn.Conv2d: input [N, in, H, W], weight [out, in/groups, kh, kw], optional bias [out].
 * The short constructor uses DCGAN's initialisation (weights N(0, 0.02), bias 0).
 */
public final class Conv2d extends ConvolutionLayer {
    /**
     * @param biasInit how the bias starts, or null for a layer without bias (as before batch norm)
     */
    public Conv2d(Backend backend, Rng rng, int in, int out, int kh, int kw, Conv2dSpec spec, Init weightInit,
                  Init biasInit) {
        super(backend, rng, in, out, kh, kw, checkNoOutputPadding(spec), weightInit, biasInit);
    }

    /** A square kernel with DCGAN's initialisation and a bias. */
    public Conv2d(Backend backend, Rng rng, int in, int out, int kernel, Conv2dSpec spec) {
        this(backend, rng, in, out, kernel, kernel, spec, Init.normal(0.02), Init.zeros());
    }

    private static Conv2dSpec checkNoOutputPadding(Conv2dSpec spec) {
        if (spec.outputPadH() != 0 || spec.outputPadW() != 0) {
            throw new IllegalArgumentException("Conv2d takes no output padding (" + spec + "); use ConvTranspose2d");
        }
        return spec;
    }

    @Override
    int[] weightDims(int in, int out, int kh, int kw, Conv2dSpec spec) {
        return new int[] {out, in / spec.groups(), kh, kw};
    }

    @Override
    Tensor convolve(Tensor x, Tensor weight, Tensor bias) {
        return x.conv2d(weight, bias, spec());
    }
}
