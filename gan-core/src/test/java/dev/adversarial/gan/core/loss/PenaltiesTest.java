package dev.adversarial.gan.core.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.api.GradientTape;
import dev.adversarial.gan.api.Parameter;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Scope;
import dev.adversarial.gan.api.Tensor;
import dev.adversarial.gan.core.nn.Activation;
import dev.adversarial.gan.core.nn.Init;
import dev.adversarial.gan.core.nn.Linear;
import dev.adversarial.gan.core.nn.Sequential;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * R1 and WGAN-GP on a tiny D(x) = w₂·tanh(W₁x + b₁) + b₂, whose input gradient is known in closed
 * form: W₁ᵀ(w₂ ⊙ (1 − tanh²(W₁x + b₁))). The penalties' values are checked against that formula
 * in double precision, and their gradients with respect to D's parameters (second derivatives of
 * D) against central differences of it, on both backends.
 */
class PenaltiesTest {
    static final int M = 3, N = 4, H = 5;

    /** The parameters and inputs as doubles: W1 [H,N], b1 [H], w2 [1,H], b2 [1]. */
    record Net(double[] w1, double[] b1, double[] w2, double[] b2) {
        double[][] all() {
            return new double[][] {w1, b1, w2, b2};
        }

        /** ∇ₓD at one example. */
        double[] inputGradient(double[] x) {
            double[] g = new double[N];
            for (int h = 0; h < H; h++) {
                double pre = b1[h];
                for (int i = 0; i < N; i++) {
                    pre += w1[h * N + i] * x[i];
                }
                double t = Math.tanh(pre), back = w2[h] * (1 - t * t);
                for (int i = 0; i < N; i++) {
                    g[i] += w1[h * N + i] * back;
                }
            }
            return g;
        }
    }

    private static double[] draw(Rng rng, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (scale * rng.nextGaussian());
        }
        return v;
    }

    private static float[] f(double[] v) {
        float[] o = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            o[i] = (float) v[i];
        }
        return o;
    }

    private static double r1(Net net, double[] x, double gamma) {
        double sum = 0;
        for (int i = 0; i < M; i++) {
            double[] g = net.inputGradient(java.util.Arrays.copyOfRange(x, i * N, (i + 1) * N));
            for (double v : g) {
                sum += v * v;
            }
        }
        return gamma / 2 * sum / M;
    }

    private static double gp(Net net, double[] x, double[] fake, double[] eps, double lambda) {
        double sum = 0;
        for (int i = 0; i < M; i++) {
            double[] mixed = new double[N];
            for (int j = 0; j < N; j++) {
                mixed[j] = eps[i] * x[i * N + j] + (1 - eps[i]) * fake[i * N + j];
            }
            double sq = 0;
            for (double v : net.inputGradient(mixed)) {
                sq += v * v;
            }
            double norm = Math.sqrt(sq + 1e-12) - 1;
            sum += norm * norm;
        }
        return lambda * sum / M;
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "djl"})
    void r1AndGradientPenaltyMatchTheirClosedFormsAndTheirGradientsMatchFiniteDifferences(String backendName) {
        Backend b = Backends.get(backendName);
        Rng rng = new Rng(5);
        Net net = new Net(draw(rng, H * N, 0.7), draw(rng, H, 0.3), draw(rng, H, 0.7), draw(rng, 1, 0.3));
        double[] x = draw(rng, M * N, 1), fake = draw(rng, M * N, 1);
        for (DiscriminatorPenalty penalty : List.of(new R1Penalty(10), new GradientPenalty(10))) {
            // The interpolation weights come from the run's Rng; the same seed gives the reference the same ε.
            float[] eps = b.uniform(new Rng(77), 0f, 1f, M, 1).toArray();
            java.util.function.ToDoubleFunction<Net> reference = penalty instanceof R1Penalty
                    ? n -> r1(n, x, 10) : n -> gp(n, x, fake, toDouble(eps), 10);
            try (Scope s = Scope.open();
                 Linear first = new Linear(b, rng, N, H, Init.values(f(net.w1())), Init.values(f(net.b1())));
                 Linear second = new Linear(b, rng, H, 1, Init.values(f(net.w2())), Init.values(f(net.b2())));
                 GradientTape tape = GradientTape.open()) {
                Sequential d = new Sequential(first, Activation.tanh(), second);
                Tensor real = b.tensor(f(x), M, N).requiresGrad(penalty.needsRealGradient());
                Tensor value = penalty.compute(tape, d, real, d.forward(real), b.tensor(f(fake), M, N), new Rng(77));
                assertThat((double) value.item()).as("%s value", penalty).isCloseTo(reference.applyAsDouble(net), within(1e-4));
                List<Parameter> params = d.parameters();
                List<Tensor> grads = tape.gradients(value, params.stream().map(Parameter::value).toList(), false);
                for (int p = 0; p < params.size(); p++) {
                    double[] fd = finiteDifference(reference, net, p);
                    // b₂ does not reach ∇ₓD: no gradient at all, which must agree with a zero difference.
                    float[] got = grads.get(p) == null ? new float[fd.length] : grads.get(p).toArray();
                    for (int i = 0; i < fd.length; i++) {
                        assertThat((double) got[i]).as("%s gradient of parameter %d element %d", penalty, p, i)
                                .isCloseTo(fd[i], within(1e-3 + 1e-3 * Math.abs(fd[i])));
                    }
                }
            }
        }
    }

    private static double[] toDouble(float[] v) {
        double[] o = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            o[i] = v[i];
        }
        return o;
    }

    private static double[] finiteDifference(java.util.function.ToDoubleFunction<Net> f, Net net, int which) {
        double[] p = net.all()[which], out = new double[p.length];
        double h = 1e-6;
        for (int i = 0; i < p.length; i++) {
            double keep = p[i];
            p[i] = keep + h;
            double up = f.applyAsDouble(net);
            p[i] = keep - h;
            double down = f.applyAsDouble(net);
            p[i] = keep;
            out[i] = (up - down) / (2 * h);
        }
        return out;
    }
}
