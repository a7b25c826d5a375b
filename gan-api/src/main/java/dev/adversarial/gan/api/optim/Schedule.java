package dev.adversarial.gan.api.optim;

/**
 * A hyperparameter that changes during training, as a function of the optimizer's position:
 * {@code step} counts updates already made (0 for the first), {@code epoch} counts from 1.
 */
@FunctionalInterface
public interface Schedule {
    double value(long step, int epoch);

    static Schedule constant(double v) {
        return new Constant(v);
    }

    /** The same value throughout. */
    record Constant(double v) implements Schedule {
        @Override
        public double value(long step, int epoch) {
            return v;
        }
    }

    /**
     * Per-update exponential decay with a floor, as pylearn2's ExponentialDecay callback used by
     * the paper: {@code max(initial / factor^step, floor)}.
     */
    record ExponentialDecay(double initial, double factor, double floor) implements Schedule {
        public ExponentialDecay {
            if (!(initial > 0) || !(factor >= 1) || !(floor >= 0)) {
                throw new IllegalArgumentException("ExponentialDecay needs initial > 0, factor >= 1, floor >= 0; got "
                        + initial + ", " + factor + ", " + floor);
            }
        }

        @Override
        public double value(long step, int epoch) {
            return Math.max(initial / Math.pow(factor, step), floor);
        }
    }

    /**
     * Linear interpolation from {@code start} (at and before {@code fromEpoch}) to {@code end}
     * (at and after {@code toEpoch}); pylearn2's MomentumAdjustor, which the paper used to raise
     * momentum from 0.5 to 0.7 between epochs 1 and 250.
     */
    record LinearRamp(double start, double end, int fromEpoch, int toEpoch) implements Schedule {
        public LinearRamp {
            if (toEpoch < fromEpoch) {
                throw new IllegalArgumentException("LinearRamp needs toEpoch >= fromEpoch, got " + fromEpoch + " > " + toEpoch);
            }
        }

        @Override
        public double value(long step, int epoch) {
            if (toEpoch == fromEpoch) {
                return epoch >= toEpoch ? end : start;
            }
            double a = Math.min(1.0, Math.max(0.0, (epoch - fromEpoch) / (double) (toEpoch - fromEpoch)));
            return start + a * (end - start);
        }
    }
}
