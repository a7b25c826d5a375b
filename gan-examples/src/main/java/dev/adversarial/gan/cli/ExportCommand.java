package dev.adversarial.gan.cli;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import com.google.inject.Inject;
import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.core.checkpoint.Checkpoint;
import dev.adversarial.gan.core.io.AtomicFiles;
import dev.adversarial.gan.core.onnx.GeneratorMetadata;
import dev.adversarial.gan.core.onnx.OnnxExporter;
import dev.adversarial.gan.core.provenance.Provenance;
import dev.adversarial.gan.core.train.GanModel;
import dev.adversarial.gan.core.train.Sampler;
import dev.adversarial.gan.onnx.OnnxGenerator;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gan export}: writes a checkpoint's generator as an ONNX model that any ONNX runtime can
 * sample (see docs/ONNX.md). Before the file is written, the graph is run in ONNX Runtime on a
 * few noise vectors and compared with the backend's own forward pass, so a file that would give
 * different samples from the checkpoint is never produced.
 */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {"Write a checkpoint's generator as an ONNX model (opset 17): input z [batch, latent],"
                + " output x [batch, data shape...], noise prior and provenance in its metadata.",
                "A conditional generator also takes label [batch] int64 (one class index per row); its metadata lists"
                        + " the classes.",
                "Sample it with `gan sample --onnx FILE`, or from Python's onnxruntime (docs/ONNX.md)."})
final class ExportCommand implements Callable<Integer> {
    /** Noise vectors run through both the backend and ONNX Runtime before writing. */
    static final int CHECK_SAMPLES = 16;
    /**
     * The largest difference accepted between the two. They differ only by float32 rounding in
     * a different order of summation (about 1e-6 for the paper's generator); a wrong graph is off
     * by far more.
     */
    static final float CHECK_TOLERANCE = 1e-4f;

    @Mixin
    GeneratorChoice generatorChoice = new GeneratorChoice();

    @Option(names = "--checkpoint", required = true, paramLabel = "PATH",
            description = "A checkpoint, e.g. runs/paper-mnist-2014/checkpoints/latest.")
    Path checkpoint;

    @Option(names = "--out", required = true, paramLabel = "FILE.onnx", description = "Where to write the model.")
    Path out;

    /** Which backend loads the checkpoint and checks the export; the file itself does not depend on it. */
    @Mixin
    BackendOptions backendOptions;

    @Inject
    Recipes recipes;

    @Option(names = "--check", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Compare ONNX Runtime's output with the backend's on " + CHECK_SAMPLES
                    + " noise vectors before writing (default: on; --no-check skips it).")
    boolean check;

