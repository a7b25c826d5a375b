package dev.adversarial.gan.cli;

import static dev.adversarial.gan.cli.CliEndToEndTest.gan;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.adversarial.gan.cli.CliEndToEndTest.Result;
import dev.adversarial.gan.core.io.Npy;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Training on a user's own images as a user does it: a folder of 32 RGB 28×28 PNGs, `gan data
 * inspect`, `gan train --recipe dcgan --data DIR` for one epoch on each backend, then sampling,
 * export and resume from what the run recorded (no --data needed again).
 */
class UserDataEndToEndTest {
    @TempDir
    Path tmp;

    /** 32 colourful 28×28 PNGs: a red disc of varying radius on a blue-green gradient. */
    static Path rgbFolder(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (int i = 0; i < 32; i++) {
            BufferedImage img = new BufferedImage(28, 28, BufferedImage.TYPE_INT_RGB);
            int radius = 4 + i % 8;
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    boolean disc = (x - 14) * (x - 14) + (y - 14) * (y - 14) < radius * radius;
                    img.setRGB(x, y, disc ? 0xE02010 : (20 << 16) | ((4 * y) << 8) | (120 + 4 * x));
                }
            }
            ImageIO.write(img, "png", dir.resolve(String.format("img-%02d.png", i)).toFile());
        }
        return dir;
    }

    @Test
    void inspectReportsWhatTrainingWillSeeAndRefusesBrokenSets() throws IOException {
        Path dir = rgbFolder(tmp.resolve("discs"));
        Result ok = gan("data", "inspect", dir.toString());
        assertThat(ok.code()).as(ok.err()).isZero();
        assertThat(ok.out()).contains("images    32").contains("28×28").contains("3 (RGB)").contains("none (unlabelled)")
                .contains("sha256").contains("gan train --recipe dcgan --data " + dir);

        Files.write(dir.resolve("img-99.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0});
        Result corrupt = gan("data", "inspect", dir.toString());
        assertThat(corrupt.code()).isEqualTo(1);
        assertThat(corrupt.err()).contains("img-99.png").contains("re-export it or remove it").doesNotContain("at dev.");

        Result empty = gan("data", "inspect", Files.createDirectories(tmp.resolve("empty")).toString());
        assertThat(empty.err()).contains("holds no images");
        Result noRecipe = gan("train", "--data", tmp.resolve("empty").toString(), "--out", tmp.resolve("r").toString());
        assertThat(noRecipe.out()).as("--data alone picks dcgan").contains("Recipe dcgan");
        assertThat(noRecipe.err()).contains("holds no images");
        Result wrongRecipe = gan("train", "--recipe", "paper-mnist", "--data", dir.toString());
        assertThat(wrongRecipe.err()).contains("recipe 'paper-mnist' has its own data set").contains("--recipe dcgan");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"cpu", "djl"})
    void aFolderOfRgbPngsTrainsAndSamplesInColour(String backend) throws IOException {
        Path data = rgbFolder(tmp.resolve("discs"));
        Path run = tmp.resolve("run");
        Result r = gan("train", "--recipe", "dcgan", "--data", data.toString(), "--backend", backend, "--epochs", "1",
                "--seed", "3", "--out", run.toString(), "--set", "batch=16", "--set", "g.channels=16", "--set", "d.channels=16");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Finished 1 epochs").contains("samples/epoch-001.png");

        List<String> rows = Files.readAllLines(run.resolve("metrics.csv"));
        assertThat(rows).hasSize(1 + 2); // 32 images, batch 16
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            assertThat(Double.parseDouble(f[2])).as("d_loss in %s", row).isFinite();
            assertThat(Double.parseDouble(f[3])).as("g_loss in %s", row).isFinite();
        }
        BufferedImage grid = ImageIO.read(run.resolve("samples/epoch-001.png").toFile());
        assertThat(grid.getWidth()).isEqualTo(10 * (28 * 2 + 2) + 2);
        // After two iterations G's colours are still near gray, but a grid drawn in gray has r = g = b everywhere.
        assertThat(isColour(grid)).as("the sample grid is drawn in colour").isTrue();

        JsonNode info = new ObjectMapper().readTree(run.resolve("run.json").toFile());
        assertThat(info.get("settings").get("size").asText()).isEqualTo("28");
        assertThat(info.get("settings").get("channels").asText()).isEqualTo("3");
        assertThat(info.get("settings").get("data.path").asText()).isEqualTo(data.toAbsolutePath().toString());
        assertThat(info.get("data").get("examples").asInt()).isEqualTo(32);
        assertThat(info.get("data").get("sha256").asText()).hasSize(64);

        Path samples = tmp.resolve("s.npy");
        Result sampled = gan("sample", "--checkpoint", run.resolve("checkpoints/latest").toString(), "--backend", backend,
                "--n", "5", "--out", samples.toString());
        assertThat(sampled.code()).as(sampled.err()).isZero();
        assertThat(Npy.read(samples).shape()).containsExactly(5, 3, 28, 28);
        if (backend.equals("cpu")) {
            Path onnx = tmp.resolve("g.onnx");
            Result exported = gan("export", "--checkpoint", run.resolve("checkpoints/latest").toString(), "--backend", "cpu",
                    "--out", onnx.toString());
            assertThat(exported.code()).as(exported.err()).isZero();
            assertThat(exported.out()).contains("[batch, 3, 28, 28]").contains("ONNX Runtime agrees");
            Path fromOnnx = tmp.resolve("o.npy");
            assertThat(gan("sample", "--onnx", onnx.toString(), "--n", "5", "--out", fromOnnx.toString()).code()).isZero();
            assertThat(Npy.read(fromOnnx).shape()).containsExactly(5, 3, 28, 28);
            Path figures = tmp.resolve("figures");
            Result drawn = gan("evaluate", "figures", "--checkpoint", run.resolve("checkpoints/latest").toString(),
                    "--backend", "cpu", "--out", figures.toString());
            assertThat(drawn.code()).as(drawn.err()).isZero();
            assertThat(isColour(ImageIO.read(figures.resolve("figure2.png").toFile()))).isTrue();
            Files.delete(data.resolve("img-31.png")); // the data changed since the run began: resume says so
            Result resumed = gan("train", "--resume", run.toString(), "--epochs", "2");
            assertThat(resumed.code()).as(resumed.err()).isZero();
            assertThat(resumed.out()).contains("WARNING: the data at " + data.toAbsolutePath() + " changed");
            assertThat(run.resolve("samples/epoch-002.png")).isRegularFile();
        }
    }

    static boolean isColour(BufferedImage img) {
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y), r = rgb >> 16 & 0xFF, g = rgb >> 8 & 0xFF, b = rgb & 0xFF;
                if (r != g || g != b) {
                    return true;
                }
            }
        }
        return false;
    }
}
