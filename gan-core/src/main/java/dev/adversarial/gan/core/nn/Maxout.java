package dev.adversarial.gan.core.nn;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Layer;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Tensor;

/**
 * Maxout (Goodfellow et al., 2013): a linear map to units × pieces values, then the maximum of
 * each unit's pieces. Pieces of one unit are adjacent columns (unit j owns columns
 * j·pieces … j·pieces + pieces − 1), which is pylearn2's layout, so weights carry over.
 */
public final class Maxout extends Layer {
    private final int units;
    private final int pieces;
    private final Linear linear;

    public Maxout(Backend backend, Rng rng, int in, int units, int pieces, Init weightInit, Init biasInit) {
        if (units <= 0 || pieces <= 0) {
            throw new IllegalArgumentException("Maxout needs positive units and pieces, got " + units + " and " + pieces);
        }
        this.units = units;
        this.pieces = pieces;
        this.linear = registerLayer("linear", new Linear(backend, rng, in, units * pieces, weightInit, biasInit));
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor z = linear.forward(x);
        return z.reshape(z.shape().dim(0), units, pieces).max(2, false);
    }

    public int units() {
        return units;
    }

    public int pieces() {
        return pieces;
    }

    public Linear linear() {
        return linear;
    }

    @Override
    public String toString() {
        return "Maxout(" + linear.in() + " -> " + units + " units x " + pieces + " pieces)";
    }
}
