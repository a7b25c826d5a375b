package dev.adversarial.gan.core.train;

import dev.adversarial.gan.core.loss.DiscriminatorPenalty;
import dev.adversarial.gan.core.loss.GanLoss;
import java.util.ArrayList;
import java.util.List;

/**
 * The trainer's own settings (optimizers and the model are built by the recipe).
 *
 * @param batchSize          m, examples per minibatch (and noise vectors per step)
 * @param discriminatorSteps k, discriminator steps per generator step
 * @param mode               alternating (Algorithm 1) or simultaneous (the original code)
 * @param loss               the game's objectives
 * @param checkpointEvery    keep an epoch-numbered checkpoint every this many epochs (latest is always kept)
 * @param penalties          terms added to D's loss (R1, WGAN-GP's gradient penalty); none by default
 * @param emaBeta            β of an exponential moving average of G's weights and buffers kept beside
 *                           G ({@link GeneratorAverage}); 0 keeps none
 */
public record TrainingConfig(int batchSize, int discriminatorSteps, UpdateMode mode, GanLoss loss, int checkpointEvery,
                             List<DiscriminatorPenalty> penalties, double emaBeta) {
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
        if (!(emaBeta >= 0 && emaBeta < 1)) {
            throw new IllegalArgumentException("The generator average's beta must be in [0, 1) (0 keeps no average), got "
                    + emaBeta);
        }
        penalties = List.copyOf(penalties);
    }

    /** No penalties and no generator average. */
    public TrainingConfig(int batchSize, int discriminatorSteps, UpdateMode mode, GanLoss loss, int checkpointEvery) {
        this(batchSize, discriminatorSteps, mode, loss, checkpointEvery, List.of(), 0);
    }

    /** This configuration with one more term in D's loss. */
    public TrainingConfig withPenalty(DiscriminatorPenalty p) {
        List<DiscriminatorPenalty> more = new ArrayList<>(penalties);
        more.add(p);
        return new TrainingConfig(batchSize, discriminatorSteps, mode, loss, checkpointEvery, more, emaBeta);
    }

    /** This configuration keeping an exponential moving average of G with the given β (0: none). */
    public TrainingConfig withGeneratorAverage(double beta) {
        return new TrainingConfig(batchSize, discriminatorSteps, mode, loss, checkpointEvery, penalties, beta);
    }

    public TrainingConfig withLoss(GanLoss l) {
        return new TrainingConfig(batchSize, discriminatorSteps, mode, l, checkpointEvery, penalties, emaBeta);
    }

    public TrainingConfig withDiscriminatorSteps(int k) {
        return new TrainingConfig(batchSize, k, mode, loss, checkpointEvery, penalties, emaBeta);
    }
}
