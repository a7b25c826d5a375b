package dev.adversarial.gan.core.nn;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Layer;
import dev.adversarial.gan.api.Normalization;
import dev.adversarial.gan.api.Parameter;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Tensor;

/**
 * Batch normalization over channels (axis 1), as PyTorch's BatchNorm1d and BatchNorm2d: in
 * training mode each batch is normalized by its own statistics and the running mean and
 * variance (buffers {@code running_mean}, {@code running_var}) follow them with momentum 0.1;
 * in eval mode the running statistics are used. Affine: {@code weight} and {@code bias} per
 * channel. The names match PyTorch's state dict.
 */
public abstract sealed class BatchNorm extends Layer permits BatchNorm1d, BatchNorm2d {
    /** PyTorch's defaults. */
    public static final float MOMENTUM = 0.1f, EPS = 1e-5f;

    private final int channels;
    private final Parameter weight;
    private final Parameter bias;
    private final Tensor runningMean;
    private final Tensor runningVar;

    BatchNorm(Backend backend, Rng rng, int channels, Init weightInit) {
        if (channels <= 0) {
            throw new IllegalArgumentException(getClass().getSimpleName() + " needs a positive channel count, got " + channels);
        }
        this.channels = channels;
        this.weight = registerParameter("weight", new Parameter(weightInit.create(backend, rng, channels)));
        this.bias = registerParameter("bias", new Parameter(backend.zeros(channels)));
        this.runningMean = registerBuffer("running_mean", backend.zeros(channels));
        this.runningVar = registerBuffer("running_var", backend.ones(channels));
    }

    /** Whether {@code module} or any module inside it normalizes by batch statistics. */
    public static boolean isUsedIn(Layer module) {
        return module instanceof BatchNorm || module.children().values().stream().anyMatch(BatchNorm::isUsedIn);
    }

    /** Whether {@code rank} is an input rank this layer accepts. */
    abstract boolean acceptsRank(int rank);

    abstract String expectedInput();

    @Override
    public Tensor forward(Tensor x) {
        if (!acceptsRank(x.rank()) || x.shape().dim(1) != channels) {
            throw new IllegalArgumentException(this + " expects input " + expectedInput() + ", got " + x.shape());
        }
        return Normalization.batchNorm(x, runningMean, runningVar, weight.value(), bias.value(), isTraining(), MOMENTUM, EPS);
    }

    public int channels() {
        return channels;
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    public Tensor runningMean() {
        return runningMean;
    }

    public Tensor runningVar() {
        return runningVar;
    }

    public float eps() {
        return EPS;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "(" + channels + ")";
    }
}
