package dev.adversarial.gan.core.train;

import dev.adversarial.gan.core.loss.DiscriminatorPenalty;
import dev.adversarial.gan.core.loss.GanLoss;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The trainer's own settings (optimizers and the model are built by the recipe). How often to
 * keep checkpoints is not among them: that belongs to {@link CheckpointListener}, and a run
 * without checkpoints needs no interval. Start from {@link #builder()}, whose defaults are the
 * paper's (batch 100, k 1, alternating updates, the non-saturating generator loss).
 *
 * @param batchSize          m, examples per minibatch (and noise vectors per step)
 * @param discriminatorSteps k, discriminator steps per generator step
 * @param mode               alternating (Algorithm 1) or simultaneous (the original code)
 * @param loss               the game's objectives
 * @param penalties          terms added to D's loss (R1, WGAN-GP's gradient penalty); none by default
 * @param emaBeta            β of an exponential moving average of G's weights and buffers kept beside
 *                           G ({@link GeneratorAverage}); 0 keeps none
 */
public record TrainingConfig(int batchSize, int discriminatorSteps, UpdateMode mode, GanLoss loss,
                             List<DiscriminatorPenalty> penalties, double emaBeta) {
    public TrainingConfig {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batch size must be positive, got " + batchSize);
        }
        if (discriminatorSteps <= 0) {
            throw new IllegalArgumentException("k (discriminator steps) must be positive, got " + discriminatorSteps);
        }
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(loss, "loss");
        if (mode == UpdateMode.SIMULTANEOUS && discriminatorSteps != 1) {
            throw new IllegalArgumentException("simultaneous updates take one forward pass for both players, so k must be 1;"
                    + " got k = " + discriminatorSteps + " (use alternating updates for k > 1)");
        }
        if (!(emaBeta >= 0 && emaBeta < 1)) {
            throw new IllegalArgumentException("The generator average's beta must be in [0, 1) (0 keeps no average), got "
                    + emaBeta);
        }
        penalties = List.copyOf(penalties);
    }

    /** No penalties and no generator average. */
    public TrainingConfig(int batchSize, int discriminatorSteps, UpdateMode mode, GanLoss loss) {
        this(batchSize, discriminatorSteps, mode, loss, List.of(), 0);
    }

    /**
     * The constructor from before the checkpoint interval moved to {@link CheckpointListener}:
     * {@code checkpointEvery} is checked and otherwise unused; pass it to {@code new
     * CheckpointListener(dir, provenance, every)} instead.
     *
     * @deprecated use {@link #builder()} or the four-argument constructor
     */
    @Deprecated
    public TrainingConfig(int batchSize, int discriminatorSteps, UpdateMode mode, GanLoss loss, int checkpointEvery) {
        this(batchSize, discriminatorSteps, mode, loss);
        CheckpointListener.requireInterval(checkpointEvery);
    }

    /** A builder with the paper's defaults: batch 100, k 1, alternating, non-saturating, no penalty, no average. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration, to change a few settings. */
    public Builder toBuilder() {
        Builder b = new Builder().batchSize(batchSize).discriminatorSteps(discriminatorSteps).mode(mode).loss(loss)
                .generatorAverage(emaBeta);
        penalties.forEach(b::penalty);
        return b;
    }

    /** This configuration with one more term in D's loss. */
    public TrainingConfig withPenalty(DiscriminatorPenalty p) {
        List<DiscriminatorPenalty> more = new ArrayList<>(penalties);
        more.add(p);
        return new TrainingConfig(batchSize, discriminatorSteps, mode, loss, more, emaBeta);
    }

    /** This configuration keeping an exponential moving average of G with the given β (0: none). */
    public TrainingConfig withGeneratorAverage(double beta) {
        return new TrainingConfig(batchSize, discriminatorSteps, mode, loss, penalties, beta);
    }

    public TrainingConfig withLoss(GanLoss l) {
        return new TrainingConfig(batchSize, discriminatorSteps, mode, l, penalties, emaBeta);
    }

    public TrainingConfig withDiscriminatorSteps(int k) {
        return new TrainingConfig(batchSize, k, mode, loss, penalties, emaBeta);
    }

    /** Named settings for a {@link TrainingConfig}; {@link #build()} checks them all at once. */
    public static final class Builder {
        private int batchSize = 100;
        private int discriminatorSteps = 1;
        private UpdateMode mode = UpdateMode.ALTERNATING;
        private GanLoss loss = GanLoss.NON_SATURATING;
        private final List<DiscriminatorPenalty> penalties = new ArrayList<>();
        private double emaBeta;

        private Builder() {
        }

        /** m, examples per minibatch (default 100, the paper's). */
        public Builder batchSize(int m) {
            this.batchSize = m;
            return this;
        }

        /** k, discriminator steps per generator step (default 1). */
        public Builder discriminatorSteps(int k) {
            this.discriminatorSteps = k;
            return this;
        }

        /** Alternating (Algorithm 1, the default) or simultaneous updates. */
        public Builder mode(UpdateMode m) {
            this.mode = m;
            return this;
        }

        /** The game's objectives (default: non-saturating, the paper's recommendation for G). */
        public Builder loss(GanLoss l) {
            this.loss = l;
            return this;
        }

        /** Adds a term to D's loss (R1, gradient penalty); may be called more than once. */
        public Builder penalty(DiscriminatorPenalty p) {
            penalties.add(Objects.requireNonNull(p, "penalty"));
            return this;
        }

        /** Keeps a moving average of G with this β in [0, 1) (default 0: none). */
        public Builder generatorAverage(double beta) {
            this.emaBeta = beta;
            return this;
        }

        public TrainingConfig build() {
            return new TrainingConfig(batchSize, discriminatorSteps, mode, loss, penalties, emaBeta);
        }
    }
}
