package dev.adversarial.gan.core.train;

/**
 * How one training iteration updates the two players.
 *
 * <p>In both modes D sees the real and the generated batch in one call on their concatenation
 * (one larger product), unless D contains batch normalization: then each batch goes through D
 * in a call of its own, as DCGAN's reference code does, so that batch statistics never mix real
 * and generated samples (a mixed batch lets D tell them apart by their statistics).
 */
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
