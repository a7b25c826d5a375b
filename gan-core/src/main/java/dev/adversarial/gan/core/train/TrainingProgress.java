package dev.adversarial.gan.core.train;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs a run's progress through SLF4J at info: every {@code n} iterations the iteration, epoch,
 * both losses, D's mean outputs on real and generated data and the rate; at each epoch's end a
 * line with the epoch's time. For programs that use the library without the command line's
 * progress bar: {@code trainer.addListener(TrainingProgress.logEvery(100))}. The logger is
 * {@code dev.adversarial.gan.core.train.TrainingProgress}, so its level can be set on its own.
 */
public final class TrainingProgress implements TrainingListener {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingProgress.class);

    private final long every;
    private final Logger log;
    private double epochStartSeconds;
    private double lastSeconds;
    private long lastIteration;

    private TrainingProgress(long every, Logger log) {
        if (every <= 0) {
            throw new IllegalArgumentException("TrainingProgress.logEvery needs a positive number of iterations, got " + every);
        }
        this.every = every;
        this.log = log;
    }

    /** Logs every {@code n} iterations and at each epoch's end. */
    public static TrainingProgress logEvery(long n) {
        return new TrainingProgress(n, LOG);
    }

    /** As {@link #logEvery(long)}, to a logger of the caller's choosing. */
    public static TrainingProgress logEvery(long n, Logger logger) {
        return new TrainingProgress(n, java.util.Objects.requireNonNull(logger, "logger"));
    }

    @Override
    public void onStart(TrainingView run) {
        epochStartSeconds = lastSeconds = run.elapsedSeconds();
        lastIteration = run.iteration();
        log.info("Training on {} ({} examples, {} iterations per epoch) from iteration {}", run.dataName(),
                run.data().size(), run.iterationsPerEpoch(), run.iteration());
    }

    @Override
    public void onIteration(TrainingView run, IterationMetrics m) {
        if (m.iteration() % every != 0 || !log.isInfoEnabled()) {
            return;
        }
        double seconds = m.elapsedSeconds();
        double rate = seconds > lastSeconds ? (m.iteration() - lastIteration) / (seconds - lastSeconds) : Double.NaN;
        lastSeconds = seconds;
        lastIteration = m.iteration();
        log.info(line(m, rate));
    }

    /** The line logged for one iteration's metrics, at {@code rate} iterations per second. */
    static String line(IterationMetrics m, double rate) {
        return String.format(Locale.ROOT, "iteration %d (epoch %d): D loss %.4f, G loss %.4f, D(x) %.3f, D(G(z)) %.3f,"
                        + " %.1f it/s", m.iteration(), m.epoch(), m.discriminatorLoss(), m.generatorLoss(),
                m.meanRealScore(), m.meanFakeScore(), rate);
    }

    @Override
    public void onEpochEnd(TrainingView run, int epoch) {
        double now = run.elapsedSeconds();
        log.info(String.format(Locale.ROOT, "epoch %d done at iteration %d in %.1f s", epoch, run.iteration(),
                now - epochStartSeconds));
        epochStartSeconds = now;
    }

    @Override
    public void onFinish(TrainingView run) {
        log.info(String.format(Locale.ROOT, "training finished: %d epochs, %d iterations, %.1f s", run.epoch(),
                run.iteration(), run.elapsedSeconds()));
    }

    @Override
    public void onFailure(TrainingView run, Exception failure) {
        log.warn("training stopped at iteration {}: {}", run.iteration(), failure.getMessage());
    }
}
