package dev.adversarial.gan.core.train;

/** A loss became NaN or infinite; the run stops before the bad update is applied. */
public final class TrainingDivergedException extends RuntimeException {
    private final long iteration;
    private final int epoch;

    public TrainingDivergedException(String message, long iteration, int epoch) {
        super(message);
        this.iteration = iteration;
        this.epoch = epoch;
    }

    public long iteration() {
        return iteration;
    }

    public int epoch() {
        return epoch;
    }
}
