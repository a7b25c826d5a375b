package dev.adversarial.gan.core.train;

/**
 * What one iteration measured. With k > 1 the discriminator figures are from its last step.
 *
 * @param meanRealScore mean D(x) over the data minibatch
 * @param meanFakeScore mean D(G(z)) over the noise minibatch of the discriminator step
 */
public record IterationMetrics(long iteration, int epoch, double discriminatorLoss, double generatorLoss,
                               double meanRealScore, double meanFakeScore, double learningRate, double momentum,
                               double elapsedSeconds) {

    public static final String CSV_HEADER =
            "iteration,epoch,d_loss,g_loss,mean_d_real,mean_d_fake,learning_rate,momentum,elapsed_seconds";

    public String toCsv() {
        return iteration + "," + epoch + "," + num(discriminatorLoss) + "," + num(generatorLoss) + ","
                + num(meanRealScore) + "," + num(meanFakeScore) + "," + num(learningRate) + ","
                + num(momentum) + "," + String.format(java.util.Locale.ROOT, "%.3f", elapsedSeconds);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : Float.toString((float) v);
    }
}
