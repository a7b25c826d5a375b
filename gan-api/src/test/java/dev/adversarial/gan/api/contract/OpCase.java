package dev.adversarial.gan.api.contract;

import dev.adversarial.gan.api.Tensor;
import java.util.function.Function;

/**
 * One checked operation: the backend computation, its double-precision reference, the input
 * shapes, and where inputs are drawn from (so that no case sits on a kink or a pole).
 */
record OpCase(String name, int[][] shapes, Domain[] domains, Function<Tensor[], Tensor> op,
              Function<Ref[], Ref> ref, boolean differentiable) {

    /** Where random inputs come from. */
    enum Domain {
        ANY(-2, 2), POSITIVE(0.5, 2), NONZERO(0.5, 2), UNIT(0.05, 0.95);

        final double lo;
        final double hi;

        Domain(double lo, double hi) {
            this.lo = lo;
            this.hi = hi;
        }
    }

    static OpCase of(String name, int[][] shapes, Domain domain, Function<Tensor[], Tensor> op,
                     Function<Ref[], Ref> ref) {
        Domain[] d = new Domain[shapes.length];
        java.util.Arrays.fill(d, domain);
        return new OpCase(name, shapes, d, op, ref, true);
    }

    OpCase forwardOnly() {
        return new OpCase(name, shapes, domains, op, ref, false);
    }

    OpCase domains(Domain... d) {
        return new OpCase(name, shapes, d, op, ref, differentiable);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(name).append(' ');
        for (int i = 0; i < shapes.length; i++) {
            sb.append(i == 0 ? "" : " ").append(java.util.Arrays.toString(shapes[i]));
        }
        return sb.toString();
    }
}
