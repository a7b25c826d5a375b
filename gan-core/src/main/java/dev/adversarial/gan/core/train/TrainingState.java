package dev.adversarial.gan.core.train;

import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.optim.Optimizer;

/**
 * A run's whole state, for the listeners that save it ({@link StateListener}, such as {@link
 * CheckpointListener}): the view plus both optimizers, the run's Rng and the generator average.
 * Checkpointing reads these; nothing else should, since touching the Rng or an optimizer changes
 * the run. {@link AdversarialTrainer} implements it.
 */
public interface TrainingState extends TrainingView {
    Optimizer discriminatorOptimizer();

    Optimizer generatorOptimizer();

    /** The run's one random-number generator (read its state; drawing from it changes the run). */
    Rng rng();

    /** The moving average of G's state, or null when the configuration keeps none. */
    GeneratorAverage generatorAverage();
}
