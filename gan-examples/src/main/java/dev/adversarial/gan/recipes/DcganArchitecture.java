package dev.adversarial.gan.recipes;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Conv2dSpec;
import dev.adversarial.gan.api.Layer;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.core.nn.Activation;
import dev.adversarial.gan.core.nn.BatchNorm1d;
import dev.adversarial.gan.core.nn.BatchNorm2d;
import dev.adversarial.gan.core.nn.Conv2d;
import dev.adversarial.gan.core.nn.ConvTranspose2d;
import dev.adversarial.gan.core.nn.Flatten;
import dev.adversarial.gan.core.nn.Init;
import dev.adversarial.gan.core.nn.LabelMaps;
import dev.adversarial.gan.core.nn.Linear;
import dev.adversarial.gan.core.nn.Sequential;
import dev.adversarial.gan.core.nn.Unflatten;
import java.util.ArrayList;
import java.util.List;

/**
 * The DCGAN pair (Radford et al. 2016) for square images of side base · 2^blocks, shared by
 * {@code dcgan-mnist} (28 = 7 · 2², one channel) and {@code dcgan} (28, 32 = 4 · 2³ or
 * 64 = 4 · 2⁴; one or three channels). Every block doubles the side with a stride-2 4×4
 * (transposed) convolution, padding 1, and halves (G) or doubles (D) the channels. G's samples
 * and D's inputs are flat vectors of channels·side·side values, so the trainer, metrics and
 * exports see what they see for the MLP recipes. Convolutions followed by batch norm have no bias
 * (the normalization would cancel it); weights are N(0, 0.02), batch-norm scales N(1, 0.02).
 *
 * <p>A conditional pair ({@code --set conditional=true}) takes one-hot labels as
 * {@link dev.adversarial.gan.core.train.Conditioning} appends them: G's first Linear reads
 * latent + classes inputs (the embedding of the label is that layer's columns for it), and D
 * starts with {@link LabelMaps} instead of Unflatten, so its first convolution sees channels +
 * classes input planes, the image's and one constant map per class. Neither adds a parameter
 * name, so unconditional checkpoints keep their keys.
 */
final class DcganArchitecture {
    static final Conv2dSpec HALVE = Conv2dSpec.of(2, 1);
    private static final Init WEIGHTS = Init.normal(0.02);
    private static final Init SCALES = Init.normal(1, 0.02);

    private DcganArchitecture() {
    }

    /**
     * z → Linear → BatchNorm1d → ReLU → Unflatten (top, base, base) → blocks − 1 times
     * [ConvTranspose2d (c → c/2) → BatchNorm2d → ReLU] → ConvTranspose2d (→ channels) → sigmoid
     * → Flatten.
     *
     * @param latent G's input width: the noise dimension, plus the classes for a conditional G
     * @param top the channels at base × base, halved by every block but the last
     */
    static Layer generator(Backend b, Rng rng, int latent, int base, int blocks, int top, int channels) {
        int projected = top * base * base;
        List<Layer> g = new ArrayList<>(List.of(new Linear(b, rng, latent, projected, WEIGHTS, Init.zeros()),
                new BatchNorm1d(b, rng, projected, SCALES), Activation.relu(), new Unflatten(top, base, base)));
        int c = top;
        for (int i = 1; i < blocks; i++) {
            g.addAll(List.of(new ConvTranspose2d(b, rng, c, c / 2, 4, 4, HALVE, WEIGHTS, null),
                    new BatchNorm2d(b, rng, c / 2, SCALES), Activation.relu()));
            c /= 2;
        }
        g.addAll(List.of(new ConvTranspose2d(b, rng, c, channels, 4, 4, HALVE, WEIGHTS, Init.zeros()), Activation.sigmoid(),
                new Flatten()));
        return new Sequential(g);
    }

    /**
     * Unflatten (channels, side, side), or LabelMaps (channels + classes maps) when {@code classes}
     * &gt; 0 → Conv2d (→ first) → LeakyReLU 0.2 → blocks − 1 times [Conv2d (c → 2c) → BatchNorm2d
     * when {@code norm} → LeakyReLU 0.2] → Flatten → Linear → 1 logit.
     */
    static Layer discriminator(Backend b, Rng rng, int side, int channels, int blocks, int first, boolean norm,
                               int classes) {
        Layer input = classes > 0 ? new LabelMaps(channels, side, side, classes) : new Unflatten(channels, side, side);
        List<Layer> d = new ArrayList<>(List.of(input,
                new Conv2d(b, rng, channels + classes, first, 4, 4, HALVE, WEIGHTS, Init.zeros()),
                Activation.leakyRelu(0.2)));
        int c = first;
        for (int i = 1; i < blocks; i++) {
            d.add(new Conv2d(b, rng, c, 2 * c, 4, 4, HALVE, WEIGHTS, norm ? null : Init.zeros()));
            if (norm) {
                d.add(new BatchNorm2d(b, rng, 2 * c, SCALES));
            }
            d.add(Activation.leakyRelu(0.2));
            c *= 2;
        }
        int base = side >> blocks;
        d.addAll(List.of(new Flatten(), new Linear(b, rng, c * base * base, 1, WEIGHTS, Init.zeros())));
        return new Sequential(d);
    }

    /** The setting {@code conditional}, which both DCGAN recipes accept (default false). */
    static boolean conditional(Settings s) {
        return s.flag("conditional");
    }

    /** The setting {@code d.norm}: batch norm in D (DCGAN's) or none (WGAN-GP's critic). */
    static boolean discriminatorNorm(Settings s) {
        return switch (s.string("d.norm")) {
            case "batch" -> true;
            case "none" -> false;
            default -> throw new IllegalArgumentException("Setting 'd.norm' must be batch or none, got '" + s.string("d.norm") + "'");
        };
    }
}
