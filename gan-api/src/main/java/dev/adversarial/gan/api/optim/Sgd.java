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
