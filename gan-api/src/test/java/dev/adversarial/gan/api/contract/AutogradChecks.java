package dev.adversarial.gan.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.GradientTape;
import dev.adversarial.gan.api.Parameter;
import dev.adversarial.gan.api.Scope;
import dev.adversarial.gan.api.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** What the tape promises beyond single-op gradients: accumulation, targeting, lifetime, higher order. */
final class AutogradChecks {
    private AutogradChecks() {
    }

    static Map<String, Consumer<Backend>> all() {
        return Map.ofEntries(
            Map.entry("gradients accumulate until zeroGrad", b -> {
                try (Parameter p = new Parameter(b.tensor(new float[] {1, 2}, 2)); Scope s = Scope.open()) {
                    for (int i = 0; i < 2; i++) {
                        try (GradientTape tape = GradientTape.open()) {
                            tape.backward(p.value().mul(3f).sum(), List.of(p));
                        }
                    }
                    assertThat(p.grad().toArray()).containsExactly(6f, 6f);
                    p.zeroGrad();
                    assertThat(p.grad()).isNull();
                    try (GradientTape tape = GradientTape.open()) {
                        tape.backward(p.value().square().sum(), List.of(p));
                    }
                    assertThat(p.grad().toArray()).containsExactly(2f, 4f);
                }
            }),
            Map.entry("backward touches only the parameters it is given", b -> {
                try (Parameter g = new Parameter(b.tensor(new float[] {0.5f}, 1, 1));
                     Parameter d = new Parameter(b.tensor(new float[] {2f}, 1, 1));
                     Scope s = Scope.open(); GradientTape tape = GradientTape.open()) {
                    Tensor fake = b.ones(1, 1).matmul(g.value());
                    Tensor loss = fake.matmul(d.value()).sigmoid().sum();
                    tape.backward(loss, List.of(g));
                    assertThat(d.grad()).as("the discriminator's gradient").isNull();
                    assertThat(g.grad()).isNotNull();
                    double sig = 1 / (1 + Math.exp(-1.0));
                    assertThat(g.grad().item()).isCloseTo((float) (sig * (1 - sig) * 2), within(1e-6f));
                }
            }),
            Map.entry("backward() without a list reaches every parameter", b -> {
                try (Parameter w = new Parameter(b.tensor(new float[] {3f}, 1));
                     Parameter v = new Parameter(b.tensor(new float[] {4f}, 1));
                     Scope s = Scope.open(); GradientTape tape = GradientTape.open()) {
                    tape.backward(w.value().mul(v.value()).sum());
                    assertThat(w.grad().item()).isEqualTo(4f);
                    assertThat(v.grad().item()).isEqualTo(3f);
                }
            }),
            Map.entry("no tape, no recording", b -> {
                try (Parameter w = new Parameter(b.tensor(new float[] {3f}, 1)); Scope s = Scope.open()) {
                    assertThat(w.value().mul(2f).requiresGrad()).isFalse();
                    try (GradientTape tape = GradientTape.open()) {
                        assertThat(w.value().mul(2f).requiresGrad()).isTrue();
                        try (GradientTape.Pause p = GradientTape.noGrad()) {
                            assertThat(w.value().mul(2f).requiresGrad()).isFalse();
                        }
                    }
                }
            }),
            Map.entry("detach cuts the graph", b -> {
                try (Scope s = Scope.open(); GradientTape tape = GradientTape.open()) {
                    Tensor x = b.tensor(new float[] {2f}, 1).requiresGrad(true);
                    Tensor y = x.mul(x).detach().mul(x).sum();
                    assertThat(tape.gradients(y, List.of(x), false).get(0).item()).isEqualTo(4f);
                }
            }),
            Map.entry("second derivative through createGraph", b -> {
                try (Scope s = Scope.open(); GradientTape tape = GradientTape.open()) {
                    Tensor x = b.tensor(new float[] {1.5f, -2f}, 2).requiresGrad(true);
                    Tensor y = x.pow(3f).sum();
                    Tensor dy = tape.gradients(y, List.of(x), true).get(0);       // 3x²
                    assertThat(dy.toArray()).containsExactly(6.75f, 12f);
                    Tensor d2 = tape.gradients(dy.sum(), List.of(x), false).get(0); // 6x
                    assertThat(d2.toArray()).containsExactly(9f, -12f);
                }
            }),
            Map.entry("max splits its gradient among ties, fused or recorded", b -> {
                // x is [2, 2, 3]. Along the last axis the rows' maxima are 3 (a three-way tie),
                // 5 (two-way), 7 and 9; along the middle axis one column ties 2 with 2. Each group
                // carries a distinct upstream gradient, so a share sent to the wrong group shows.
                // A plain backward takes the backend's fused kernel, createGraph the composed and
                // recorded rule; both must give exactly these values.
                float[] v = {3, 3, 3, 1, 5, 5, 2, 0, 7, 2, 9, -1};
                for (boolean createGraph : new boolean[] {false, true}) {
                    for (int axis : new int[] {2, 1}) {
                        try (Scope s = Scope.open(); GradientTape tape = GradientTape.open()) {
                            Tensor x = b.tensor(v, 2, 2, 3).requiresGrad(true);
                            Tensor upstream = axis == 2
                                    ? b.tensor(new float[] {1, 4, 7, 10}, 2, 2, 1)
                                    : b.tensor(new float[] {1, 2, 3, 4, 5, 6}, 2, 1, 3);
                            Tensor loss = x.max(axis, true).mul(upstream).sum();
                            Tensor gx = tape.gradients(loss, List.of(x), createGraph).get(0);
                            float[] expected = axis == 2
                                    ? new float[] {1f / 3, 1f / 3, 1f / 3, 0, 2, 2, 0, 0, 7, 0, 10, 0}
                                    : new float[] {1, 0, 0, 0, 2, 3, 2, 0, 6, 2, 5, 0};
                            assertThat(gx.toArray()).as("axis %d, createGraph %s", axis, createGraph)
                                    .containsExactly(expected);
                        }
                    }
                }
            }),
            Map.entry("leakyRelu is maximum(mul(alpha)) bit for bit, fused or recorded", AutogradChecks::leakyReluAsComposed),
            Map.entry("relu's gradient is g·[x > 0] bit for bit, fused or recorded", b -> {
                float[] v = {-2f, -0f, 0f, 0.5f, Float.NaN, Float.MIN_VALUE, -Float.MIN_VALUE, Float.POSITIVE_INFINITY, -1f};
                float[] g = {1.5f, -2f, 3f, -0.25f, 4f, -5f, 6f, 7f, Float.POSITIVE_INFINITY};
                for (boolean createGraph : new boolean[] {false, true}) {
                    try (Scope s = Scope.open(); GradientTape tape = GradientTape.open()) {
                        Tensor x = b.tensor(v, v.length).requiresGrad(true);
                        Tensor upstream = b.tensor(g, g.length);
                        Tensor gx = tape.gradients(x.relu().mul(upstream).sum(), List.of(x), createGraph).get(0);
                        Tensor expected = upstream.mul(x.detach().gt(0f));
                        assertThat(bits(gx.toArray())).as("createGraph " + createGraph).containsExactly(bits(expected.toArray()));
                    }
                }
            }),
            Map.entry("gradient penalty shape: d/dw of |d/dx (w·x)²|²", b -> {
                // f = (w x)²; df/dx = 2 w² x; penalty = (2 w² x)² = 4 w⁴ x²; d penalty/dw = 16 w³ x².
                try (Parameter w = new Parameter(b.tensor(new float[] {0.5f}, 1));
                     Scope s = Scope.open(); GradientTape tape = GradientTape.open()) {
                    Tensor x = b.tensor(new float[] {3f}, 1).requiresGrad(true);
                    Tensor f = w.value().mul(x).square().sum();
                    Tensor gx = tape.gradients(f, List.of(x), true).get(0);
                    tape.backward(gx.square().sum(), List.of(w));
                    assertThat(w.grad().item()).isCloseTo(16f * 0.125f * 9f, within(1e-4f));
                }
            }),
            Map.entry("a loss that does not use the input has no gradient", b -> {
                try (Scope s = Scope.open(); GradientTape tape = GradientTape.open()) {
                    Tensor x = b.tensor(new float[] {1f}, 1).requiresGrad(true);
                    Tensor y = b.tensor(new float[] {2f}, 1).requiresGrad(true);
                    assertThat(tape.gradients(y.sum(), List.of(x), false).get(0)).isNull();
                }
            }),
            Map.entry("a scope frees what was made in it, except what was kept", b -> {
                Tensor kept;
                Tensor freed;
                try (Scope s = Scope.open()) {
                    freed = b.ones(3).add(1f);
                    kept = freed.mul(2f).keep();
                    assertThat(s.liveCount()).isGreaterThanOrEqualTo(2);
                }
                assertThat(freed.isClosed()).isTrue();
                assertThat(kept.toArray()).containsExactly(4f, 4f, 4f);
                assertThatThrownBy(freed::toArray).hasMessageContaining("freed").hasMessageContaining("keep()");
                kept.close();
            }),
            Map.entry("nested scopes free inner tensors first", b -> {
                try (Scope outer = Scope.open()) {
                    Tensor a = b.ones(2);
                    Tensor inner;
                    try (Scope in = Scope.open()) {
                        inner = a.add(1f);
                    }
                    assertThat(inner.isClosed()).isTrue();
                    assertThat(a.isClosed()).isFalse();
                }
            }),
            Map.entry("a reshape stays valid after its source is closed", b -> {
                Tensor src = b.tensor(new float[] {1, 2, 3, 4}, 4);
                Tensor view = src.reshape(2, 2);
                src.close();
                assertThat(view.toArray()).containsExactly(1f, 2f, 3f, 4f);
                view.close();
            }));
    }

