package dev.adversarial.gan.api;

/**
 * A trainable tensor and its accumulated gradient. Both live outside any {@link Scope} until
 * {@link #close()}. The value is updated in place by optimizers, so a Layer can hold on to it.
 */
public final class Parameter implements AutoCloseable {
    private final Tensor value;
    private Tensor grad;        // buffer kept across steps, so steady-state training allocates none
    private boolean hasGrad;    // false after zeroGrad(): the buffer holds stale values

    /** Takes ownership of {@code initial}. */
    public Parameter(Tensor initial) {
        if (initial.parameter != null) {
            throw new IllegalArgumentException("This tensor already belongs to a Parameter");
        }
        this.value = initial.keep();
        value.requiresGrad(true);
        value.parameter = this;
    }

    public Tensor value() {
        return value;
    }

    public Shape shape() {
        return value.shape();
    }

    /** The gradient accumulated since the last {@link #zeroGrad()}, or null if none yet. */
    public Tensor grad() {
        return hasGrad ? grad : null;
    }

    void accumulateGrad(Tensor g) {
        if (grad == null) {
            grad = value.backend().zeros(value.shape()).keep();
        }
        if (hasGrad) {
            grad.addInPlace(g, 1f);
        } else {
            grad.assign(g);
            hasGrad = true;
        }
    }

    /** Forgets the accumulated gradient; the next backward pass starts from zero. */
    public void zeroGrad() {
        hasGrad = false;
    }

    /** Copies new values in, e.g. from a checkpoint. */
    public void set(Tensor newValue) {
        value.assign(newValue);
    }

    @Override
    public void close() {
        hasGrad = false;
        if (grad != null) {
            grad.close();
        }
        value.close();
    }

    @Override
    public String toString() {
        return "Parameter" + value.shape();
    }
}
