package dev.adversarial.gan.recipes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.api.Layer;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Scope;
import dev.adversarial.gan.api.Tensor;
import dev.adversarial.gan.core.io.Npy;
import dev.adversarial.gan.core.nn.ConvTranspose2d;
import dev.adversarial.gan.core.nn.Sequential;
import dev.adversarial.gan.core.train.GanModel;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DcganRecipeTest {
    private final Backend b = Backends.get("cpu");
    private final DcganRecipe recipe = new DcganRecipe();

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}x{0}, {1} channel(s)")
    @CsvSource({"28, 1, 2", "32, 3, 3", "64, 3, 4"})
    void depthFollowsTheImageSize(int size, int channels, int blocks) {
        Settings s = recipe.settings(Map.of("size", Integer.toString(size), "channels", Integer.toString(channels)));
        try (Scope scope = Scope.open(); GanModel m = recipe.model(b, new Rng(1), s, null)) {
            assertThat(m.dataShape()).containsExactly(channels, size, size);
            assertThat(recipe.imageShape(s)).containsExactly(channels, size, size);
            long transposed = ((Sequential) m.generator()).layers().stream().filter(l -> l instanceof ConvTranspose2d).count();
            assertThat(transposed).isEqualTo(blocks);
            m.generator().eval();
            Tensor x = m.generator().forward(m.prior().sample(b, new Rng(2), 2));
            assertThat(x.shape().dims()).containsExactly(2, channels * size * size);
            for (float v : x.toArray()) {
                assertThat(v).isBetween(0f, 1f);
            }
            assertThat(m.discriminator().forward(x).shape().dims()).containsExactly(2, 1);
        }
    }

    @Test
    void at28PixelsInGrayItIsDcganMnistLayerForLayer() {
        Settings s = recipe.settings(Map.of("size", "28", "channels", "1"));
        DcganMnistRecipe mnist = new DcganMnistRecipe();
        try (GanModel ours = recipe.model(b, new Rng(3), s, null);
             GanModel theirs = mnist.model(b, new Rng(3), mnist.settings(Map.of()), null)) {
            assertThat(names(ours.generator())).isEqualTo(names(theirs.generator()));
            assertThat(names(ours.discriminator())).isEqualTo(names(theirs.discriminator()));
            // Same seed, same layers in the same order: the same initial weights.
            // isEqualTo compares float arrays with Arrays.equals (containsExactly takes minutes on 627,200 values).
            ours.generator().namedParameters().forEach((name, p) -> assertThat(p.value().toArray()).as(name)
                    .isEqualTo(theirs.generator().namedParameters().get(name).value().toArray()));
        }
        assertThat(recipe.trainingConfig(s)).isEqualTo(mnist.trainingConfig(mnist.settings(Map.of())));
    }

    private static Map<String, String> names(Layer m) {
        Map<String, String> out = new HashMap<>();
        m.namedParameters().forEach((k, p) -> out.put(k, p.value().shape().toString()));
        return out;
    }

    @Test
    void theDataFixesSizeAndChannelsAndTheRecordedSettingsRebuildTheModel() throws Exception {
        Path f = tmp.resolve("faces.npy");
        Npy.write(f, new int[] {5, 32, 32, 3}, new float[5 * 32 * 32 * 3]);
        TrainingData loaded = recipe.loadTrainingData(recipe.settings(Map.of(TrainingData.PATH_SETTING, f.toString())));
        Settings resolved = loaded.settings();
        assertThat(resolved.string("size")).isEqualTo("32");
        assertThat(resolved.string("channels")).isEqualTo("3");
        assertThat(resolved.string(TrainingData.PATH_SETTING)).isEqualTo(f.toAbsolutePath().toString());
        assertThat(loaded.provenance()).containsEntry("examples", 5).containsKey("sha256");
        assertThat(loaded.dataset().exampleDims()).containsExactly(3, 32, 32);
        // What a checkpoint records is enough to rebuild the model with no data at hand.
        Settings fromRecord = recipe.settings(resolved.asMap());
        try (GanModel m = recipe.model(b, new Rng(1), fromRecord, null)) {
            assertThat(m.dataSize()).isEqualTo(loaded.dataset().exampleSize());
        }

        Settings gray28 = recipe.loadTrainingData(recipe.settings(Map.of(TrainingData.PATH_SETTING, f.toString(),
                "size", "28", "channels", "1"))).settings();
        assertThat(recipe.imageShape(gray28)).containsExactly(1, 28, 28);
    }

    @Test
    void mistakesAreExplained() throws Exception {
        assertThatThrownBy(() -> recipe.trainingData(recipe.settings(Map.of()))).hasMessageContaining("pass --data PATH");
        Path odd = tmp.resolve("odd.npy");
        Npy.write(odd, new int[] {2, 40, 40}, new float[2 * 1600]);
        assertThatThrownBy(() -> recipe.loadTrainingData(recipe.settings(Map.of(TrainingData.PATH_SETTING, odd.toString()))))
                .hasMessageContaining("are 40×40").hasMessageContaining("--set size=32");
        assertThatThrownBy(() -> recipe.model(b, new Rng(1), recipe.settings(Map.of()), null))
                .hasMessageContaining("'size' and 'channels' are auto");
        assertThatThrownBy(() -> recipe.model(b, new Rng(1), recipe.settings(Map.of("size", "48", "channels", "3")), null))
                .hasMessageContaining("'size' of recipe dcgan must be 28, 32, 64 or auto");
        assertThatThrownBy(() -> recipe.model(b, new Rng(1), recipe.settings(Map.of("size", "32", "channels", "2")), null))
                .hasMessageContaining("'channels' of recipe dcgan must be 1 (grayscale), 3 (RGB) or auto");
    }
}
