package dev.adversarial.gan.core.loss;

import dev.adversarial.gan.api.GradientTape;
import dev.adversarial.gan.api.Layer;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Tensor;
import java.util.List;

/**
 * The R1 penalty (Mescheder et al. 2018): γ/2 · E‖∇ₓD(x)‖² over the real batch, which keeps D
 * flat on the data and makes the game converge locally. γ is the setting {@code r1}.
 */
public record R1Penalty(double gamma) implements DiscriminatorPenalty {
    public R1Penalty {
        if (!(gamma > 0) || !Double.isFinite(gamma)) {
            throw new IllegalArgumentException("The R1 weight gamma must be a positive number, got " + gamma);
        }
    }

    @Override
    public Tensor compute(GradientTape tape, Layer d, Tensor real, Tensor realLogits, Tensor fake, Rng rng) {
        // Σ over the batch of D(x_i): each example's gradient is its own row (examples do not mix
        // unless D normalizes batches, where R1's per-example reading is only approximate).
        Tensor grad = tape.gradients(realLogits.sum(), List.of(real), true).get(0);
        return DiscriminatorPenalty.squaredNorms(grad).mean().mul((float) (gamma / 2));
    }

    @Override
    public boolean needsRealGradient() {
        return true;
    }
}
