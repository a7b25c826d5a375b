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

    /**
     * Named settings, Kingma and Ba's defaults unless changed: {@code
     * Adam.builder(params).lr(2e-4).betas(0.5, 0.999).build()} is DCGAN's optimizer.
     */
    public static Builder builder(List<Parameter> params) {
        return new Builder(params);
    }

    /** Adam's settings by name; {@link #build()} checks them. Defaults: lr 1e-3, betas (0.9, 0.999), epsilon 1e-8. */
    public static final class Builder {
        private final List<Parameter> params;
        private Schedule learningRate = Schedule.constant(1e-3);
        private double beta1 = 0.9;
        private double beta2 = 0.999;
        private double epsilon = 1e-8;

        private Builder(List<Parameter> params) {
            this.params = params;
        }

        /** A constant learning rate (default 1e-3). */
        public Builder lr(double lr) {
            this.learningRate = Schedule.constant(lr);
            return this;
        }

        /** A learning rate that follows a schedule of steps and epochs. */
        public Builder lr(Schedule schedule) {
            this.learningRate = java.util.Objects.requireNonNull(schedule, "schedule");
            return this;
        }

        /** β1, the first moment's decay (default 0.9; GANs often use 0.5), and β2, the second's (default 0.999). */
        public Builder betas(double beta1, double beta2) {
            this.beta1 = beta1;
            this.beta2 = beta2;
            return this;
        }

        /** ε, added to the root of the second moment (default 1e-8). */
        public Builder epsilon(double epsilon) {
            this.epsilon = epsilon;
            return this;
        }

        public Adam build() {
            return new Adam(params, learningRate, beta1, beta2, epsilon);
        }
    }

    @Override
    protected void update(int index, Parameter p, Tensor g) {
        long t = steps() + 1;
        float lr = at(learningRate);
        Tensor m = buffer("m", index);
        Tensor v = buffer("v", index);
        float bc1 = (float) (1 - Math.pow(beta1, t));
        float bc2 = (float) (1 - Math.pow(beta2, t));
        // One call: the backend may fuse the ten passes (CPU: one pass over p, m, v and g).
        p.value().adamStepInPlace(m, v, g, beta1, beta2, bc2, epsilon, -lr / bc1);
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
