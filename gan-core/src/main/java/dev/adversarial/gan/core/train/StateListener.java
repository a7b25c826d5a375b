package dev.adversarial.gan.core.train;

/**
 * A listener that needs the run's whole {@link TrainingState} at each epoch's end, to save it
 * (checkpoints). The trainer, which is a {@code TrainingState}, calls {@link
 * TrainingListener#onEpochEnd(TrainingView, int)} on every listener in the order they were added;
 * for a state listener that lands in {@link #onEpochEnd(TrainingState, int)}, so a listener added
 * before a checkpoint listener still runs before the epoch is saved. Every other
 * listener sees only the narrow {@link TrainingView}.
 */
public interface StateListener extends TrainingListener {
    /** After the last iteration of {@code epoch} (counted from 1); the state is that epoch's end. */
    void onEpochEnd(TrainingState state, int epoch);

    /** Passes the run's state on to {@link #onEpochEnd(TrainingState, int)}; a bare view is refused. */
    @Override
    default void onEpochEnd(TrainingView view, int epoch) {
        if (view instanceof TrainingState state) {
            onEpochEnd(state, epoch);
        } else {
            throw new IllegalStateException(getClass().getSimpleName() + " saves the run's whole state and needs a"
                    + " TrainingState, but was given only a view (" + view.getClass().getSimpleName() + ")");
        }
    }
}
