package dev.adversarial.gan.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Scope;
import dev.adversarial.gan.api.Tensor;
import org.junit.jupiter.api.Test;

class LayersTest {
    private final Backend b = Backends.get("cpu");

    @Test
    void linearComputesXWTransposePlusBias() {
        try (Scope s = Scope.open();
             Linear l = new Linear(b, new Rng(1), 2, 3, Init.values(new float[] {1, 0, 0, 1, 1, 1}), Init.values(new float[] {0, 10, 100}))) {
            assertThat(l.forward(b.tensor(new float[] {2, 3}, 1, 2)).toArray()).containsExactly(2f, 13f, 105f);
            assertThat(l.namedParameters().keySet()).containsExactly("weight", "bias");
            assertThatThrownBy(() -> l.forward(b.zeros(1, 3))).hasMessageContaining("expects input [batch, 2]").hasMessageContaining("[1, 3]");
        }
    }

    @Test
    void maxoutTakesEachUnitsAdjacentPieces() {
        // identity weights on 4 inputs, 2 units x 2 pieces: unit 0 = max(x0, x1), unit 1 = max(x2, x3)
        float[] eye = new float[16];
        for (int i = 0; i < 4; i++) {
            eye[i * 4 + i] = 1;
        }
        try (Scope s = Scope.open(); Maxout m = new Maxout(b, new Rng(1), 4, 2, 2, Init.values(eye), Init.zeros())) {
            assertThat(m.forward(b.tensor(new float[] {1, 5, 7, -3}, 1, 4)).toArray()).containsExactly(5f, 7f);
            assertThat(m.namedParameters().keySet()).containsExactly("linear.weight", "linear.bias");
        }
    }

    @Test
    void dropoutKeepsAboutPAndScalesInTrainingAndIsIdentityInEval() {
        try (Scope s = Scope.open()) {
            Dropout d = new Dropout(0.8, 1.25, new Rng(3));
            float[] out = d.forward(b.ones(100, 100)).toArray();
            int kept = 0;
            for (float v : out) {
                assertThat(v).isIn(0f, 1.25f);
                kept += v > 0 ? 1 : 0;
            }
            assertThat(kept / 10000.0).isCloseTo(0.8, within(0.02));
            d.eval();
            Tensor x = b.ones(3, 3);
            assertThat(d.forward(x)).isSameAs(x);
            assertThatThrownBy(() -> new Dropout(0, new Rng(1))).hasMessageContaining("(0, 1]");
        }
    }

    @Test
    void sequentialNamesLayersByPosition() {
        try (Scope s = Scope.open(); Sequential seq = new Sequential(
                new Linear(b, new Rng(1), 3, 4, Init.uniform(0.05), Init.zeros()), Activation.relu(),
                new Linear(b, new Rng(1), 4, 2, Init.uniform(0.05), Init.zeros()), Activation.sigmoid())) {
            assertThat(seq.namedParameters().keySet()).containsExactly("0.weight", "0.bias", "2.weight", "2.bias");
            float[] y = seq.forward(b.ones(5, 3)).toArray();
            assertThat(y).hasSize(10);
            for (float v : y) {
                assertThat(v).isBetween(0f, 1f);
            }
        }
    }

    @Test
    void uniformInitStaysInRange() {
        try (Scope s = Scope.open()) {
            for (float v : Init.uniform(0.005).create(b, new Rng(1), 100, 100).toArray()) {
                assertThat(Math.abs(v)).isLessThanOrEqualTo(0.005f);
            }
        }
    }
}
