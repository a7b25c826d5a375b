package dev.adversarial.gan.core.nn;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Rng;

/** Batch normalization of [N, C] (or [N, C, L]) inputs; see {@link BatchNorm}. */
public final class BatchNorm1d extends BatchNorm {
    /** PyTorch's initialisation: weight 1, bias 0. */
    public BatchNorm1d(Backend backend, int channels) {
        super(backend, null, channels, Init.constant(1));
    }

    /** A chosen weight initialisation, e.g. DCGAN's {@code Init.normal(1, 0.02)}. */
    public BatchNorm1d(Backend backend, Rng rng, int channels, Init weightInit) {
        super(backend, rng, channels, weightInit);
    }

    @Override
    boolean acceptsRank(int rank) {
        return rank == 2 || rank == 3;
    }

    @Override
    String expectedInput() {
        return "[batch, " + channels() + "] or [batch, " + channels() + ", length]";
    }
}
