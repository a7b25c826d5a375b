package dev.adversarial.gan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.onnx.proto.OnnxMl.ModelProto;
import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Scope;
import dev.adversarial.gan.core.checkpoint.Checkpoint;
import dev.adversarial.gan.core.checkpoint.CheckpointFormat;
import dev.adversarial.gan.core.io.Npy;
import dev.adversarial.gan.core.onnx.GeneratorMetadata;
import dev.adversarial.gan.core.onnx.OnnxExporter;
import dev.adversarial.gan.core.onnx.OnnxModelCheck;
import dev.adversarial.gan.core.provenance.Provenance;
import dev.adversarial.gan.core.train.GanModel;
import dev.adversarial.gan.core.train.Sampler;
import dev.adversarial.gan.recipes.PaperMnistRecipe;
import dev.adversarial.gan.recipes.Recipe;
import dev.adversarial.gan.recipes.Settings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `gan export` and `gan sample --onnx` end to end, on a checkpoint in the trainer's format
 * holding an untrained paper-mnist model (training is not what is under test): the ONNX path
 * gives the checkpoint path's samples for the same z, and runs with no usable backend at all.
 */
class ExportAndSampleCommandTest {
    private static final float TOLERANCE = 1e-5f;
    private static final int LATENT = 100;
    private static final int PIXELS = 784;

    @TempDir
    static Path dir;
    static Path checkpoint;
    static Path onnx;
    static Path z;
    /** The provenance the checkpoint records, which the export must carry over unchanged. */
    static Provenance trained;

    /** What one command printed and returned. */
    record Run(int code, String out, String err) {
    }

