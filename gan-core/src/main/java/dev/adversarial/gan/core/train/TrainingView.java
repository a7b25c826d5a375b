package dev.adversarial.gan.core.train;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.core.data.ArrayDataset;

/**
 * What a {@link TrainingListener} may see of a run: where it is, how long it has taken, what it
 * trains and with which settings. Read-only by contract: a listener samples from the model (in
 * eval mode, restoring the mode after) but never steps it, and it cannot reach the optimizers or
 * the run's Rng, so observing a run cannot change it. Listeners that must save the run's whole
 * state (checkpoints) implement {@link StateListener} and get a {@link TrainingState} instead.
 *
 * <p>{@link AdversarialTrainer} implements this; tests may implement it with fixed values.
 */
public interface TrainingView {
    /** The two players and their prior; use for sampling only (no optimizer steps, no weight changes). */
    GanModel model();

    /** The backend the model's tensors live on, for the noise a listener feeds G. */
    Backend backend();

    /** The trainer's settings (batch size, k, loss, penalties). */
    TrainingConfig config();

    /** The training data (read it, never reorder or change it). */
    ArrayDataset data();

    /** The data set's name, for titles and logs. */
    default String dataName() {
        return data().name();
    }

    /** Iterations completed (generator steps taken), counting those before a resume. */
    long iteration();

    /** Epochs completed. */
    int epoch();

    /** Iterations in one epoch. */
    int iterationsPerEpoch();

    /** Seconds spent training, including time before a resume. */
    double elapsedSeconds();

    /** The discriminator optimizer's learning rate now (what the next step uses). */
    double learningRate();

    /** The discriminator optimizer's momentum now (NaN for an optimizer without one, as Adam). */
    double momentum();
}
