package dev.adversarial.gan.api.optim;

import dev.adversarial.gan.api.Parameter;
import dev.adversarial.gan.api.Tensor;
import java.util.List;

/** Adam (Kingma and Ba, 2015) with bias correction. */
public final class Adam extends Optimizer {
    private final Schedule learningRate;
    private final float beta1;
    private final float beta2;
    private final float epsilon;

    public Adam(List<Parameter> params, Schedule learningRate, double beta1, double beta2, double epsilon) {
        super(params, "m", "v");
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1) || !(epsilon > 0)) {
            throw new IllegalArgumentException("Adam needs 0 <= beta1, beta2 < 1 and epsilon > 0; got "
                    + beta1 + ", " + beta2 + ", " + epsilon);
        }
        this.learningRate = learningRate;
        this.beta1 = (float) beta1;
        this.beta2 = (float) beta2;
        this.epsilon = (float) epsilon;
    }

    /** Kingma and Ba's defaults: beta1 0.9, beta2 0.999, epsilon 1e-8. */
    public Adam(List<Parameter> params, double learningRate) {
        this(params, Schedule.constant(learningRate), 0.9, 0.999, 1e-8);
    }

    @Override
    protected void update(int index, Parameter p, Tensor g) {
        long t = steps() + 1;
        float lr = at(learningRate);
        Tensor m = buffer("m", index);
        Tensor v = buffer("v", index);
        m.mulInPlace(beta1);
        m.addInPlace(g, 1 - beta1);
        v.mulInPlace(beta2);
        try (Tensor g2 = g.square()) {
            v.addInPlace(g2, 1 - beta2);
        }
        float bc1 = (float) (1 - Math.pow(beta1, t));
        float bc2 = (float) (1 - Math.pow(beta2, t));
        try (Tensor vHat = v.div(bc2); Tensor denom = vHat.sqrt(); Tensor denomEps = denom.add(epsilon);
             Tensor update = m.div(denomEps)) {
            p.value().addInPlace(update, -lr / bc1);
        }
    }

    @Override
    public double currentLearningRate() {
        return at(learningRate);
    }

    @Override
    public String toString() {
        return "Adam[lr=" + learningRate + ", beta1=" + beta1 + ", beta2=" + beta2 + ", epsilon=" + epsilon + "]";
    }
}