    @Override
    public Integer call() throws Exception {
        if (java.nio.file.Files.isDirectory(out)) {
            throw new IllegalArgumentException("--out " + out + " is a directory; name the .onnx file to write, e.g."
                    + " --out " + out.resolve("g.onnx"));
        }
        Backend b = backendOptions.backend();
        LoadedCheckpoint loaded = LoadedCheckpoint.load(checkpoint, recipes, b, generatorChoice.raw);
        GanModel model = loaded.model();
        Map<String, String> provenance = provenance(loaded.checkpoint(), checkpoint);
        // Which weights: the moving average of G (runs with --set ema=BETA, unless --raw-generator) or G itself.
        provenance.put("generator_weights", loaded.averaged() ? "moving average (ema)" : "generator");
        ModelProto onnx = new OnnxExporter().exportGenerator(model, provenance);
        byte[] bytes = onnx.toByteArray();
        String checked = check ? "ONNX Runtime agrees with the " + b.name() + " backend to "
                + String.format(Locale.ROOT, "%.1e", compare(bytes, model, b)) + " on " + CHECK_SAMPLES + " samples"
                : "not compared with the backend (--no-check)";
        AtomicFiles.write(out, o -> o.write(bytes));

        GeneratorMetadata meta = GeneratorMetadata.fromMap(OnnxExporter.metadata(onnx));
        System.out.printf(Locale.ROOT, "Wrote %s (%.1f MB): the %s of %s, epoch %s, %,d parameters%n", out,
                bytes.length / 1e6, loaded.averaged() ? "averaged generator (ema)" : "generator", loaded.recipe().name(),
                loaded.checkpoint().metadata().getOrDefault("epoch", "?"), model.generator().parameterCount());
        System.out.printf(Locale.ROOT, "  input  %s float32 [batch, %d], noise %s%n", OnnxExporter.INPUT,
                meta.prior().dim(), meta.prior());
        if (meta.isConditional()) {
            System.out.printf(Locale.ROOT, "  input  %s int64 [batch], classes %s%n", OnnxExporter.LABEL_INPUT,
                    String.join(",", meta.classes()));
        }
        System.out.printf(Locale.ROOT, "  output %s float32 [batch, %s], values in [%s, %s]%n", OnnxExporter.OUTPUT,
                java.util.Arrays.stream(meta.dataShape()).mapToObj(Integer::toString).collect(Collectors.joining(", ")),
                meta.outputLow(), meta.outputHigh());
        System.out.printf("  opset %d: %s%n", OnnxExporter.OPSET,
                onnx.getGraph().getNodeList().stream().map(NodeProto::getOpType).collect(Collectors.joining(" -> ")));
        System.out.println("  " + checked);
        System.out.println("Sample it with `gan sample --onnx " + out + (meta.isConditional() ? " --label 0" : "")
                + " --n 100 --out samples.npy`; docs/ONNX.md shows Python.");
        return 0;
    }

    /**
     * What the file records about where its weights came from: the training run's provenance as
     * the checkpoint holds it (the same record run.json has), plus where in the run the weights
     * were taken and which version of gan exported them.
     */
    static Map<String, String> provenance(Checkpoint c, java.nio.file.Path file) {
        Map<String, String> p = new LinkedHashMap<>(Provenance.fromMetadata(c.metadata(), "Checkpoint " + file)
                .toMetadata());
        copy(c, "epoch", "epoch", p);
        copy(c, "iteration", "iteration", p);
        p.put(EXPORTED_BY, Versions.project());
        return p;
    }

    /** The version of gan that wrote the ONNX file (gan_version is the one that trained the weights). */
    static final String EXPORTED_BY = "exported_by_gan_version";

    private static void copy(Checkpoint c, String from, String to, Map<String, String> p) {
        String v = c.metadata().get(from);
        if (v != null) {
            p.put(to, v);
        }
    }

    /**
     * Largest |difference| between ONNX Runtime and the backend on a few noise vectors (for a
     * conditional generator, with the labels 0, 1, 2, … cycling through the classes); throws if
     * too large.
     */
    private float compare(byte[] bytes, GanModel model, Backend b) throws java.io.IOException {
        float[] z = Sampler.noise(model.prior(), new Rng(0), CHECK_SAMPLES);
        int[] labels = model.isConditional()
                ? java.util.stream.IntStream.range(0, CHECK_SAMPLES).map(i -> i % model.classes()).toArray() : null;
        float[] expected = Sampler.generate(model, b, z, labels, CHECK_SAMPLES, CHECK_SAMPLES);
        float[] actual;
        try (OnnxGenerator g = OnnxGenerator.fromBytes(bytes, "the exported model")) {
            actual = g.generate(z, labels, CHECK_SAMPLES, CHECK_SAMPLES);
        }
        float diff = 0;
        for (int i = 0; i < expected.length; i++) {
            diff = Math.max(diff, Math.abs(expected[i] - actual[i])); // NaN propagates and fails below
        }
        if (!(diff <= CHECK_TOLERANCE)) {
            throw new IllegalStateException("The exported graph disagrees with the " + b.name() + " backend's forward"
                    + " pass by up to " + diff + " (tolerance " + CHECK_TOLERANCE + ") on " + CHECK_SAMPLES + " samples,"
                    + " so " + out + " was not written. This is an exporter bug: please report it with the checkpoint's"
                    + " recipe and settings.");
        }
        return diff;
    }
}
