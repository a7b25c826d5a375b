package dev.adversarial.gan.core.train;

/**
 * Observes a training run: progress, metrics files, sample grids, checkpoints. Each method gets a
 * read-only {@link TrainingView} of the run (not the trainer), so a listener cannot change what
 * it observes; one that saves the run's state implements {@link StateListener}. For the common
 * case of per-iteration numbers, {@link #onIteration(IterationListener)} takes a lambda.
 */
public interface TrainingListener {
    default void onStart(TrainingView run) {
    }

    default void onIteration(TrainingView run, IterationMetrics metrics) {
    }

    /** After the last iteration of {@code epoch} (counted from 1); the run's state is that epoch's end. */
    default void onEpochEnd(TrainingView run, int epoch) {
    }

    default void onFinish(TrainingView run) {
    }

    /** The run stopped with {@code failure}; nothing after the last completed epoch was saved. */
    default void onFailure(TrainingView run, Exception failure) {
    }

    /**
     * A listener that hands every iteration's metrics to {@code action}, e.g.
     * {@code trainer.addListener(TrainingListener.onIteration(m -> System.out.println(m.generatorLoss())))}.
     */
    static TrainingListener onIteration(IterationListener action) {
        java.util.Objects.requireNonNull(action, "action");
        return new TrainingListener() {
            @Override
            public void onIteration(TrainingView run, IterationMetrics metrics) {
                action.onIteration(metrics);
            }

            @Override
            public String toString() {
                return "TrainingListener.onIteration(" + action + ")";
            }
        };
    }
}
