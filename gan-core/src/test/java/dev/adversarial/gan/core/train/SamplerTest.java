package dev.adversarial.gan.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Scope;
import dev.adversarial.gan.api.Tensor;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Sampling n rows in one call: the same samples as noise + generate, shaped as rows or a tensor. */
class SamplerTest {
    private final Backend b = Backends.get("cpu");

    @Test
    void sampleReturnsOneRowPerSampleEqualToGenerateOnTheSameNoise() {
        TinyGan t = new TinyGan(b, 3, UpdateMode.ALTERNATING, 1, TinyGan.data(1));
        int n = 300; // more than one of sample's batches
        float[][] rows = Sampler.sample(t.model, b, n, new Rng(11));
        float[] flat = Sampler.generate(t.model, b, Sampler.noise(t.model.prior(), new Rng(11), n), n, 64);
        assertThat(rows).hasNumberOfRows(n);
        for (int i = 0; i < n; i++) {
            assertThat(rows[i]).hasSize(TinyGan.DATA)
                    .containsExactly(Arrays.copyOfRange(flat, i * TinyGan.DATA, (i + 1) * TinyGan.DATA));
        }
        assertThat(t.model.generator().isTraining()).as("G's mode is restored").isTrue();
    }

    @Test
    void sampleTensorHasTheDataShapeAfterTheBatch() {
        TinyGan t = new TinyGan(b, 3, UpdateMode.ALTERNATING, 1, TinyGan.data(1));
        try (Scope s = Scope.open()) {
            Tensor x = Sampler.sampleTensor(t.model, b, 5, new Rng(2));
            assertThat(x.shape().dims()).containsExactly(5, TinyGan.DATA);
            float[][] rows = Sampler.sample(t.model, b, 5, new Rng(2));
            assertThat(Arrays.copyOfRange(x.toArray(), 0, TinyGan.DATA)).containsExactly(rows[0]);
        }
    }

    @Test
    void badCountsAndMissingLabelsGetASentence() {
        TinyGan t = new TinyGan(b, 3, UpdateMode.ALTERNATING, 1, TinyGan.data(1));
        assertThatThrownBy(() -> Sampler.sample(t.model, b, 0, new Rng(1))).hasMessageContaining("must be positive, got 0");
        assertThatThrownBy(() -> Sampler.sample(t.model, b, new int[] {0}, new Rng(1)))
                .hasMessageContaining("takes no labels");
        GanModel conditional = new GanModel(t.model.generator(), t.model.discriminator(), t.model.prior(),
                t.model.dataShape(), 3);
        assertThatThrownBy(() -> Sampler.sample(conditional, b, 4, new Rng(1))).hasMessageContaining("is conditional (3 classes)");
        assertThatThrownBy(() -> Sampler.sample(conditional, b, new int[] {0, 3}, new Rng(1)))
                .hasMessageContaining("Label 3 is not a class of this model (0 to 2)");
    }
}
