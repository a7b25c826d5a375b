package dev.adversarial.gan.recipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.api.Layer;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Scope;
import dev.adversarial.gan.core.io.Npy;
import dev.adversarial.gan.core.loss.GanLoss;
import dev.adversarial.gan.core.nn.LabelMaps;
import dev.adversarial.gan.core.nn.Sequential;
import dev.adversarial.gan.core.nn.Unflatten;
import dev.adversarial.gan.core.train.Conditioning;
import dev.adversarial.gan.core.train.GanModel;
import dev.adversarial.gan.core.train.Sampler;
import dev.adversarial.gan.core.train.TrainingConfig;
import dev.adversarial.gan.core.train.UpdateMode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conditional recipes build what their comments say: cgan-mnist's MLPs read 100 + 10 and
 * 784 + 10 inputs; dcgan-mnist and dcgan with {@code conditional=true} widen G's first Linear by
 * the classes and start D with label maps, while the unconditional forms keep their layers and
 * parameter names; dcgan takes its number of classes from labelled data, records it, and refuses
 * unlabelled data with a sentence that says what to do.
 */
class ConditionalRecipesTest {
    private final Backend b = Backends.get("cpu");

    @TempDir
    Path tmp;

    @Test
    void cganMnistIsAFullyConnectedConditionalPairTrainedByAlgorithm1WithAdam() {
        CganMnistRecipe recipe = new CganMnistRecipe();
        Settings s = recipe.settings(Map.of());
        try (Scope scope = Scope.open(); GanModel m = recipe.model(b, new Rng(1), s, null)) {
            assertThat(m.classes()).isEqualTo(10);
            assertThat(m.generator().namedParameters().get("0.weight").shape().dims()).containsExactly(256, 110);
            assertThat(m.generator().namedParameters().get("2.weight").shape().dims()).containsExactly(512, 256);
            assertThat(m.discriminator().namedParameters().get("0.weight").shape().dims()).containsExactly(512, 794);
            assertThat(m.discriminator().namedParameters().get("3.weight").shape().dims()).containsExactly(256, 512);
            float[] x = Sampler.generate(m, b, Sampler.noise(m.prior(), new Rng(2), 3), new int[] {7, 7, 1}, 3, 3);
            assertThat(x).hasSize(3 * 784);
            for (float v : x) {
                assertThat(v).isBetween(0f, 1f);
            }
            m.discriminator().eval();
            assertThat(m.discriminator().forward(Conditioning.withLabels(m, b.tensor(x, 3, 784), new int[] {7, 7, 1}))
                    .shape().dims()).containsExactly(3, 1);
        }
        TrainingConfig c = recipe.trainingConfig(s);
        assertThat(c.batchSize()).isEqualTo(64);
        assertThat(c.discriminatorSteps()).isEqualTo(1);
        assertThat(c.mode()).isEqualTo(UpdateMode.ALTERNATING);
        assertThat(c.loss()).isEqualTo(GanLoss.NON_SATURATING);
        assertThat(recipe.imageShape(s)).containsExactly(28, 28);
        assertThatThrownBy(() -> recipe.model(b, new Rng(1), recipe.settings(Map.of("g.norm", "layer")), null))
                .hasMessageContaining("'g.norm' of recipe cgan-mnist must be batch or none");
        try (GanModel plain = recipe.model(b, new Rng(1), recipe.settings(Map.of("g.norm", "none", "d.hidden.keep", "1")),
                null)) {
            assertThat(plain.generator().buffers()).isEmpty();
        }
    }

    @Test
    void dcganMnistTurnsConditionalWithOneSetting() {
        DcganMnistRecipe recipe = new DcganMnistRecipe();
        try (Scope scope = Scope.open();
             GanModel plain = recipe.model(b, new Rng(1), recipe.settings(Map.of()), null);
             GanModel cond = recipe.model(b, new Rng(1), recipe.settings(Map.of("conditional", "true")), null)) {
            assertThat(plain.classes()).isZero();
            assertThat(first(plain.discriminator())).isInstanceOf(Unflatten.class);
            assertThat(cond.classes()).isEqualTo(10);
            assertThat(first(cond.discriminator())).isInstanceOf(LabelMaps.class);
            assertThat(cond.generator().namedParameters().keySet()).isEqualTo(plain.generator().namedParameters().keySet());
            assertThat(cond.discriminator().namedParameters().keySet())
                    .isEqualTo(plain.discriminator().namedParameters().keySet());
            assertThat(cond.generator().namedParameters().get("0.weight").shape().dims()).containsExactly(6272, 110);
            assertThat(cond.discriminator().namedParameters().get("1.weight").shape().dims()).containsExactly(64, 11, 4, 4);
            assertThat(plain.discriminator().namedParameters().get("1.weight").shape().dims()).containsExactly(64, 1, 4, 4);
            float[] x = Sampler.generate(cond, b, Sampler.noise(cond.prior(), new Rng(2), 2), new int[] {3, 9}, 2, 2);
            assertThat(cond.discriminator().forward(Conditioning.withLabels(cond, b.tensor(x, 2, 784), new int[] {3, 9}))
                    .shape().dims()).containsExactly(2, 1);
        }
    }

    private static Layer first(Layer sequential) {
        return ((Sequential) sequential).layers().get(0);
    }

    @Test
    void dcganTakesItsClassesFromLabelledDataAndRecordsThem() throws Exception {
        DcganRecipe recipe = new DcganRecipe();
        Path images = tmp.resolve("x.npy"), labels = tmp.resolve("y.npy");
        Npy.write(images, new int[] {6, 32, 32, 3}, new float[6 * 32 * 32 * 3]);
        Npy.write(labels, new int[] {6}, new float[] {0, 1, 2, 3, 0, 1});
        TrainingData loaded = recipe.loadTrainingData(recipe.settings(Map.of(TrainingData.PATH_SETTING, images.toString(),
                "data.labels", labels.toString(), "conditional", "true")));
        assertThat(loaded.settings().string("classes")).isEqualTo("4");
        try (Scope scope = Scope.open(); GanModel m = recipe.model(b, new Rng(1), recipe.settings(loaded.settings().asMap()),
                null)) {
            assertThat(m.classes()).isEqualTo(4);
            assertThat(m.dataShape()).containsExactly(3, 32, 32);
            assertThat(((LabelMaps) first(m.discriminator())).classes()).isEqualTo(4);
            assertThat(m.generator().namedParameters().get("0.weight").shape().dims()[1]).isEqualTo(100 + 4);
        }
        TrainingData plain = recipe.loadTrainingData(recipe.settings(Map.of(TrainingData.PATH_SETTING, images.toString(),
                "data.labels", labels.toString())));
        assertThat(plain.settings().string("classes")).as("unconditional: left as it was").isEqualTo("auto");

        assertThatThrownBy(() -> recipe.loadTrainingData(recipe.settings(Map.of(TrainingData.PATH_SETTING,
                images.toString(), "conditional", "true"))))
                .hasMessageContaining("conditional=true trains on labels").hasMessageContaining("--set data.labels=FILE.npy");
        assertThatThrownBy(() -> recipe.loadTrainingData(recipe.settings(Map.of(TrainingData.PATH_SETTING,
                images.toString(), "data.labels", labels.toString(), "conditional", "true", "classes", "3"))))
                .hasMessageContaining("'classes' of recipe dcgan is 3 but the labels").hasMessageContaining("at least 4");
        assertThatThrownBy(() -> recipe.model(b, new Rng(1), recipe.settings(Map.of("size", "32", "channels", "3",
                "conditional", "true")), null))
                .hasMessageContaining("set it (e.g. --set classes=10)");
    }
}
