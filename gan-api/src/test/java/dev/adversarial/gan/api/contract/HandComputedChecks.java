package dev.adversarial.gan.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Scope;
import dev.adversarial.gan.api.Shape;
import dev.adversarial.gan.api.Tensor;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** Forward values worked out by hand, and the numerically delicate edges of the stable ops. */
final class HandComputedChecks {
    private HandComputedChecks() {
    }

    /** Each entry: a description and a check that throws on failure. */
    static Map<String, Function<Backend, Void>> all() {
        return Map.ofEntries(
            Map.entry("add with row broadcast", b -> expect(b.tensor(new float[] {1, 2, 3, 4, 5, 6}, 2, 3)
                    .add(b.tensor(new float[] {10, 20, 30}, 3)), new float[] {11, 22, 33, 14, 25, 36}, 2, 3)),
            Map.entry("column broadcast mul", b -> expect(b.tensor(new float[] {1, 2, 3, 4}, 2, 2)
                    .mul(b.tensor(new float[] {10, 100}, 2, 1)), new float[] {10, 20, 300, 400}, 2, 2)),
            Map.entry("matmul 2x3 by 3x2", b -> expect(b.tensor(new float[] {1, 2, 3, 4, 5, 6}, 2, 3)
                    .matmul(b.tensor(new float[] {7, 8, 9, 10, 11, 12}, 3, 2)), new float[] {58, 64, 139, 154}, 2, 2)),
            Map.entry("matmul with transposed right side", b -> expect(b.tensor(new float[] {1, 2, 3, 4, 5, 6}, 2, 3)
                    .matmul(b.tensor(new float[] {7, 9, 11, 8, 10, 12}, 2, 3), false, true), new float[] {58, 64, 139, 154}, 2, 2)),
            Map.entry("matmul with transposed left side", b -> expect(b.tensor(new float[] {1, 4, 2, 5, 3, 6}, 3, 2)
                    .matmul(b.tensor(new float[] {7, 8, 9, 10, 11, 12}, 3, 2), true, false), new float[] {58, 64, 139, 154}, 2, 2)),
            Map.entry("sum along axes", b -> {
                Tensor t = b.tensor(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
                expect(t.sum(0, false), new float[] {5, 7, 9}, 3);
                expect(t.sum(1, true), new float[] {6, 15}, 2, 1);
                return expect(t.sum(), new float[] {21});
            }),
            Map.entry("max along axes", b -> {
                Tensor t = b.tensor(new float[] {1, 9, 3, 4, -5, 6}, 2, 3);
                expect(t.max(0, false), new float[] {4, 9, 6}, 3);
                return expect(t.max(1, false), new float[] {9, 6}, 2);
            }),
            Map.entry("exp, log, sqrt, tanh at known points", b -> {
                expect(b.tensor(new float[] {0, 1}, 2).exp(), new float[] {1, (float) Math.E}, 2);
                expect(b.tensor(new float[] {1, (float) Math.E}, 2).log(), new float[] {0, 1}, 2);
                expect(b.tensor(new float[] {4, 9}, 2).sqrt(), new float[] {2, 3}, 2);
                return expect(b.tensor(new float[] {0}, 1).tanh(), new float[] {0}, 1);
            }),
            Map.entry("sigmoid saturates without NaN", b -> expect(
                    b.tensor(new float[] {0, 100, -100, 1000, -1000}, 5).sigmoid(), new float[] {0.5f, 1, 0, 1, 0}, 5)),
            Map.entry("softplus never overflows", b -> expect(
                    b.tensor(new float[] {0, 1000, -1000, 50}, 4).softplus(), new float[] {(float) Math.log(2), 1000, 0, 50}, 4)),
            Map.entry("logSigmoid stays finite", b -> expect(
                    b.tensor(new float[] {0, 1000, -1000}, 3).logSigmoid(), new float[] {(float) -Math.log(2), 0, -1000}, 3)),
            Map.entry("relu and leakyRelu", b -> {
                expect(b.tensor(new float[] {-2, 0, 3}, 3).relu(), new float[] {0, 0, 3}, 3);
                return expect(b.tensor(new float[] {-2, 0, 3}, 3).leakyRelu(0.1f), new float[] {-0.2f, 0, 3}, 3);
            }),
            Map.entry("comparisons give 0/1", b -> {
                Tensor x = b.tensor(new float[] {1, 2, 3}, 3), y = b.tensor(new float[] {2, 2, 2}, 3);
                expect(x.gt(y), new float[] {0, 0, 1}, 3);
                expect(x.ge(y), new float[] {0, 1, 1}, 3);
                expect(x.lt(y), new float[] {1, 0, 0}, 3);
                expect(x.le(y), new float[] {1, 1, 0}, 3);
                return expect(x.eq(y), new float[] {0, 1, 0}, 3);
            }),
            Map.entry("permute, slice, concat", b -> {
                Tensor t = b.tensor(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
                expect(t.transpose(), new float[] {1, 4, 2, 5, 3, 6}, 3, 2);
                expect(t.slice(1, 1, 3), new float[] {2, 3, 5, 6}, 2, 2);
                expect(Tensor.concat(List.of(t, t.slice(0, 0, 1)), 0), new float[] {1, 2, 3, 4, 5, 6, 1, 2, 3}, 3, 3);
                return expect(Tensor.concat(List.of(t.slice(1, 2, 3), t.slice(1, 0, 1)), 1), new float[] {3, 1, 6, 4}, 2, 2);
            }),
            Map.entry("reshape infers -1 and shares values", b -> expect(
                    b.tensor(new float[] {1, 2, 3, 4, 5, 6}, 2, 3).reshape(-1), new float[] {1, 2, 3, 4, 5, 6}, 6)),
            Map.entry("factories: zeros, ones, full, scalar", b -> {
                expect(b.zeros(2, 2), new float[] {0, 0, 0, 0}, 2, 2);
                expect(b.ones(3), new float[] {1, 1, 1}, 3);
                expect(b.full(Shape.of(2), 7f), new float[] {7, 7}, 2);
                return expect(b.scalar(3f), new float[] {3});
            }),
            Map.entry("seeded random draws are identical on every backend", b -> {
                Tensor u = b.uniform(new Rng(42), -1f, 1f, 1000);
                float[] v = u.toArray();
                float[] again = b.uniform(new Rng(42), -1f, 1f, 1000).toArray();
                assertThat(v).containsExactly(again);
                for (float x : v) {
                    assertThat(x).isBetween(-1f, 1f);
                }
                float[] mask = b.bernoulli(new Rng(1), 0.8, 10000).toArray();
                double mean = 0;
                for (float m : mask) {
                    assertThat(m).isIn(0f, 1f);
                    mean += m / mask.length;
                }
                assertThat(mean).isCloseTo(0.8, within(0.02));
                // Each mask value is exactly the outcome of nextDouble() < p on the same stream,
                // at the edges (0, 1) and at probabilities no binary fraction hits exactly.
                for (double p : new double[] {0, 1e-9, 0.3, 0.5, 0.8, 1 - 1e-12, 1}) {
                    float[] drawn = b.bernoulli(new Rng(5), p, 2000).toArray();
                    Rng same = new Rng(5);
                    for (int i = 0; i < drawn.length; i++) {
                        assertThat(drawn[i]).as("p = %s, draw %d", p, i).isEqualTo(same.nextDouble() < p ? 1f : 0f);
                    }
                }
                return null;
            }),
            Map.entry("in-place axpy, scale and assign", b -> {
                Tensor y = b.tensor(new float[] {1, 2}, 2).keep();
                y.addInPlace(b.tensor(new float[] {10, 20}, 2), 0.5f);
                expect(y, new float[] {6, 12}, 2);
                y.mulInPlace(2f);
                expect(y, new float[] {12, 24}, 2);
                y.assign(b.tensor(new float[] {-1, -2}, 2));
                expect(y, new float[] {-1, -2}, 2);
                y.close();
                return null;
            }),
            Map.entry("empty tensors", b -> {
                Tensor e = b.zeros(0, 3);
                expect(e.sum(0, false), new float[] {0, 0, 0}, 3);
                return expect(e.add(1f), new float[0], 0, 3);
            }));
    }

    static Void expect(Tensor t, float[] values, int... dims) {
        try (Scope ignored = Scope.open()) {
            assertThat(t.shape()).isEqualTo(Shape.of(dims));
            float[] v = t.toArray();
            for (int i = 0; i < values.length; i++) {
                assertThat(v[i]).as("element %d of %s", i, t.shape()).isCloseTo(values[i], within(1e-5f * (1 + Math.abs(values[i]))));
            }
        }
        return null;
    }
}
