package dev.adversarial.gan.core.train;

/**
 * What to do with one iteration's numbers: losses, D's mean outputs, the learning rate and the
 * elapsed time. A lambda will do: {@code trainer.onIteration(m -> log(m.discriminatorLoss()))}.
 */
@FunctionalInterface
public interface IterationListener {
    void onIteration(IterationMetrics metrics);
}
