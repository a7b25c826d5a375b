package dev.adversarial.gan.core.train;

import dev.adversarial.gan.core.loss.GanLoss;

/**
 * The trainer's own settings (optimizers and the model are built by the recipe).
 *
 * @param batchSize          m, examples per minibatch (and noise vectors per step)
 * @param discriminatorSteps k, discriminator steps per generator step
 * @param mode               alternating (Algorithm 1) or simultaneous (the original code)
 * @param loss               the game's objectives
 * @param checkpointEvery    keep an epoch-numbered checkpoint every this many epochs (latest is always kept)
 */
public record TrainingConfig(int batchSize, int discriminatorSteps, UpdateMode mode, GanLoss loss, int checkpointEvery) {
    public TrainingConfig {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        if (discriminatorSteps <= 0) {
            throw new IllegalArgumentException("k (discriminator steps) must be positive, got " + discriminatorSteps);
        }
        if (mode == UpdateMode.SIMULTANEOUS && discriminatorSteps != 1) {
            throw new IllegalArgumentException("simultaneous updates take one forward pass for both players, so k must be 1;"
                    + " got k = " + discriminatorSteps + " (use alternating updates for k > 1)");
        }
        if (checkpointEvery <= 0) {
            throw new IllegalArgumentException("checkpointEvery must be positive, got " + checkpointEvery);
        }
    }
}
