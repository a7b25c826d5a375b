package dev.adversarial.gan.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.api.Conv2dSpec;
import dev.adversarial.gan.api.Layer;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Scope;
import dev.adversarial.gan.core.nn.Activation;
import dev.adversarial.gan.core.nn.Conv2d;
import dev.adversarial.gan.core.nn.Flatten;
import dev.adversarial.gan.core.nn.Init;
import dev.adversarial.gan.core.nn.LabelMaps;
import dev.adversarial.gan.core.nn.Linear;
import dev.adversarial.gan.core.nn.Sequential;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Labels reach both networks of a conditional model: with the noise held fixed, G's samples
 * change when only the label changes and repeat when the label repeats; D's logit for one sample
 * changes with the label, through a fully connected D and through a convolutional one whose
 * label maps ({@link LabelMaps}) join the image channels.
 */
class ConditioningTest {
    static final int LATENT = 5, CLASSES = 4, SIDE = 4, N = 8;

    static GanModel model(Backend b, Rng rng, boolean convolutionalD) {
        int pixels = SIDE * SIDE;
        Layer g = new Sequential(new Linear(b, rng, LATENT + CLASSES, 12, Init.uniform(0.5), Init.zeros()),
                Activation.relu(), new Linear(b, rng, 12, pixels, Init.uniform(0.5), Init.zeros()), Activation.sigmoid());
        Layer d = convolutionalD
                ? new Sequential(new LabelMaps(1, SIDE, SIDE, CLASSES),
                        new Conv2d(b, rng, 1 + CLASSES, 3, 4, 4, Conv2dSpec.of(2, 1), Init.normal(0.5), Init.zeros()),
                        Activation.leakyRelu(0.2), new Flatten(), new Linear(b, rng, 3 * 2 * 2, 1, Init.uniform(0.5), Init.zeros()))
                : new Sequential(new Linear(b, rng, pixels + CLASSES, 6, Init.uniform(0.5), Init.zeros()),
                        Activation.leakyRelu(0.2), new Linear(b, rng, 6, 1, Init.uniform(0.5), Init.zeros()));
        return new GanModel(g, d, NoisePrior.normal(LATENT, 0, 1), new int[] {pixels}, CLASSES);
    }

    /** N copies of one noise vector. */
    static float[] repeatedNoise(GanModel m) {
        float[] one = Sampler.noise(m.prior(), new Rng(11), 1);
        float[] z = new float[N * LATENT];
        for (int i = 0; i < N; i++) {
            System.arraycopy(one, 0, z, i * LATENT, LATENT);
        }
        return z;
    }

    static float maxAbsDiff(float[] a, float[] c) {
        float m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - c[i]));
        }
        return m;
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "djl"})
    void theGeneratorsOutputChangesWithTheLabelAlone(String backend) {
        Backend b = Backends.get(backend);
        try (GanModel m = model(b, new Rng(2), false)) {
            int[] labels = {0, 1, 2, 3, 0, 1, 2, 3};
            float[] x = Sampler.generate(m, b, repeatedNoise(m), labels, N, 3); // batches of 3 split the pairs
            int size = m.dataSize();
            for (int i = 0; i < N; i++) {
                for (int j = i + 1; j < N; j++) {
                    float[] a = Arrays.copyOfRange(x, i * size, (i + 1) * size), c = Arrays.copyOfRange(x, j * size, (j + 1) * size);
                    // Rows in batches of different sizes may round differently in the last bit.
                    if (labels[i] == labels[j]) {
                        assertThat(maxAbsDiff(a, c)).as("same z, same label %d: rows %d and %d", labels[i], i, j)
                                .isLessThan(1e-6f);
                    } else {
                        assertThat(maxAbsDiff(a, c)).as("same z, labels %d and %d", labels[i], labels[j])
                                .isGreaterThan(1e-3f);
                    }
                }
            }
            assertThatThrownBy(() -> Sampler.generate(m, b, repeatedNoise(m), null, N, N))
                    .hasMessageContaining("needs one label per sample: 8 samples, no labels");
            assertThatThrownBy(() -> Sampler.generate(m, b, repeatedNoise(m), new int[] {0, 1, 2, 3, 4, 0, 0, 0}, N, N))
                    .hasMessageContaining("Label 4 (row 4) is not a class of this model: use 0 to 3");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "djl"})
    void theDiscriminatorsLogitDependsOnTheLabel(String backend) {
        Backend b = Backends.get(backend);
        for (boolean conv : new boolean[] {false, true}) {
            try (GanModel m = model(b, new Rng(4), conv); Scope s = Scope.open()) {
                int size = m.dataSize();
                float[] one = Sampler.generate(m, b, Sampler.noise(m.prior(), new Rng(5), 1), new int[] {2}, 1, 1);
                float[] x = new float[CLASSES * 2 * size];
                for (int i = 0; i < CLASSES * 2; i++) {
                    System.arraycopy(one, 0, x, i * size, size);
                }
                int[] labels = {0, 1, 2, 3, 0, 1, 2, 3};
                float[] logits = m.discriminator().forward(Conditioning.withLabels(m, b.tensor(x, 2 * CLASSES, size),
                        labels)).toArray();
                for (int k = 0; k < CLASSES; k++) {
                    assertThat(Math.abs(logits[k] - logits[k + CLASSES])).as("conv=%s label %d twice", conv, k)
                            .isLessThan(1e-6f);
                    for (int l = k + 1; l < CLASSES; l++) {
                        assertThat(Math.abs(logits[k] - logits[l])).as("conv=%s labels %d and %d", conv, k, l)
                                .isGreaterThan(1e-4f);
                    }
                }
            }
        }
    }
}
