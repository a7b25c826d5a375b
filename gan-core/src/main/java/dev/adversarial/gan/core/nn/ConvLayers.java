package dev.adversarial.gan.core.nn;

import dev.adversarial.gan.api.Conv2dSpec;

/** Argument checks the two convolution layers share. */
final class ConvLayers {
    private ConvLayers() {
    }

    static void checkChannels(String layer, int in, int out, int kh, int kw, Conv2dSpec spec) {
        if (in <= 0 || out <= 0 || kh <= 0 || kw <= 0) {
            throw new IllegalArgumentException(layer + " needs positive channels and kernel size, got in=" + in + ", out="
                    + out + ", kernel " + kh + "x" + kw);
        }
        if (in % spec.groups() != 0 || out % spec.groups() != 0) {
            throw new IllegalArgumentException(layer + " channels in=" + in + " and out=" + out + " must both be divisible"
                    + " by groups=" + spec.groups());
        }
    }
}
