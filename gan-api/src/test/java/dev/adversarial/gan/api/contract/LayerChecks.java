package dev.adversarial.gan.api.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Layer;
import dev.adversarial.gan.api.Parameter;
import dev.adversarial.gan.api.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** Layer bookkeeping: dotted names, modes, state dictionaries and their errors. */
final class LayerChecks {
    private LayerChecks() {
    }

    static final class Affine extends Layer {
        final Parameter weight;
        final Parameter bias;

        Affine(Backend b, int in, int out) {
            weight = registerParameter("weight", new Parameter(b.ones(out, in)));
            bias = registerParameter("bias", new Parameter(b.zeros(out)));
        }

        @Override
        public Tensor forward(Tensor x) {
            return x.matmul(weight.value(), false, true).add(bias.value());
        }
    }

    static final class Pair extends Layer {
        Pair(Backend b) {
            registerLayer("first", new Affine(b, 3, 4));
            registerLayer("second", new Affine(b, 4, 2));
        }

        @Override
        public Tensor forward(Tensor x) {
            Tensor h = x;
            for (Layer m : children().values()) {
                h = m.forward(h);
            }
            return h;
        }
    }

    /** A module with a buffer beside its parameter, nested one level down. */
    static final class Counting extends Layer {
        final Tensor seen;

        Counting(Backend b) {
            registerLayer("affine", new Affine(b, 2, 2));
            seen = registerBuffer("seen", b.zeros(2));
        }

        @Override
        public Tensor forward(Tensor x) {
            seen.addInPlace(x.sum(0, false), 1f);
            return children().get("affine").forward(x);
        }
    }

    static Map<String, Consumer<Backend>> all() {
        return Map.of(
            "buffers are state but not parameters", b -> {
                try (Counting c = new Counting(b); Counting d = new Counting(b)) {
                    c.forward(b.tensor(new float[] {1, 2, 3, 4}, 2, 2));
                    assertThat(c.namedBuffers().keySet()).containsExactly("seen");
                    assertThat(c.namedParameters().keySet()).containsExactly("affine.weight", "affine.bias");
                    assertThat(c.stateDict().keySet()).containsExactly("affine.weight", "affine.bias", "seen");
                    d.loadStateDict(c.stateDict());
                    assertThat(d.buffers().get(0).toArray()).containsExactly(4f, 6f);
                    Map<String, Tensor> missing = new LinkedHashMap<>(c.stateDict());
                    missing.remove("seen");
                    assertThatThrownBy(() -> d.loadStateDict(missing)).hasMessageContaining("missing [seen]");
                }
            },
            "named parameters nest with dots", b -> {
                try (Pair p = new Pair(b)) {
                    assertThat(p.namedParameters().keySet())
                            .containsExactly("first.weight", "first.bias", "second.weight", "second.bias");
                    assertThat(p.parameterCount()).isEqualTo(12 + 4 + 8 + 2);
                    assertThat(p.forward(b.ones(5, 3)).shape().dims()).containsExactly(5, 2);
                }
            },
            "train and eval reach every child", b -> {
                try (Pair p = new Pair(b)) {
                    p.eval();
                    assertThat(p.children().values()).allMatch(m -> !m.isTraining());
                    p.train();
                    assertThat(p.children().values()).allMatch(Layer::isTraining);
                }
            },
            "state dict round trip", b -> {
                try (Pair p = new Pair(b); Pair q = new Pair(b)) {
                    p.namedParameters().get("second.bias").set(b.tensor(new float[] {7, 8}, 2));
                    q.loadStateDict(p.stateDict());
                    assertThat(q.stateDict().get("second.bias").toArray()).containsExactly(7f, 8f);
                }
            },
            "state dict errors name missing, unexpected and mis-shaped entries", b -> {
                try (Pair p = new Pair(b)) {
                    Map<String, Tensor> bad = new LinkedHashMap<>(p.stateDict());
                    bad.remove("first.bias");
                    bad.put("third.weight", b.ones(1));
                    bad.put("second.weight", b.ones(3, 3));
                    assertThatThrownBy(() -> p.loadStateDict(bad))
                            .hasMessageContaining("missing [first.bias]")
                            .hasMessageContaining("unexpected [third.weight]")
                            .hasMessageContaining("second.weight has shape [3, 3] but the model expects [2, 4]");
                }
            },
            "duplicate and dotted member names are refused", b -> {
                assertThatThrownBy(() -> new Layer() {
                    {
                        registerParameter("w", new Parameter(b.ones(1)));
                        registerParameter("w", new Parameter(b.ones(1)));
                    }

                    @Override
                    public Tensor forward(Tensor x) {
                        return x;
                    }
                }).hasMessageContaining("already registered");
            });
    }
}
