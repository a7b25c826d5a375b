package dev.adversarial.gan.core.train;

/** How one training iteration updates the two players. */
public enum UpdateMode {
    /**
     * Algorithm 1 as the paper states it: k discriminator steps, each on a fresh minibatch of
     * data and noise, then one generator step on fresh noise.
     */
    ALTERNATING,
    /**
     * What the original code (goodfeli/adversarial) does: one forward pass with the same samples
     * and dropout masks gives both losses, and D and G are updated together. Requires k = 1.
     */
    SIMULTANEOUS
}
