package dev.adversarial.gan.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.GradientTape;
import dev.adversarial.gan.api.Parameter;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Scope;
import dev.adversarial.gan.api.Tensor;
import dev.adversarial.gan.api.optim.Adam;
import dev.adversarial.gan.api.optim.Optimizer;
import dev.adversarial.gan.api.optim.OptimizerState;
import dev.adversarial.gan.api.optim.Schedule;
import dev.adversarial.gan.api.optim.Sgd;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Optimizer steps against updates computed by hand, with gradient g = c (loss = c·p). */
final class OptimizerChecks {
    private OptimizerChecks() {
    }

    /** Sets p.grad to {@code c} through a real backward pass. */
    static void gradient(Backend b, Parameter p, float c) {
        try (Scope s = Scope.open(); GradientTape tape = GradientTape.open()) {
            tape.backward(p.value().mul(c).sum(), List.of(p));
        }
    }

    static float value(Parameter p) {
        return p.value().toArray()[0];
    }

    static Map<String, Consumer<Backend>> all() {
        return Map.ofEntries(
            Map.entry("plain SGD: p - lr·g", b -> {
                try (Parameter p = new Parameter(b.tensor(new float[] {1f}, 1)); Sgd opt = new Sgd(List.of(p), 0.1)) {
                    gradient(b, p, 0.5f);
                    opt.step();
                    assertThat(value(p)).isCloseTo(0.95f, within(1e-7f));
                }
            }),
            Map.entry("momentum, pylearn2 form: v = mu·v - lr·g; p += v", b -> {
                try (Parameter p = new Parameter(b.tensor(new float[] {1f}, 1));
                     Sgd opt = new Sgd(List.of(p), Schedule.constant(0.1), Schedule.constant(0.5), false)) {
                    gradient(b, p, 2f);
                    opt.step();                       // v = -0.2, p = 0.8
                    opt.zeroGrad();
                    gradient(b, p, 1f);
                    opt.step();                       // v = -0.1 - 0.1 = -0.2, p = 0.6
                    assertThat(value(p)).isCloseTo(0.6f, within(1e-6f));
                }
            }),
            Map.entry("the fused momentum step rounds as scale and two axpys do", b -> {
                // The paper's SGD runs through momentumStepInPlace; a resumed run and an older
                // checkpoint's continuation depend on it rounding exactly as the three passes do.
                Rng rng = new Rng(3);
                try (Tensor p1 = b.uniform(rng, -1f, 1f, 4, 257).keep(); Tensor v1 = b.uniform(rng, -1f, 1f, 4, 257).keep();
                     Tensor g = b.uniform(rng, -3f, 3f, 4, 257).keep();
                     Tensor p2 = b.copyOf(p1).keep(); Tensor v2 = b.copyOf(v1).keep()) {
                    p1.momentumStepInPlace(v1, g, 0.7f, 0.0123f);
                    v2.mulInPlace(0.7f);
                    v2.addInPlace(g, -0.0123f);
                    p2.addInPlace(v2, 1f);
                    assertThat(v1.toArray()).containsExactly(v2.toArray());
                    assertThat(p1.toArray()).containsExactly(p2.toArray());
                }
            }),
            Map.entry("the fused Adam step rounds as Adam's separate passes do", b -> {
                // As for momentum: resumed runs depend on the fused step rounding exactly as
                // scale, axpy, square, div, sqrt and add one after another.
                Rng rng = new Rng(4);
                float beta1 = 0.5f, beta2 = 0.999f, bc2 = (float) (1 - Math.pow(beta2, 3)), eps = 1e-8f, step = -2e-4f / 0.875f;
                try (Tensor p1 = b.uniform(rng, -1f, 1f, 4, 257).keep(); Tensor m1 = b.uniform(rng, -1f, 1f, 4, 257).keep();
                     Tensor v1 = b.uniform(rng, 0f, 1e-3f, 4, 257).keep(); Tensor g = b.uniform(rng, -3f, 3f, 4, 257).keep();
                     Tensor p2 = b.copyOf(p1).keep(); Tensor m2 = b.copyOf(m1).keep(); Tensor v2 = b.copyOf(v1).keep();
                     Scope s = Scope.open()) {
                    p1.adamStepInPlace(m1, v1, g, beta1, beta2, bc2, eps, step);
                    m2.mulInPlace(beta1);
                    m2.addInPlace(g, 1 - beta1);
                    v2.mulInPlace(beta2);
                    v2.addInPlace(g.square(), 1 - beta2);
                    p2.addInPlace(m2.div(v2.div(bc2).sqrt().add(eps)), step);
                    assertThat(m1.toArray()).containsExactly(m2.toArray());
                    assertThat(v1.toArray()).containsExactly(v2.toArray());
                    assertThat(p1.toArray()).containsExactly(p2.toArray());
                }
            }),
            Map.entry("Nesterov momentum: p += mu·v - lr·g", b -> {
                try (Parameter p = new Parameter(b.tensor(new float[] {1f}, 1));
                     Sgd opt = new Sgd(List.of(p), Schedule.constant(0.1), Schedule.constant(0.5), true)) {
                    gradient(b, p, 2f);
                    opt.step();                       // v = -0.2; p = 1 - 0.1 - 0.2 = 0.7
                    assertThat(value(p)).isCloseTo(0.7f, within(1e-6f));
                }
            }),
            Map.entry("learning-rate decay is applied per step", b -> {
                Schedule lr = new Schedule.ExponentialDecay(0.1, 2.0, 0.01);
                try (Parameter p = new Parameter(b.tensor(new float[] {0f}, 1)); Sgd opt = new Sgd(List.of(p), lr, Schedule.constant(0), false)) {
                    for (int i = 0; i < 5; i++) {
                        opt.zeroGrad();
                        gradient(b, p, 1f);
                        opt.step();
                    }
                    // 0.1 + 0.05 + 0.025 + 0.0125 + max(0.00625, 0.01)
                    assertThat(value(p)).isCloseTo(-0.1975f, within(1e-6f));
                }
            }),
            Map.entry("Adam: first steps move by about lr·sign(g)", b -> {
                try (Parameter p = new Parameter(b.tensor(new float[] {1f, 1f}, 2)); Adam opt = new Adam(List.of(p), 0.01)) {
                    try (Scope s = Scope.open(); GradientTape tape = GradientTape.open()) {
                        tape.backward(p.value().mul(b.tensor(new float[] {3f, -0.5f}, 2)).sum(), List.of(p));
                    }
                    opt.step();
                    float[] v = p.value().toArray();
                    assertThat(v[0]).isCloseTo(0.99f, within(1e-6f));
                    assertThat(v[1]).isCloseTo(1.01f, within(1e-6f));
                    opt.zeroGrad();
                    gradient(b, p, 1f);
                    opt.step();
                    // m = 0.9·0.1·3 + 0.1·1 = 0.37, v = 0.999·0.001·9 + 0.001 = 0.009991
                    double mHat = 0.37 / (1 - 0.81), vHat = 0.009991 / (1 - 0.998001);
                    assertThat(p.value().toArray()[0]).isCloseTo((float) (0.99 - 0.01 * mHat / (Math.sqrt(vHat) + 1e-8)), within(1e-6f));
                }
            }),
            Map.entry("state round trip continues identically", b -> {
                try (Parameter p = new Parameter(b.tensor(new float[] {1f}, 1)); Parameter q = new Parameter(b.tensor(new float[] {1f}, 1));
                     Optimizer a = new Sgd(List.of(p), Schedule.constant(0.1), Schedule.constant(0.9), false);
                     Optimizer c = new Sgd(List.of(q), Schedule.constant(0.1), Schedule.constant(0.9), false)) {
                    gradient(b, p, 1f);
                    a.step();
                    OptimizerState st = a.state();
                    q.set(p.value());
                    c.loadState(st);
                    assertThat(c.steps()).isEqualTo(1);
                    a.zeroGrad();
                    gradient(b, p, 1f);
                    a.step();
                    gradient(b, q, 1f);
                    c.step();
                    assertThat(value(q)).isEqualTo(value(p));
                }
            }),
            Map.entry("state is keyed by declared buffer and parameter index", b -> {
                try (Parameter p = new Parameter(b.tensor(new float[] {1f}, 1));
                     Optimizer a = new Adam(List.of(p), Schedule.constant(0.1), 0.9, 0.999, 1e-8)) {
                    gradient(b, p, 1f);
                    a.step();
                    assertThat(a.bufferNames()).containsExactly("m", "v");
                    assertThat(a.state().buffers().keySet()).containsExactly(new OptimizerState.BufferKey("m", 0),
                            new OptimizerState.BufferKey("v", 0));
                    Map<OptimizerState.BufferKey, Tensor> foreign = Map.of(new OptimizerState.BufferKey("velocity", 0),
                            b.tensor(new float[] {1f}, 1));
                    org.assertj.core.api.Assertions.assertThatThrownBy(() -> a.loadState(new OptimizerState(1, 1, foreign)))
                            .isInstanceOf(IllegalArgumentException.class)
                            .hasMessageContaining("buffer 'velocity.0' is not one of this optimizer's [m, v]");
                }
            }),
            Map.entry("parameters without a gradient are left alone", b -> {
                try (Parameter p = new Parameter(b.tensor(new float[] {1f}, 1)); Parameter q = new Parameter(b.tensor(new float[] {5f}, 1));
                     Sgd opt = new Sgd(List.of(p, q), 0.1)) {
                    gradient(b, p, 1f);
                    opt.step();
                    assertThat(value(q)).isEqualTo(5f);
                    assertThat(value(p)).isCloseTo(0.9f, within(1e-7f));
                }
            }));
    }
}