    /**
     * The fused op against the composition it replaced, on the values where the two could part:
     * ±0 (a tie, whose gradient goes to x), NaN, ±∞, subnormals whose products round to 0 or back
     * to x, and ±MAX_VALUE. Values and gradients must agree in every bit (NaNs compared as
     * NaNs), the gradient by the fused kernel (plain backward) and by the recorded rule
     * (createGraph). alpha = 0 is left out: there torch's leaky_relu gives +∞ at +∞, the max NaN.
     */
    private static void leakyReluAsComposed(Backend b) {
        float tiny = Float.MIN_VALUE;
        float[] v = {-2f, -0.5f, -0f, 0f, 0.75f, 3f, Float.NaN, tiny, -tiny, -3 * tiny, 1e-40f, -1e-40f,
            Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.MAX_VALUE, -Float.MAX_VALUE};
        float[] g = new float[v.length];
        for (int i = 0; i < g.length; i++) {
            g[i] = (i % 3 == 0 ? -1 : 1) * (0.5f + i) * (i == 5 ? 0 : 1);
        }
        for (float alpha : new float[] {0.2f, 0.75f, 1f}) {
            for (boolean createGraph : new boolean[] {false, true}) {
                try (Scope s = Scope.open(); GradientTape tape = GradientTape.open()) {
                    Tensor x = b.tensor(v, v.length).requiresGrad(true);
                    Tensor upstream = b.tensor(g, g.length);
                    Tensor fused = x.leakyRelu(alpha);
                    Tensor composed = x.maximum(x.mul(alpha));
                    String at = "alpha " + alpha + ", createGraph " + createGraph;
                    assertThat(bits(fused.toArray())).as("values, " + at).containsExactly(bits(composed.toArray()));
                    Tensor gFused = tape.gradients(fused.mul(upstream).sum(), List.of(x), createGraph).get(0);
                    Tensor gComposed = tape.gradients(composed.mul(upstream).sum(), List.of(x), false).get(0);
                    assertThat(bits(gFused.toArray())).as("gradients, " + at).containsExactly(bits(gComposed.toArray()));
                }
            }
        }
    }

    private static int[] bits(float[] v) {
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Float.floatToIntBits(v[i]);
        }
        return out;
    }
}
