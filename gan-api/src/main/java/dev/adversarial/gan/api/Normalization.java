package dev.adversarial.gan.api;

/**
 * Batch normalization as PyTorch's {@code torch.nn.functional.batch_norm} defines it. The
 * statistics are per channel (axis 1) over every other axis, so the same call serves [N,C]
 * (BatchNorm1d) and [N,C,H,W] (BatchNorm2d). Normalizing by batch statistics is one op with a
 * fused kernel per backend ({@link Kernels#batchNormForward}) and one gradient rule
 * ({@link Gradients#batchNorm}), because composed from tensor ops it took about 7 passes over
 * the activations forward and 20 backward; eval mode is a per-channel scale and shift, composed.
 */
public final class Normalization {
    private Normalization() {
    }

    /**
     * In training mode: normalizes by the batch's mean and biased variance, and updates the
     * running statistics in place as {@code running = (1 − momentum)·running + momentum·batch},
     * with the unbiased variance (n/(n−1)) in the running estimate. In eval mode: normalizes by
     * the running statistics and changes nothing. {@code weight} and {@code bias} are [C] or null.
     *
     * @param runningMean [C], updated in place in training mode (may be null: then not tracked)
     * @param runningVar  [C], likewise
     */
    public static Tensor batchNorm(Tensor x, Tensor runningMean, Tensor runningVar, Tensor weight, Tensor bias,
                                   boolean training, float momentum, float eps) {
        if (x.rank() < 2) {
            throw new IllegalArgumentException("batchNorm needs an input [batch, channels, ...], got " + x.shape());
        }
        int n = x.shape().dim(0), c = x.shape().dim(1), per = x.size() / Math.max(1, n * c);
        checkChannels("running mean", runningMean, c, x);
        checkChannels("running variance", runningVar, c, x);
        checkChannels("weight", weight, c, x);
        checkChannels("bias", bias, c, x);
        if (!(momentum >= 0 && momentum <= 1) || !(eps > 0)) {
            throw new IllegalArgumentException("batchNorm needs 0 <= momentum <= 1 and eps > 0, got momentum " + momentum
                    + " and eps " + eps);
        }
        Tensor v = x.reshape(n, c, per);
        if (training || runningMean == null || runningVar == null) {
            long count = (long) n * per;
            if (training && count < 2) {
                throw new IllegalArgumentException("batchNorm in training mode needs more than one value per channel, got"
                        + " input " + x.shape() + "; use a batch larger than 1 or eval mode");
            }
            Statistics stats = batchStatistics(v, weight, bias, eps);
            if (training && runningMean != null && runningVar != null) {
                updateRunning(runningMean, runningVar, stats.mean(), stats.variance(), momentum, count);
            }
            return stats.y().reshape(x.shape().dims());
        }
        Tensor mean = runningMean.reshape(1, c, 1);
        Tensor var = runningVar.reshape(1, c, 1);
        return scaleAndShift(v.sub(mean).div(var.add(eps).sqrt()), weight, bias, c).reshape(x.shape().dims());
    }

    /** The normalized output of {@link #batchStatistics} and the batch mean and biased variance [C] behind it. */
    private record Statistics(Tensor y, Tensor mean, Tensor variance) {
    }

    /**
     * Normalizes v [N, C, P] by its own statistics as one recorded op: the backend's fused kernel
     * forward, and {@link Gradients#batchNorm} backward, which differentiates through the
     * statistics (they depend on every input).
     */
    private static Statistics batchStatistics(Tensor v, Tensor weight, Tensor bias, float eps) {
        if (weight != null) {
            v.sameBackend(weight);
        }
        if (bias != null) {
            v.sameBackend(bias);
        }
        Kernels.BatchNormOutput out = v.kernels().batchNormForward(v.storage(), v.shape(),
                weight == null ? null : weight.storage(), bias == null ? null : bias.storage(), eps);
        Shape channels = Shape.of(v.shape().dim(1));
        Tensor mean = v.make(channels, out.mean()), variance = v.make(channels, out.variance());
        Tensor y = v.make(v.shape(), out.y());
        Tensor[] inputs = weight == null && bias == null ? new Tensor[] {v}
                : weight == null ? new Tensor[] {v, bias}
                : bias == null ? new Tensor[] {v, weight}
                : new Tensor[] {v, weight, bias};
        y = Autograd.record(y, Gradients.batchNorm(v, weight, bias != null, mean, variance, eps), inputs);
        return new Statistics(y, mean, variance);
    }

    private static Tensor scaleAndShift(Tensor normalized, Tensor weight, Tensor bias, int c) {
        Tensor y = weight == null ? normalized : normalized.mul(weight.reshape(1, c, 1));
        return bias == null ? y : y.add(bias.reshape(1, c, 1));
    }

    private static void updateRunning(Tensor runningMean, Tensor runningVar, Tensor mean, Tensor var, float momentum,
                                      long count) {
        // The statistics come straight from the kernel, unrecorded; the pause keeps the scaling so.
        try (GradientTape.Pause pause = GradientTape.noGrad()) {
            Tensor unbiased = var.mul((float) ((double) count / (count - 1)));
            runningMean.mulInPlace(1f - momentum);
            runningMean.addInPlace(mean, momentum);
            runningVar.mulInPlace(1f - momentum);
            runningVar.addInPlace(unbiased, momentum);
        }
    }

    private static void checkChannels(String what, Tensor t, int c, Tensor x) {
        if (t != null && (t.rank() != 1 || t.shape().dim(0) != c)) {
            throw new IllegalArgumentException("batchNorm " + what + " must be [" + c + "] (one per channel of input "
                    + x.shape() + "), got " + t.shape());
        }
    }
}
