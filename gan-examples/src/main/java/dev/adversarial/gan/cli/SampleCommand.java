package dev.adversarial.gan.cli;

import com.google.inject.Inject;
import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.core.io.Npy;
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
 *
 * <p>A conditional generator takes one class label per sample: {@code --label} (one class, or a
 * list that cycles), {@code --labels FILE.npy}, or, given neither, labels drawn uniformly with
 * the seed; the labels used are written beside the samples as FILE-labels.npy (int64) so every
 * sample's class is known ({@link SampleLabels}). {@code --grid FILE.png} draws a picture, one
 * row per class for a conditional generator ({@link SampleGrid}).
 */
@Command(name = "sample", mixinStandardHelpOptions = true,
        description = {"Draw N samples from a generator into FILE.npy (N x data shape, float32; N x C x H x W for dcgan)"
                + " and/or a picture of them (--grid FILE.png).",
                "The generator comes from a checkpoint (--checkpoint, run on a gan backend) or from a model written by"
                        + " `gan export` (--onnx, run in ONNX Runtime with no backend at all).",
                "A conditional generator takes labels: --label 7 (every sample a 7), --label 0,1,2 (the list cycles:"
                        + " sample i gets entry i mod the list's length), --labels FILE.npy (one integer label per"
                        + " sample), or none (drawn uniformly with --seed). The labels used are written beside the"
                        + " samples as FILE-labels.npy (int64); --grid draws one row per class."})
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

    @Option(names = "--n", description = "Number of samples (default ${DEFAULT-VALUE}; with --z or --labels, their rows;"
            + " with only --grid, as many as the grid shows).",
            defaultValue = "10000")
    int n;

    @Option(names = "--seed", description = "Seed for the noise and for drawn labels (default ${DEFAULT-VALUE}).",
            defaultValue = "0")
    long seed;

    @Option(names = "--z", paramLabel = "FILE.npy", description = "Use these noise vectors ([N, latent] float32) instead of drawing them.")
    Path z;

    @Option(names = "--label", paramLabel = "L", description = "Conditional generators: one class (7) or a comma list"
            + " (0,1,2) that cycles over the samples.")
    String label;

    @Option(names = "--labels", paramLabel = "FILE.npy", description = "Conditional generators: one integer class label"
            + " per sample ([N], int64, int32 or uint8).")
    Path labels;

    @Option(names = "--out", paramLabel = "FILE.npy", description = "Where to write the samples.")
    Path out;

    @Option(names = "--grid", paramLabel = "FILE.png", description = "Also (or only) draw the samples as a PNG grid: one"
            + " row per class for a conditional generator, the same noise down each column.")
    Path grid;

    @Option(names = "--grid-cols", paramLabel = "C", description = "Columns of the --grid picture (default ${DEFAULT-VALUE}).",
            defaultValue = "10")
    int gridCols;

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
        if (out == null && grid == null) {
            throw usage("Say where the samples go: --out FILE.npy (the samples as an array), --grid FILE.png (a picture),"
                    + " or both");
        }
        if (out != null && java.nio.file.Files.isDirectory(out)) {
            throw usage("--out " + out + " is a directory; name the .npy file to write, e.g. --out "
                    + out.resolve("samples.npy"));
        }
        if (n <= 0 || batch <= 0 || gridCols <= 0) {
            throw usage("--n, --batch and --grid-cols must be positive, got " + n + ", " + batch + " and " + gridCols);
        }
        if (label != null && labels != null) {
            throw usage("--label and --labels are mutually exclusive: --label L gives the classes on the command line,"
                    + " --labels FILE.npy one label per sample");
        }
        try (SampleSource source = open()) {
            return sample(source);
        }
    }

    /** The checkpoint's G on a backend, or the ONNX file (no Wiring, no Backends lookup: no gan backend needed). */
    private SampleSource open() throws IOException {
        if (onnx != null) {
            return SampleSource.of(OnnxGenerator.load(onnx));
        }
        Backend b = backendOptions.backend();
        return SampleSource.of(LoadedCheckpoint.load(checkpoint, recipes, b, generatorChoice.raw), b);
    }

    private int sample(SampleSource source) throws IOException {
        int[] givenLabels = labelsFile(source);
        float[] noise = noise(source.prior(), givenLabels);
        int count = noise.length / source.prior().dim();
        int[] list = label == null ? null : SampleLabels.parseList(label, source.classes());
        int[] y = !source.isConditional() ? null : givenLabels != null ? givenLabels
                : list != null ? SampleLabels.cycle(list, count) : SampleLabels.draw(source.classes(), seed, count);
        if (y != null && y.length != count) {
            throw usage("--labels " + labels + " holds " + y.length + " labels but --z " + z + " holds " + count
                    + " noise vectors; give one label per noise vector");
        }
        // A conditional grid draws its own samples (one row per class), so with no --out nothing else is needed.
        float[] samples = out == null && source.isConditional() ? null : source.generate(noise, y, count, batch);
        if (out != null) {
            Npy.write(out, withRows(count, source.dataShape()), samples);
            System.out.printf("Wrote %d samples of %d values (%s) to %s%n", count, source.dataSize(), source.origin(), out);
            if (y != null) {
                Path labelFile = SampleLabels.besideSamples(out);
                Npy.writeInt64(labelFile, y);
                System.out.printf("Wrote their labels (%s; %s) to %s%n", givenLabels != null ? "from " + labels
                        : list != null ? "--label " + label : "drawn uniformly with seed " + seed,
                        SampleLabels.counts(y, source.classes()), labelFile);
            }
        }
        if (grid != null) {
            SampleGrid.write(grid, source, noise, samples, SampleGrid.rowClasses(list, source.classes()), gridCols, batch);
            System.out.printf("Drew %s (%s) in %s%n", source.isConditional() ? "one row per class" : "the first samples",
                    source.origin(), grid);
        }
        return 0;
    }

    /** {@code --labels}, checked against the generator; null when not given. */
    private int[] labelsFile(SampleSource source) throws IOException {
        if (!source.isConditional()) {
            if (label != null || labels != null) {
                throw usage((label != null ? "--label" : "--labels") + ": the generator (" + source.origin() + ") is not"
                        + " conditional, so it takes no class labels; leave the option out");
            }
            return null;
        }
        if (labels == null) {
            return null;
        }
        int[] y = SampleLabels.read(labels, source.classes());
        if (spec.commandLine().getParseResult().hasMatchedOption("--n") && n != y.length) {
            throw usage("--n " + n + " disagrees with --labels " + labels + ", which holds " + y.length + " labels; leave"
                    + " out --n to draw one sample per label, or pass --n " + y.length);
        }
        return y;
    }

    /** [count, data shape...]: colour images come out as N×C×H×W, flat data as N×D. */
    private static int[] withRows(int count, int[] dataShape) {
        int[] shape = new int[dataShape.length + 1];
        shape[0] = count;
        System.arraycopy(dataShape, 0, shape, 1, dataShape.length);
        return shape;
    }

    /**
     * The rows of --z, or n vectors (one per label of --labels when given) drawn from the prior
     * with --seed (the same draw on both paths).
     */
    private float[] noise(NoisePrior prior, int[] givenLabels) throws IOException {
        if (z == null) {
            // Only a grid wanted and no --n: draw just what a grid of --grid-cols columns and rows shows.
            int count = givenLabels != null ? givenLabels.length
                    : out == null && !spec.commandLine().getParseResult().hasMatchedOption("--n") ? gridCols * gridCols : n;
            return Sampler.noise(prior, new Rng(seed), count);
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
