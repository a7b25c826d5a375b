package dev.adversarial.gan.api.optim;

import dev.adversarial.gan.api.Parameter;
import dev.adversarial.gan.api.Tensor;
import java.util.List;

/**
 * Stochastic gradient descent with momentum, in the form pylearn2 (and so the paper) used:
 * {@code v ← μ·v − lr·g; p ← p + v}. The learning rate sits inside the velocity, which differs
 * from PyTorch's form whenever the rate changes; with Nesterov, {@code p ← p + μ·v − lr·g}.
 */
public final class Sgd extends Optimizer {
    private final Schedule learningRate;
    private final Schedule momentum;
    private final boolean nesterov;

    public Sgd(List<Parameter> params, Schedule learningRate, Schedule momentum, boolean nesterov) {
        super(params, "velocity");
        this.learningRate = learningRate;
        this.momentum = momentum;
        this.nesterov = nesterov;
    }

    /** Plain SGD without momentum. */
    public Sgd(List<Parameter> params, double learningRate) {
        this(params, Schedule.constant(learningRate), Schedule.constant(0), false);
    }

    /**
     * Named settings, plain SGD unless changed: {@code Sgd.builder(params).lr(0.1).momentum(0.5).build()}.
     * The learning rate has no default: it depends on the model too much for any to be right.
     */
    public static Builder builder(List<Parameter> params) {
        return new Builder(params);
    }

    /** SGD's settings by name; {@link #build()} checks them. */
    public static final class Builder {
        private final List<Parameter> params;
        private Schedule learningRate;
        private Schedule momentum = Schedule.constant(0);
        private boolean nesterov;

        private Builder(List<Parameter> params) {
            this.params = params;
        }

        public Builder lr(double lr) {
            this.learningRate = Schedule.constant(lr);
            return this;
        }

        public Builder lr(Schedule schedule) {
            this.learningRate = java.util.Objects.requireNonNull(schedule, "schedule");
            return this;
        }

        /** Momentum μ (default 0: none). */
        public Builder momentum(double mu) {
            this.momentum = Schedule.constant(mu);
            return this;
        }

        public Builder momentum(Schedule schedule) {
            this.momentum = java.util.Objects.requireNonNull(schedule, "schedule");
            return this;
        }

        /** Nesterov's accelerated form (default off). */
        public Builder nesterov(boolean on) {
            this.nesterov = on;
            return this;
        }

        public Sgd build() {
            if (learningRate == null) {
                throw new IllegalStateException("Sgd.builder(...) needs a learning rate: call lr(...) before build()");
            }
            return new Sgd(params, learningRate, momentum, nesterov);
        }
    }

    @Override
    protected void update(int index, Parameter p, Tensor g) {
        float lr = at(learningRate);
        float mu = at(momentum);
        if (mu == 0f) {
            p.value().addInPlace(g, -lr);
            return;
        }
        Tensor v = buffer("velocity", index);
        if (nesterov) {
            v.mulInPlace(mu);
            v.addInPlace(g, -lr);
            p.value().addInPlace(v, mu);
            p.value().addInPlace(g, -lr);
        } else {
            p.value().momentumStepInPlace(v, g, mu, lr);
        }
    }

    @Override
    public double currentLearningRate() {
        return at(learningRate);
    }

    @Override
    public double currentMomentum() {
        return at(momentum);
    }

    @Override
    public String toString() {
        return "Sgd[lr=" + learningRate + ", momentum=" + momentum + ", nesterov=" + nesterov + "]";
    }
}
