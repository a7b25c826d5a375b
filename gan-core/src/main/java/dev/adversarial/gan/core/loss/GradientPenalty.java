package dev.adversarial.gan.core.loss;

import dev.adversarial.gan.api.GradientTape;
import dev.adversarial.gan.api.Layer;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Tensor;
import java.util.List;

/**
 * WGAN-GP's penalty (Gulrajani et al. 2017): λ · E(‖∇D(x̂)‖ − 1)² at random interpolates
 * x̂ = ε·x + (1 − ε)·G(z), ε ~ U[0, 1] per example, drawn from the run's Rng. The norm is
 * √(‖g‖² + 1e-12) so that its own gradient stays finite where g vanishes.
 */
public record GradientPenalty(double lambda) implements DiscriminatorPenalty {
    public GradientPenalty {
        if (!(lambda > 0) || !Double.isFinite(lambda)) {
            throw new IllegalArgumentException("The gradient penalty weight lambda must be a positive number, got " + lambda);
        }
    }

    @Override
    public Tensor compute(GradientTape tape, Layer d, Tensor real, Tensor realLogits, Tensor fake, Rng rng) {
        int m = real.shape().dim(0);
        int[] perExample = new int[real.rank()];
        java.util.Arrays.fill(perExample, 1);
        perExample[0] = m;
        Tensor eps = real.backend().uniform(rng, 0f, 1f, perExample);
        Tensor mixed = real.detach().mul(eps).add(fake.detach().mul(eps.rsub(1f))).detach().requiresGrad(true);
        Tensor grad = tape.gradients(d.forward(mixed).sum(), List.of(mixed), true).get(0);
        Tensor norms = DiscriminatorPenalty.squaredNorms(grad).add(1e-12f).sqrt();
        return norms.sub(1f).square().mean().mul((float) lambda);
    }

    @Override
    public boolean needsRealGradient() {
        return false;
    }
}
