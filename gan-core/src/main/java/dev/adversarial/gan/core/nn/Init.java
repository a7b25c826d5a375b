package dev.adversarial.gan.core.nn;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Tensor;

/** How a layer's parameters start. Drawn from the run's Rng, so a seed fixes the model. */
@FunctionalInterface
public interface Init {
    Tensor create(Backend backend, Rng rng, int... dims);

    /** Uniform on [-r, r]: pylearn2's "irange", which the paper's models use. */
    static Init uniform(double r) {
        if (!(r >= 0)) {
            throw new IllegalArgumentException("uniform init needs a range r >= 0, got " + r);
        }
        return (b, rng, dims) -> b.uniform(rng, (float) -r, (float) r, dims);
    }

    static Init normal(double std) {
        return normal(0, std);
    }

    /** N(mean, std²): DCGAN starts batch norm's weights at N(1, 0.02²). */
    static Init normal(double mean, double std) {
        if (!(std >= 0)) {
            throw new IllegalArgumentException("normal init needs a standard deviation >= 0, got " + std);
        }
        return (b, rng, dims) -> b.normal(rng, (float) mean, (float) std, dims);
    }

    static Init constant(double v) {
        return (b, rng, dims) -> b.full(dev.adversarial.gan.api.Shape.of(dims), (float) v);
    }

    static Init zeros() {
        return constant(0);
    }

    /** Exactly these values (e.g. a bias computed from data). */
    static Init values(float[] v) {
        return (b, rng, dims) -> b.tensor(v, dims);
    }
}
