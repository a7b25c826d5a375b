package dev.adversarial.gan.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.GradientTape;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Scope;
import dev.adversarial.gan.api.Shape;
import dev.adversarial.gan.api.Tensor;
import java.util.Arrays;
import java.util.List;

/**
 * Runs an {@link OpCase}: forward values against the double reference, then the backend's
 * gradient of {@code sum(op(x) · w)} (w random and fixed) against central finite differences of
 * the same loss computed entirely in double precision on the reference.
 */
final class GradCheck {
    /** Float32 forward results vs the double reference. */
    static final double VALUE_RTOL = 1e-5, VALUE_ATOL = 1e-5;
    /** Float32 analytic gradients vs double finite differences. */
    static final double GRAD_RTOL = 1e-3, GRAD_ATOL = 1e-4;
    private static final double H = 1e-6;

    private GradCheck() {
    }

    static void run(Backend backend, OpCase c) {
        Rng rng = new Rng(c.toString().hashCode());
        int n = c.shapes().length;
        double[][] xs = new double[n][];
        Ref[] refs = new Ref[n];
        for (int i = 0; i < n; i++) {
            xs[i] = draw(rng, Ref.count(c.shapes()[i]), c.domains()[i]);
            refs[i] = Ref.of(xs[i], c.shapes()[i]);
        }
        try (Scope scope = Scope.open(); GradientTape tape = GradientTape.open()) {
            Tensor[] ts = new Tensor[n];
            for (int i = 0; i < n; i++) {
                ts[i] = backend.tensor(toFloat(xs[i]), c.shapes()[i]).requiresGrad(c.differentiable());
            }
            Tensor y = c.op().apply(ts);
            Ref expected = c.ref().apply(refs);
            assertThat(y.shape()).as("%s: output shape", c).isEqualTo(Shape.of(expected.dims()));
            assertClose(c + ": forward", y.toArray(), expected.v(), VALUE_RTOL, VALUE_ATOL);
            if (!c.differentiable()) {
                return;
            }
            double[] w = draw(rng, expected.size(), OpCase.Domain.ANY);
            Tensor loss = y.mul(backend.tensor(toFloat(w), y.shape())).sum();
            List<Tensor> grads = tape.gradients(loss, Arrays.asList(ts), false);
            for (int i = 0; i < n; i++) {
                double[] fd = finiteDifference(c, refs, i, w);
                Tensor g = grads.get(i);
                float[] actual = g == null ? new float[fd.length] : g.toArray();
                if (g != null) {
                    assertThat(g.shape()).as("%s: gradient shape of input %d", c, i).isEqualTo(ts[i].shape());
                }
                assertClose(c + ": gradient of input " + i, actual, fd, GRAD_RTOL, GRAD_ATOL);
            }
        }
    }

    private static double[] finiteDifference(OpCase c, Ref[] refs, int input, double[] w) {
        double[] x = refs[input].v();
        double[] out = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            double keep = x[j];
            x[j] = keep + H;
            double up = weighted(c.ref().apply(refs), w);
            x[j] = keep - H;
            double down = weighted(c.ref().apply(refs), w);
            x[j] = keep;
            out[j] = (up - down) / (2 * H);
        }
        return out;
    }

    private static double weighted(Ref y, double[] w) {
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            s += y.v()[i] * w[i];
        }
        return s;
    }

    /** Values exactly representable in float32, so both sides see the same inputs. */
    static double[] draw(Rng rng, int n, OpCase.Domain d) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            double x = d.lo + (d.hi - d.lo) * rng.nextDouble();
            if (d == OpCase.Domain.NONZERO && rng.nextDouble() < 0.5) {
                x = -x;
            }
            v[i] = (float) x;
        }
        return v;
    }

    static float[] toFloat(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    static void assertClose(String what, float[] actual, double[] expected, double rtol, double atol) {
        assertThat(actual.length).as("%s: element count", what).isEqualTo(expected.length);
        for (int i = 0; i < actual.length; i++) {
            double tol = atol + rtol * Math.abs(expected[i]);
            if (!(Math.abs(actual[i] - expected[i]) <= tol)) {
                fail("%s: element %d is %s, expected %s (tolerance %.2g)", what, i, actual[i], expected[i], tol);
            }
        }
    }
}
