package dev.adversarial.gan.core.train;

/** Observes a training run: progress, metrics files, sample grids, checkpoints. */
public interface TrainingListener {
    default void onStart(AdversarialTrainer trainer) {
    }

    default void onIteration(AdversarialTrainer trainer, IterationMetrics metrics) {
    }

    /** After the last iteration of {@code epoch} (counted from 1); the trainer's state is that epoch's end. */
    default void onEpochEnd(AdversarialTrainer trainer, int epoch) {
    }

    default void onFinish(AdversarialTrainer trainer) {
    }

    /** The run stopped with {@code failure}; nothing after the last completed epoch was saved. */
    default void onFailure(AdversarialTrainer trainer, Exception failure) {
    }
}
