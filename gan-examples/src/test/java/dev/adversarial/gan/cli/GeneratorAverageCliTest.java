package dev.adversarial.gan.cli;

import static dev.adversarial.gan.cli.CliEndToEndTest.gan;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adversarial.gan.core.io.Npy;
import dev.adversarial.gan.core.onnx.OnnxExporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run with the common settings ema and r1, as a user starts it, then sampled and exported. */
class GeneratorAverageCliTest {
    @TempDir
    Path tmp;

    @Test
    void samplingAndExportUseTheAverageUnlessTheRawGeneratorIsAsked() throws Exception {
        Path run = tmp.resolve("run");
        CliEndToEndTest.Result train = gan("train", "--recipe", "toy-1d", "--epochs", "1", "--out", run.toString(),
                "--set", "data.size=600", "--set", "batch=200", "--set", "ema=0.9", "--set", "r1=1");
        assertThat(train.code()).as(train.err()).isZero();
        String ckpt = run.resolve("checkpoints/latest").toString();
        Path averaged = tmp.resolve("avg.npy"), raw = tmp.resolve("raw.npy");
        assertThat(gan("sample", "--checkpoint", ckpt, "--n", "50", "--out", averaged.toString()).code()).isZero();
        assertThat(gan("sample", "--checkpoint", ckpt, "--n", "50", "--raw-generator", "--out", raw.toString()).code()).isZero();
        assertThat(Npy.read(averaged).values()).as("the average is not the last G").isNotEqualTo(Npy.read(raw).values());

        Path onnx = tmp.resolve("g.onnx");
        CliEndToEndTest.Result export = gan("export", "--checkpoint", ckpt, "--out", onnx.toString());
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(export.out()).contains("averaged generator (ema)");
        assertThat(OnnxExporter.metadata(OnnxExporter.read(onnx))).containsEntry("generator_weights", "moving average (ema)");
    }

    @Test
    void badCommonSettingsAreRefusedBeforeTraining() {
        CliEndToEndTest.Result r = gan("train", "--recipe", "toy-1d", "--out", tmp.resolve("x").toString(), "--set", "ema=2");
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("'ema'").contains("[0, 1)");
    }
}
