package dev.adversarial.gan.cli;

import static dev.adversarial.gan.cli.CliEndToEndTest.gan;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.cli.CliEndToEndTest.Result;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A conditional run as a user starts it: `gan train --recipe dcgan --data DIR --set
 * conditional=true` on a folder with one subfolder per class, on each backend. The run records
 * the number of classes, its sample grid has one row per class, its checkpoint rebuilds a
 * conditional model, and it resumes; the same command on unlabelled images is refused with a
 * sentence that says how to give labels.
 */
class ConditionalTrainingCliTest {
    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cpu", "djl"})
    void aLabelledFolderTrainsAConditionalDcgan(String backend) throws IOException {
        Path data = tmp.resolve("classes");
        for (String cls : new String[] {"discs", "more-discs", "yet-more"}) {
            UserDataEndToEndTest.rgbFolder(data.resolve(cls));
        }
        Path run = tmp.resolve("run");
        Result r = gan("train", "--recipe", "dcgan", "--data", data.toString(), "--backend", backend, "--epochs", "1",
                "--seed", "4", "--out", run.toString(), "--set", "conditional=true", "--set", "batch=32",
                "--set", "g.channels=16", "--set", "d.channels=16");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode info = new ObjectMapper().readTree(run.resolve("run.json").toFile());
        assertThat(info.get("settings").get("conditional").asText()).isEqualTo("true");
        assertThat(info.get("settings").get("classes").asText()).isEqualTo("3");

        BufferedImage grid = ImageIO.read(run.resolve("samples/epoch-001.png").toFile());
        int cell = 28 * 2 + 2;
        assertThat(grid.getWidth()).as("10 columns").isEqualTo(10 * cell + 2);
        assertThat(grid.getHeight()).as("one row per class").isEqualTo(3 * cell + 2);

        Backend b = Backends.get(backend, null);
        LoadedCheckpoint loaded = LoadedCheckpoint.load(run.resolve("checkpoints/latest"),
                Wiring.injector().getInstance(Recipes.class), b);
        assertThat(loaded.model().classes()).isEqualTo(3);
        assertThat(loaded.model().generator().namedParameters().get("0.weight").shape().dims()[1]).isEqualTo(100 + 3);
        loaded.model().close();

        Result resumed = gan("train", "--resume", run.toString(), "--epochs", "2");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(run.resolve("samples/epoch-002.png")).isRegularFile();
    }

    @Test
    void unlabelledImagesAreRefusedWithWhatToDo() throws IOException {
        Path data = UserDataEndToEndTest.rgbFolder(tmp.resolve("flat"));
        Result r = gan("train", "--recipe", "dcgan", "--data", data.toString(), "--epochs", "1",
                "--out", tmp.resolve("run").toString(), "--set", "conditional=true");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("conditional=true trains on labels").contains("has none")
                .contains("a subfolder of their own").doesNotContain("at dev.");
    }
}
