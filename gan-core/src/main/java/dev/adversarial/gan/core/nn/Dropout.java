package dev.adversarial.gan.core.nn;

import dev.adversarial.gan.api.Layer;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Tensor;

/**
 * Keeps each input with probability {@code keep} and multiplies what it keeps by {@code scale}
 * (pylearn2's include_prob and scale; the paper's D keeps inputs with 0.8 and scales by 1.25,
 * hidden units with 0.5 and scale 2). Identity in eval mode. Masks come from the run's Rng, so
 * a seeded run draws the same masks on every backend.
 */
public final class Dropout extends Layer {
    private final double keep;
    private final float scale;
    private final Rng rng;

    /**
     * Inverted dropout, the usual kind: keeps each input with probability {@code keep} and scales
     * what it keeps by 1 / keep, so the expected activation is unchanged ({@code keep(0.8, rng)}
     * is the paper's input dropout, scale 1.25; {@code keep(0.5, rng)} its hidden one, scale 2).
     */
    public static Dropout keep(double keep, Rng rng) {
        return new Dropout(keep, rng);
    }

    /**
     * Dropout with a scale of the caller's choosing (pylearn2's include_prob and scale), for
     * reproducing a configuration that did not use 1 / keep.
     */
    public static Dropout keepWithScale(double keep, double scale, Rng rng) {
        return new Dropout(keep, scale, rng);
    }

    /** As {@link #keepWithScale}; prefer the named factories, which say which number is which. */
    public Dropout(double keep, double scale, Rng rng) {
        if (!(keep > 0 && keep <= 1)) {
            throw new IllegalArgumentException("Dropout keep probability must be in (0, 1], got " + keep);
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("Dropout scale must be a positive number (1 / keep for inverted dropout),"
                    + " got " + scale);
        }
        this.keep = keep;
        this.scale = (float) scale;
        this.rng = rng;
    }

    /** Inverted dropout: scale = 1 / keep, so the expected activation is unchanged; same as {@link #keep(double, Rng)}. */
    public Dropout(double keep, Rng rng) {
        this(keep, 1 / keep, rng);
    }

    @Override
    public Tensor forward(Tensor x) {
        if (!isTraining() || keep == 1) {
            return x;
        }
        Tensor mask = x.backend().bernoulli(rng, keep, x.shape().dims());
        return x.mul(mask.mul(scale));
    }

    public double keep() {
        return keep;
    }

    public float scale() {
        return scale;
    }

    @Override
    public String toString() {
        return "Dropout(keep=" + keep + ", scale=" + scale + ")";
    }
}
