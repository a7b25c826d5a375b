package dev.adversarial.gan.core.loss;

import dev.adversarial.gan.api.GradientTape;
import dev.adversarial.gan.api.Layer;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Tensor;

/**
 * A term added to D's loss that depends on D's gradient with respect to its input (R1, the
 * WGAN-GP penalty). It differentiates D with {@code createGraph} on the open tape, so that D's
 * step then differentiates the penalty itself: a gradient of a gradient, which gan-api's
 * gradient rules support for every op.
 */
public interface DiscriminatorPenalty {
    /**
     * @param tape        the tape D's step records on
     * @param d           the discriminator
     * @param real        the data batch [m, …]; it requires a gradient when {@link #needsRealGradient()}
     * @param realLogits  D(real), computed on the tape from {@code real}
     * @param fake        the generated batch [m, …], detached from G
     * @param rng         the run's generator, for any random draw (reproducible and resumable)
     */
    Tensor compute(GradientTape tape, Layer d, Tensor real, Tensor realLogits, Tensor fake, Rng rng);

    /** Whether the trainer must mark the real batch as requiring a gradient before D sees it. */
    boolean needsRealGradient();

    /** The squared Euclidean norm of each row of g, flattened per example: [m]. */
    static Tensor squaredNorms(Tensor g) {
        return g.reshape(g.shape().dim(0), -1).square().sum(1, false);
    }
}
