package dev.adversarial.gan.cli;

import dev.adversarial.gan.core.train.TrainingView;
import dev.adversarial.gan.core.train.IterationMetrics;
import dev.adversarial.gan.core.train.TrainingListener;
import java.time.Duration;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar over the run's iterations when a terminal is attached (with the latest losses
 * and D's outputs beside it), and one summary line per epoch either way, so logs stay readable.
 */
final class ProgressListener implements TrainingListener {
    private final int totalEpochs;
    private ProgressBar bar;
    private double sumD;
    private double sumG;
    private double sumReal;
    private double sumFake;
    private int count;
    private double epochStart;

    ProgressListener(int totalEpochs) {
        this.totalEpochs = totalEpochs;
    }

    @Override
    public void onStart(TrainingView t) {
        long total = (long) totalEpochs * t.iterationsPerEpoch();
        epochStart = t.elapsedSeconds();
        if (System.console() != null) {
            bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(500).startsFrom(t.iteration(), Duration.ZERO).setUnit(" it", 1).build();
        }
    }

    @Override
    public void onIteration(TrainingView t, IterationMetrics m) {
        sumD += m.discriminatorLoss();
        sumG += m.generatorLoss();
        sumReal += m.meanRealScore();
        sumFake += m.meanFakeScore();
        count++;
        if (bar == null) {
            // No terminal (a log file, CI): a line every tenth of an epoch instead of a bar.
            int per = t.iterationsPerEpoch(), step = Math.max(1, per / 10);
            long inEpoch = (m.iteration() - 1) % per + 1;
            if (inEpoch % step == 0 && inEpoch < per) {
                System.out.printf(Locale.ROOT, "  epoch %d: %d/%d iterations, D %.3f, G %.3f, %.1f s%n", m.epoch(), inEpoch,
                        per, sumD / count, sumG / count, m.elapsedSeconds() - epochStart);
            }
        } else {
            bar.stepTo(m.iteration());
            bar.setExtraMessage(String.format(Locale.ROOT, " epoch %d  D %.3f  G %.3f", m.epoch(), m.discriminatorLoss(),
                    m.generatorLoss()));
        }
    }

    @Override
    public void onEpochEnd(TrainingView t, int epoch) {
        double now = t.elapsedSeconds();
        // Optimizers without momentum (Adam) report NaN: leave the column out rather than print "momentum NaN".
        double momentum = t.momentum();
        String line = String.format(Locale.ROOT, "epoch %3d/%d  D loss %.4f  G loss %.4f  D(x) %.3f  D(G(z)) %.3f  lr %.5f"
                        + "%s  %.1f s", epoch, totalEpochs, sumD / count, sumG / count, sumReal / count,
                sumFake / count, t.learningRate(),
                Double.isNaN(momentum) ? "" : String.format(Locale.ROOT, "  momentum %.3f", momentum), now - epochStart);
        epochStart = now;
        sumD = sumG = sumReal = sumFake = 0;
        count = 0;
        if (bar != null) {
            // Clear the bar's line, print the permanent summary, and let the bar redraw below it.
            System.out.print("\r\033[2K");
        }
        System.out.println(line);
    }

    @Override
    public void onFinish(TrainingView t) {
        close();
    }

    @Override
    public void onFailure(TrainingView t, Exception failure) {
        close();
    }

    private void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
