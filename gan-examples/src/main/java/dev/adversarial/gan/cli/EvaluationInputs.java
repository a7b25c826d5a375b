package dev.adversarial.gan.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.google.inject.Inject;
import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.core.data.ArrayDataset;
import dev.adversarial.gan.core.data.DataPaths;
import dev.adversarial.gan.core.data.FashionMnist;
import dev.adversarial.gan.core.data.Mnist;
import dev.adversarial.gan.core.data.MnistSplits;
import dev.adversarial.gan.core.io.AtomicFiles;
import dev.adversarial.gan.core.io.Npy;
import dev.adversarial.gan.core.train.GanModel;
import dev.adversarial.gan.core.train.Sampler;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options every {@code gan evaluate} metric shares: where the samples come from (a .npy
 * file, a checkpoint's generator, or real images standing in as samples), which data set they are
 * compared with, the backend, and an optional JSON file for the results. A picocli mixin.
 */
final class EvaluationInputs {
    @Option(names = "--samples", paramLabel = "FILE.npy", description = "Samples as an [N, data size] float32 .npy file"
            + " (e.g. from `gan sample`).")
    Path samples;

    @Option(names = "--checkpoint", paramLabel = "PATH", description = "Draw the samples from this checkpoint's"
            + " generator instead.")
    Path checkpoint;

    @Option(names = "--real-samples", paramLabel = "SPLIT", description = "Use the first N real images of this split"
            + " (train, validation or test) as the samples: the reference scores a perfect generator would approach.")
    String realSplit;

    @Option(names = "--real-test", description = "Shorthand for --real-samples test: the floor a generator can reach on"
            + " the classifier metrics (test images against the training set).")
    boolean realTest;

    @Option(names = "--dataset", paramLabel = "NAME", description = "mnist or fashion-mnist (with --checkpoint, default:"
            + " the data set it was trained on).")
    String dataset;

    @Option(names = "--n", description = "Samples to draw or real images to take (default ${DEFAULT-VALUE}).",
            defaultValue = "10000")
    int n;

    @Option(names = "--seed", description = "Seed for the noise drawn with --checkpoint (default ${DEFAULT-VALUE}).",
            defaultValue = "0")
    long seed;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the results to this JSON file (atomically).")
    Path json;

    @Mixin
    GeneratorChoice generatorChoice = new GeneratorChoice();

    @Mixin
    BackendOptions backendOptions;

    @Inject
    Recipes recipes;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Samples as rows, with a description of where they came from. */
    record Samples(float[] values, int count, int rowSize, String source) {
    }

    private LoadedCheckpoint loaded;

    Backend backendInstance() {
        return backendOptions.backend();
    }

    /** The checkpoint named by --checkpoint, loaded once. */
    LoadedCheckpoint loadedCheckpoint() throws IOException {
        if (loaded == null) {
            loaded = LoadedCheckpoint.load(checkpoint, recipes, backendInstance(), generatorChoice.raw);
        }
        return loaded;
    }

    String split() {
        if (realTest) {
            if (realSplit != null && !realSplit.equals("test")) {
                throw new IllegalArgumentException("--real-test means --real-samples test; do not combine it with"
                        + " --real-samples " + realSplit);
            }
            return "test";
        }
        return realSplit;
    }

    /** Exactly one source must be given; says which options exist when none or several are. */
    void requireOneSource() {
        int given = (samples != null ? 1 : 0) + (checkpoint != null ? 1 : 0) + (split() != null ? 1 : 0);
        if (given != 1) {
            throw new IllegalArgumentException((given == 0 ? "Say which samples to evaluate" : "Give only one source of"
                    + " samples") + ": --samples FILE.npy, --checkpoint PATH, or --real-samples train|validation|test"
                    + " (--real-test)");
        }
        if (n <= 0) {
            throw new IllegalArgumentException("--n must be positive, got " + n);
        }
    }

    /** The data set name: --dataset, else the one the checkpoint was trained on. */
    String datasetName() throws IOException {
        if (dataset != null) {
            return dataset.toLowerCase(Locale.ROOT);
        }
        if (checkpoint != null) {
            String d = loadedCheckpoint().settings().asMap().get("data");
            if (d != null) {
                return d;
            }
        }
        throw new IllegalArgumentException("Say which data set the samples are compared with: --dataset mnist or"
                + " --dataset fashion-mnist");
    }

    /** MNIST or Fashion-MNIST with the paper's splits. */
    static MnistSplits load(String name) throws IOException {
        return switch (name) {
            case "mnist" -> Mnist.load(DataPaths.cacheDir());
            case "fashion-mnist" -> FashionMnist.load(null);
            default -> throw new IllegalArgumentException("Unknown data set '" + name + "'; choose mnist or fashion-mnist");
        };
    }

    /** The samples from whichever source was given, checked against the data's example size. */
    Samples samples(MnistSplits data) throws IOException {
        requireOneSource();
        int size = data.train().exampleSize();
        Samples s;
        if (samples != null) {
            Npy.Array a = Npy.read(samples);
            s = new Samples(a.values(), a.rows(), a.rowSize(), samples.toString());
        } else if (checkpoint != null) {
            GanModel model = loadedCheckpoint().model();
            // A conditional generator gets labels drawn uniformly with the seed, as `gan sample` draws them.
            int[] labels = model.isConditional() ? SampleLabels.draw(model.classes(), seed, n) : null;
            float[] x = Sampler.generate(model, backendInstance(), Sampler.noise(model.prior(), new Rng(seed), n), labels,
                    n, 500);
            s = new Samples(x, n, model.dataSize(), checkpoint + " (epoch "
                    + loadedCheckpoint().checkpoint().metadata().getOrDefault("epoch", "?") + ", seed " + seed + ")");
        } else {
            ArrayDataset split = switch (split()) {
                case "train" -> data.train();
                case "validation" -> data.validation();
                case "test" -> data.test();
                default -> throw new IllegalArgumentException("--real-samples takes train, validation or test, got '"
                        + split() + "'");
            };
            if (n > split.size()) {
                throw new IllegalArgumentException("--n " + n + " is more than the " + split.size() + " images of "
                        + split.name());
            }
            s = new Samples(Arrays.copyOf(split.values(), n * size), n, size, "real images " + split.name() + "[0:" + n
                    + "]");
        }
        if (s.rowSize() != size) {
            throw new IllegalArgumentException("The samples (" + s.source() + ") have " + s.rowSize() + " values each but "
                    + data.train().name() + " images have " + size + "; evaluate them against the data set they model");
        }
        checkRange(s, data.train().name());
        return s;
    }

    /** Slack for float rounding at the ends of [0, 1]; a sigmoid's output never leaves the interval. */
    static final float RANGE_SLACK = 1e-3f;

    /**
     * Every metric here compares samples with images whose pixels lie in [0, 1]: samples on
     * another scale (raw 0–255 bytes, a tanh generator's [-1, 1]) or with NaNs would be scored
     * all the same and give a meaningless number, so they are refused with the fix.
     */
    static void checkRange(Samples s, String dataName) {
        float[] v = s.values();
        float lo = Float.POSITIVE_INFINITY, hi = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < s.count() * s.rowSize(); i++) {
            if (!Float.isFinite(v[i])) {
                throw new IllegalArgumentException("The samples (" + s.source() + ") hold " + v[i] + " at row "
                        + i / s.rowSize() + "; every value must be a finite number in [0, 1] like " + dataName
                        + "'s pixels");
            }
            lo = Math.min(lo, v[i]);
            hi = Math.max(hi, v[i]);
        }
        if (lo < -RANGE_SLACK || hi > 1 + RANGE_SLACK) {
            String hint = hi > 2 && lo >= 0 ? "; values up to 255 look like raw pixel bytes: divide them by 255"
                    + " (np.save(path, (x / 255).astype('<f4')))" : lo < 0 && lo >= -1 - RANGE_SLACK
                    ? "; values in [-1, 1] look like a tanh output: map them with (x + 1) / 2" : "";
            throw new IllegalArgumentException(String.format(Locale.ROOT, "The samples (%s) range from %s to %s, but %s"
                    + " pixels lie in [0, 1], so no metric here can score them%s", s.source(), lo, hi, dataName, hint));
        }
    }

    /** Writes the result map to --json if given. */
    void writeJson(Map<String, Object> result) throws IOException {
        if (json != null) {
            AtomicFiles.write(json, out -> JSON.writeValue(out, result));
            System.out.println("Wrote " + json);
        }
    }

    /** The fields every JSON result starts with. */
    Map<String, Object> header(String metric, String datasetName, Samples s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("metric", metric);
        m.put("dataset", datasetName);
        m.put("samples_source", s.source());
        m.put("samples", s.count());
        m.put("gan_version", Versions.project());
        return m;
    }
}