    static Run gan(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = dev.adversarial.gan.cli.Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @BeforeAll
    static void writeCheckpointExportAndNoise() throws Exception {
        Backend b = Backends.get("cpu");
        Recipe recipe = new PaperMnistRecipe();
        Settings settings = recipe.settings(Map.of());
        Map<String, Checkpoint.Entry> tensors = new LinkedHashMap<>();
        try (GanModel model = recipe.model(b, new Rng(3), settings, null); Scope s = Scope.open()) {
            Rng rng = new Rng(4);
            // Non-zero biases, as a trained model has; the recipe starts them at zero without data.
            model.generator().namedParameters().forEach((name, p) -> {
                if (name.endsWith("bias")) {
                    p.set(b.uniform(rng, -1f, 1f, p.shape().dims()));
                }
            });
            model.generator().stateDict().forEach((n, t) -> tensors.put("generator." + n, new Checkpoint.Entry(t.shape().dims(), t.toArray())));
            model.discriminator().stateDict().forEach((n, t) -> tensors.put("discriminator." + n, new Checkpoint.Entry(t.shape().dims(), t.toArray())));
        }
        trained = new Provenance(PaperMnistRecipe.NAME, settings.asMap(), 3, "cpu", "cpu", "test kernel",
                new Provenance.Versions(Versions.project(), Versions.java(), null, null), null);
        Map<String, String> meta = new LinkedHashMap<>(trained.toMetadata());
        meta.put("epoch", "1");
        checkpoint = dir.resolve("checkpoints/latest");
        CheckpointFormat.write(checkpoint, new Checkpoint(tensors, meta));

        onnx = dir.resolve("g.onnx");
        Run export = gan("export", "--checkpoint", checkpoint.toString(), "--out", onnx.toString());
        assertThat(export.code()).as(export.err()).isZero();
        assertThat(export.out()).contains("Wrote " + onnx).contains("ONNX Runtime agrees with the cpu backend")
                .contains("Gemm -> Relu -> Gemm -> Relu -> Gemm -> Sigmoid -> Reshape");

        z = dir.resolve("z.npy");
        Npy.write(z, new int[] {12, LATENT}, Sampler.noise(new PaperMnistRecipe().model(Backends.get("cpu"), new Rng(0),
                settings, null).prior(), new Rng(5), 12));
    }

    @Test
    void theExportedFileIsSoundAndRecordsItsProvenance() throws Exception {
        ModelProto m = OnnxExporter.read(onnx);
        assertThat(OnnxModelCheck.problems(m)).isEmpty();
        assertThat(OnnxExporter.metadata(m)).containsEntry("recipe", "paper-mnist").containsEntry("seed", "3")
                .containsEntry("epoch", "1").containsEntry("latent_size", "100").containsEntry("noise_prior", "uniform")
                .containsEntry("noise_high", Float.toString((float) Math.sqrt(3))).containsEntry("data_shape", "[784]")
                .containsEntry("output_low", "0.0").containsEntry("output_high", "1.0")
                .containsEntry("gan_version", Versions.project()).containsEntry("backend", "cpu")
                .containsEntry("exported_by_gan_version", Versions.project()).containsEntry("settings.lr", "0.1")
                .doesNotContainKey("settings");
        // The run's provenance reads back from the ONNX file as the same record the checkpoint holds.
        assertThat(GeneratorMetadata.fromMap(OnnxExporter.metadata(m)).trainingProvenance()).isEqualTo(trained);
    }

    @Test
    void onnxAndCheckpointGiveTheSameSamplesForTheSameZ() throws Exception {
        Path a = dir.resolve("from-checkpoint.npy"), o = dir.resolve("from-onnx.npy");
        assertThat(gan("sample", "--checkpoint", checkpoint.toString(), "--z", z.toString(), "--out", a.toString()).code()).isZero();
        Run onnxRun = withoutAnyBackend(() -> gan("sample", "--onnx", onnx.toString(), "--z", z.toString(), "--batch", "5",
                "--out", o.toString()));
        assertThat(onnxRun.code()).as(onnxRun.err()).isZero();
        assertThat(onnxRun.out()).contains("Wrote 12 samples of 784 values (epoch 1 of paper-mnist, ONNX Runtime)");
        assertSameSamples(Npy.read(a), Npy.read(o), 12);
    }

    @Test
    void theSameSeedDrawsTheSameNoiseOnBothPaths() throws Exception {
        Path a = dir.resolve("seeded-checkpoint.npy"), o = dir.resolve("seeded-onnx.npy");
        assertThat(gan("sample", "--checkpoint", checkpoint.toString(), "--n", "7", "--seed", "9", "--out", a.toString()).code()).isZero();
        assertThat(withoutAnyBackend(() -> gan("sample", "--onnx", onnx.toString(), "--n", "7", "--seed", "9", "--out",
                o.toString())).code()).isZero();
        assertSameSamples(Npy.read(a), Npy.read(o), 7);
    }

    private static void assertSameSamples(Npy.Array a, Npy.Array b, int n) {
        assertThat(a.shape()).containsExactly(n, PIXELS);
        assertThat(b.shape()).containsExactly(n, PIXELS);
        float worst = 0;
        for (int i = 0; i < a.values().length; i++) {
            worst = Math.max(worst, Math.abs(a.values()[i] - b.values()[i]));
        }
        assertThat(worst).isLessThanOrEqualTo(TOLERANCE);
    }

    /**
     * Runs with -Dgan.backend naming a backend that does not exist: any backend lookup would fail,
     * so success proves the --onnx path never asks for one.
     */
    private static Run withoutAnyBackend(java.util.function.Supplier<Run> command) {
        String previous = System.getProperty("gan.backend");
        System.setProperty("gan.backend", "no-such-backend");
        try {
            return command.get();
        } finally {
            if (previous == null) {
                System.clearProperty("gan.backend");
            } else {
                System.setProperty("gan.backend", previous);
            }
        }
    }

    @Test
    void checkpointAndOnnxAreMutuallyExclusiveAndOneIsRequired() {
        Run both = gan("sample", "--checkpoint", checkpoint.toString(), "--onnx", onnx.toString(), "--out", "x.npy");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("--checkpoint and --onnx are mutually exclusive");
        Run neither = gan("sample", "--out", "x.npy");
        assertThat(neither.code()).isEqualTo(2);
        assertThat(neither.err()).contains("Say which generator to sample: --checkpoint PATH");
        Run backend = gan("sample", "--onnx", onnx.toString(), "--backend", "cpu", "--out", "x.npy");
        assertThat(backend.code()).isEqualTo(2);
        assertThat(backend.err()).contains("--onnx runs in ONNX Runtime and takes neither");
        assertThat(Files.exists(Path.of("x.npy"))).isFalse();
    }

    @Test
    void wrongFilesAreRefusedWithTheReason() throws Exception {
        Run missing = gan("export", "--checkpoint", dir.resolve("nope").toString(), "--out", dir.resolve("n.onnx").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("No checkpoint at");
        assertThat(Files.exists(dir.resolve("n.onnx"))).isFalse();

        Run noOnnx = gan("sample", "--onnx", dir.resolve("none.onnx").toString(), "--out", dir.resolve("s.npy").toString());
        assertThat(noOnnx.err()).contains("No ONNX file at").contains("gan export");

        Path junk = Files.writeString(dir.resolve("junk.onnx"), "not a model");
        Run notOnnx = gan("sample", "--onnx", junk.toString(), "--out", dir.resolve("s.npy").toString());
        assertThat(notOnnx.code()).isEqualTo(1);
        assertThat(notOnnx.err()).contains("ONNX Runtime cannot load");

        Path bare = dir.resolve("bare.onnx");
        OnnxExporter.write(bare, OnnxExporter.read(onnx).toBuilder().clearMetadataProps().build());
        Run noMetadata = gan("sample", "--onnx", bare.toString(), "--out", dir.resolve("s.npy").toString());
        assertThat(noMetadata.err()).contains("does not describe a generator");

        Path badZ = dir.resolve("bad-z.npy");
        Npy.write(badZ, new int[] {3, 5}, new float[15]);
        Run wrongZ = gan("sample", "--onnx", onnx.toString(), "--z", badZ.toString(), "--out", dir.resolve("s.npy").toString());
        assertThat(wrongZ.err()).contains("has shape [3, 5]; the generator needs noise of shape [N, 100]");
        assertThat(Files.exists(dir.resolve("s.npy"))).isFalse();
    }
}
