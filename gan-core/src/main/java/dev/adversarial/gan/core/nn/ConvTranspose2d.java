package dev.adversarial.gan.core.nn;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Conv2dSpec;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Tensor;

/**
 * PyTorch's nn.ConvTranspose2d: input [N, in, H, W], weight [in, out/groups, kh, kw], optional
 * bias [out]; output size (H − 1)·stride − 2·padding + dilation·(k − 1) + outputPadding + 1.
 * The short constructor uses DCGAN's initialisation (weights N(0, 0.02), bias 0).
 */
public final class ConvTranspose2d extends ConvolutionLayer {
    /**
     * @param biasInit how the bias starts, or null for a layer without bias (as before batch norm)
     */
    public ConvTranspose2d(Backend backend, Rng rng, int in, int out, int kh, int kw, Conv2dSpec spec, Init weightInit,
                           Init biasInit) {
        super(backend, rng, in, out, kh, kw, spec, weightInit, biasInit);
    }

    /** A square kernel with DCGAN's initialisation and a bias. */
    public ConvTranspose2d(Backend backend, Rng rng, int in, int out, int kernel, Conv2dSpec spec) {
        this(backend, rng, in, out, kernel, kernel, spec, Init.normal(0.02), Init.zeros());
    }

    @Override
    int[] weightDims(int in, int out, int kh, int kw, Conv2dSpec spec) {
        return new int[] {in, out / spec.groups(), kh, kw};
    }

    @Override
    Tensor convolve(Tensor x, Tensor weight, Tensor bias) {
        return x.convTranspose2d(weight, bias, spec());
    }
}
