package dev.adversarial.gan.api;

/**
 * Batch normalization as PyTorch's {@code torch.nn.functional.batch_norm} defines it, composed
 * from tensor operations so that its gradients, and their gradients, come from the rules of
 * those operations. The statistics are per channel (axis 1) over every other axis, so the same
 * call serves [N,C] (BatchNorm1d) and [N,C,H,W] (BatchNorm2d).
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
        Tensor mean, var;
        if (training || runningMean == null || runningVar == null) {
            long count = (long) n * per;
            if (training && count < 2) {
                throw new IllegalArgumentException("batchNorm in training mode needs more than one value per channel, got"
                        + " input " + x.shape() + "; use a batch larger than 1 or eval mode");
            }
            mean = v.sum(2, true).sum(0, true).mul(1f / count);
            Tensor centred = v.sub(mean);
            var = centred.square().sum(2, true).sum(0, true).mul(1f / count);
            if (training && runningMean != null && runningVar != null) {
                updateRunning(runningMean, runningVar, mean, var, momentum, count);
            }
            return scaleAndShift(centred.div(var.add(eps).sqrt()), weight, bias, c).reshape(x.shape().dims());
        }
        mean = runningMean.reshape(1, c, 1);
        var = runningVar.reshape(1, c, 1);
        return scaleAndShift(v.sub(mean).div(var.add(eps).sqrt()), weight, bias, c).reshape(x.shape().dims());
    }

    private static Tensor scaleAndShift(Tensor normalized, Tensor weight, Tensor bias, int c) {
        Tensor y = weight == null ? normalized : normalized.mul(weight.reshape(1, c, 1));
        return bias == null ? y : y.add(bias.reshape(1, c, 1));
    }

    private static void updateRunning(Tensor runningMean, Tensor runningVar, Tensor mean, Tensor var, float momentum,
                                      long count) {
        try (GradientTape.Pause pause = GradientTape.noGrad()) {
            int c = runningMean.size();
            Tensor batchMean = mean.detach().reshape(c);
            Tensor unbiased = var.detach().reshape(c).mul((float) ((double) count / (count - 1)));
            runningMean.mulInPlace(1f - momentum);
            runningMean.addInPlace(batchMean, momentum);
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
