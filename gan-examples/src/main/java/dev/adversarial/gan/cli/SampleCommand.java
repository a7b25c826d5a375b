package dev.adversarial.gan.cli;

import com.google.inject.Inject;
import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.core.io.Npy;
import dev.adversarial.gan.core.train.GanModel;
import dev.adversarial.gan.core.train.NoisePrior;
import dev.adversarial.gan.core.train.Sampler;
import dev.adversarial.gan.onnx.OnnxGenerator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code gan sample}: draws samples from a trained generator into a NumPy .npy file, either from
 * a checkpoint on a gan backend or from an exported ONNX model in ONNX Runtime. Both draw noise
 * from the same prior with the same {@code --seed} (or read the same {@code --z}), so the two
 * give the same samples up to float32 rounding.
 */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = {"Draw N samples from a generator into FILE.npy (N x data shape, float32; N x C x H x W for dcgan).",
                "The generator comes from a checkpoint (--checkpoint, run on a gan backend) or from a model written by"
                        + " `gan export` (--onnx, run in ONNX Runtime with no backend at all)."})
final class SampleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    GeneratorChoice generatorChoice = new GeneratorChoice();

    @Option(names = "--checkpoint", paramLabel = "PATH", description = "A checkpoint, e.g. runs/first/checkpoints/latest.")
    Path checkpoint;

    @Option(names = "--onnx", paramLabel = "FILE.onnx", description = "A generator written by `gan export`; runs in ONNX"
            + " Runtime, needs no backend.")
    Path onnx;

    @Option(names = "--n", description = "Number of samples (default ${DEFAULT-VALUE}; with --z, the rows of z).", defaultValue = "10000")
    int n;

    @Option(names = "--seed", description = "Seed for the noise (default ${DEFAULT-VALUE}).", defaultValue = "0")
    long seed;

    @Option(names = "--z", paramLabel = "FILE.npy", description = "Use these noise vectors ([N, latent] float32) instead of drawing them.")
    Path z;

    @Option(names = "--out", required = true, paramLabel = "FILE.npy", description = "Where to write the samples.")
    Path out;

    @Mixin
    BackendOptions backendOptions;

    @Inject
    Recipes recipes;

    @Option(names = "--batch", description = "Samples per forward pass (default ${DEFAULT-VALUE}).", defaultValue = "500")
    int batch;

    @Override
    public Integer call() throws Exception {
        if (checkpoint != null && onnx != null) {
            throw usage("--checkpoint and --onnx are mutually exclusive: give --checkpoint PATH to run a checkpoint's"
                    + " generator on a gan backend, or --onnx FILE to run an exported generator in ONNX Runtime");
        }
        if (checkpoint == null && onnx == null) {
            throw usage("Say which generator to sample: --checkpoint PATH (a training checkpoint) or --onnx FILE (a model"
                    + " written by `gan export`)");
        }
        if (onnx != null && backendOptions.given()) {
            throw usage("--backend and --device choose the gan backend for --checkpoint; --onnx runs in ONNX Runtime"
                    + " and takes neither");
        }
        if (out != null && java.nio.file.Files.isDirectory(out)) {
            throw usage("--out " + out + " is a directory; name the .npy file to write, e.g. --out "
                    + out.resolve("samples.npy"));
        }
        if (n <= 0 || batch <= 0) {
            throw usage("--n and --batch must be positive, got " + n + " and " + batch);
        }
        return onnx != null ? fromOnnx() : fromCheckpoint();
    }

    private int fromCheckpoint() throws IOException {
        Backend b = backendOptions.backend();
        LoadedCheckpoint loaded = LoadedCheckpoint.load(checkpoint, recipes, b, generatorChoice.raw);
        GanModel model = loaded.model();
        float[] noise = noise(model.prior());
        int count = noise.length / model.prior().dim();
        float[] samples = Sampler.generate(model, b, noise, count, batch);
        Npy.write(out, withRows(count, model.dataShape()), samples);
        System.out.printf("Wrote %d samples of %d values (epoch %s of %s, %s backend) to %s%n", count, model.dataSize(),
                loaded.checkpoint().metadata().getOrDefault("epoch", "?"), loaded.recipe().name(), b.name(), out);
        return 0;
    }

    /** No backend lookup: this path must work with no gan backend on the class path. */
    private int fromOnnx() throws IOException {
        try (OnnxGenerator g = OnnxGenerator.load(onnx)) {
            float[] noise = noise(g.prior());
            int count = noise.length / g.prior().dim();
            float[] samples = g.generate(noise, count, batch);
            Npy.write(out, withRows(count, g.metadata().dataShape()), samples);
            var provenance = g.metadata().provenance();
            System.out.printf("Wrote %d samples of %d values (epoch %s of %s, ONNX Runtime) to %s%n", count, g.dataSize(),
                    provenance.getOrDefault("epoch", "?"), provenance.getOrDefault("recipe", "?"), out);
        }
        return 0;
    }

    /** [count, data shape...]: colour images come out as N×C×H×W, flat data as N×D. */
    private static int[] withRows(int count, int[] dataShape) {
        int[] shape = new int[dataShape.length + 1];
        shape[0] = count;
        System.arraycopy(dataShape, 0, shape, 1, dataShape.length);
        return shape;
    }

    /** The rows of --z, or n vectors drawn from the prior with --seed (the same draw on both paths). */
    private float[] noise(NoisePrior prior) throws IOException {
        if (z == null) {
            return Sampler.noise(prior, new Rng(seed), n);
        }
        Npy.Array a = Npy.read(z);
        if (a.shape().length != 2 || a.shape()[1] != prior.dim() || a.shape()[0] == 0) {
            throw new IllegalArgumentException(z + " has shape " + Arrays.toString(a.shape()) + "; the generator"
                    + " needs noise of shape [N, " + prior.dim() + "] with N > 0");
        }
        if (spec.commandLine().getParseResult().hasMatchedOption("--n") && n != a.rows()) {
            throw usage("--n " + n + " disagrees with --z " + z + ", which holds " + a.rows() + " noise vectors; leave"
                    + " out --n to use every row of --z, or pass --n " + a.rows());
        }
        float[] v = a.values();
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new IllegalArgumentException(z + " holds " + v[i] + " at row " + i / prior.dim() + ", column "
                        + i % prior.dim() + "; noise vectors must be finite numbers (check how the file was made, e.g."
                        + " np.isfinite(z).all())");
            }
        }
        return v;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
