package dev.adversarial.gan.eval.classifier;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Tensor;
import dev.adversarial.gan.core.checkpoint.Checkpoint;
import dev.adversarial.gan.core.checkpoint.CheckpointFormat;
import dev.adversarial.gan.core.data.ArrayDataset;
import dev.adversarial.gan.eval.metrics.Fid;
import dev.adversarial.gan.eval.metrics.PrecisionRecall;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The classifier behind FID, KID, the classifier score and precision/recall for one data set,
 * together with what the metrics compare against: the Gaussian statistics of the features of the
 * whole training set (for FID), and the features of its first {@code referenceSize} examples with
 * their k-nearest-neighbour radii (for KID and precision/recall).
 *
 * <p>Training takes minutes, so it happens once: everything is cached in one file in the
 * checkpoint format, {@code CACHE/classifiers/DATASET-VERSION.safetensors}. The version string
 * names the architecture and training recipe; changing either must change it, which makes old
 * caches unreachable instead of silently wrong. A missing, corrupt (the format checks a SHA-256)
 * or mismatched file is replaced by training again. The seed is fixed, so a retrained classifier
 * gives the same numbers on the same backend.
 *
 * <p>Doubles (statistics, radii) are stored as two float32 arrays, value and remainder
 * ({@code hi + lo}), because the format holds float32 only and FID's cancelling trace terms
 * deserve more than 24 bits.
 */
public final class EvaluationClassifier {
    private final String dataset;
    private final Spec spec;
    private final FeatureClassifier model;
    private final double testAccuracy;
    private final double trainingSeconds;
    private final Fid.Statistics trainStatistics;
    private final float[] referenceFeatures;
    private final double[] referenceRadii;
    private final Path file;
    private final boolean fromCache;

    /** The recipe: architecture, training, reference set size and k of precision/recall. */
    public record Spec(String version, int inputs, int[] hidden, int classes, double keep,
                       ClassifierTraining.Config training, long seed, int referenceSize, int k) {
        /**
         * MNIST and Fashion-MNIST: 784 → 512 → 256 → 10 with ReLU, dropout keeping 80% after each
         * hidden layer, Adam in batches of 128 with the learning rate falling linearly from 1e-3 to
         * 0 over 6 epochs. Measured on MNIST with the CPU backend: 98.24% test accuracy (98.10%
         * after 5 epochs at a final rate of 1e-4, too close to the 98% bar), 7.5 minutes on the
         * development machine's two cores while other jobs kept them busy.
         */
        public static final Spec MNIST = new Spec("mlp784-512-256-v1", 784, new int[] {512, 256}, 10, 0.8,
                new ClassifierTraining.Config(6, 128, 1e-3, 0), 20_140_610L, 10_000, PrecisionRecall.DEFAULT_K);
    }

    private EvaluationClassifier(String dataset, Spec spec, FeatureClassifier model, double testAccuracy,
                                 double trainingSeconds, Fid.Statistics trainStatistics, float[] referenceFeatures,
                                 double[] referenceRadii, Path file, boolean fromCache) {
        this.dataset = dataset;
        this.spec = spec;
        this.model = model;
        this.testAccuracy = testAccuracy;
        this.trainingSeconds = trainingSeconds;
        this.trainStatistics = trainStatistics;
        this.referenceFeatures = referenceFeatures;
        this.referenceRadii = referenceRadii;
        this.file = file;
        this.fromCache = fromCache;
    }

    /** Where the classifier for {@code dataset} is cached under the data cache directory. */
    public static Path cacheFile(Path cacheDir, String dataset, Spec spec) {
        return cacheDir.resolve("classifiers").resolve(dataset + "-" + spec.version() + ".safetensors");
    }

    /**
     * The cached classifier for {@code dataset}, or a newly trained one (then cached) when the
     * cache is missing or unusable. {@code train} and {@code test} are the data set's labelled
     * training and test splits.
     */
    public static EvaluationClassifier obtain(Path cacheDir, String dataset, Spec spec, ArrayDataset train,
                                              ArrayDataset test, Backend backend, Consumer<String> log)
            throws IOException {
        Path file = cacheFile(cacheDir, dataset, spec);
        if (Files.exists(file)) {
            try {
                return load(file, dataset, spec, backend);
            } catch (IOException | RuntimeException e) {
                log.accept("The cached classifier " + file + " cannot be used (" + e.getMessage() + "); training a new"
                        + " one");
            }
        }
        log.accept("Training the " + dataset + " evaluation classifier (" + spec.inputs() + " -> "
                + Arrays.toString(spec.hidden()) + " -> " + spec.classes() + ", " + spec.training().epochs()
                + " epochs); it is cached in " + file);
        EvaluationClassifier c = train(dataset, spec, train, test, backend, file, log);
        CheckpointFormat.write(file, c.toCheckpoint());
        return c;
    }

    /** Trains a classifier and computes the reference statistics; writes nothing. */
    public static EvaluationClassifier train(String dataset, Spec spec, ArrayDataset train, ArrayDataset test,
                                             Backend backend, Path file, Consumer<String> log) {
        if (train.size() < spec.referenceSize()) {
            throw new IllegalArgumentException("The reference set needs " + spec.referenceSize() + " training examples;"
                    + " '" + train.name() + "' has " + train.size());
        }
        Rng rng = new Rng(spec.seed());
        FeatureClassifier model = new FeatureClassifier(backend, rng, spec.inputs(), spec.hidden(), spec.classes(),
                spec.keep());
        ClassifierTraining.Report report = ClassifierTraining.train(model, backend, train, test, spec.training(), rng, log);
        log.accept(String.format(Locale.ROOT, "Classifier test accuracy %.2f%% after %.0f s of training",
                100 * report.testAccuracy(), report.seconds()));
        ClassifierTraining.Outputs all = ClassifierTraining.run(model, backend, train.values(), train.size(), true);
        int f = model.featureSize();
        Fid.Statistics stats = Fid.Statistics.of(all.features(), train.size(), f);
        float[] ref = Arrays.copyOf(all.features(), spec.referenceSize() * f);
        double[] radii = PrecisionRecall.squaredRadii(ref, spec.referenceSize(), f, spec.k());
        return new EvaluationClassifier(dataset, spec, model, report.testAccuracy(), report.seconds(), stats, ref, radii,
                file, false);
    }

    static EvaluationClassifier load(Path file, String dataset, Spec spec, Backend backend) throws IOException {
        Checkpoint c = CheckpointFormat.read(file);
        if (!dataset.equals(c.require("dataset")) || !spec.version().equals(c.require("version"))) {
            throw new IllegalArgumentException("it holds the classifier for " + c.require("dataset") + " version "
                    + c.require("version") + ", not " + dataset + " version " + spec.version());
        }
        FeatureClassifier model = new FeatureClassifier(backend, new Rng(spec.seed()), spec.inputs(), spec.hidden(),
                spec.classes(), spec.keep());
        Map<String, Tensor> state = new LinkedHashMap<>();
        c.tensors().forEach((name, e) -> {
            if (name.startsWith("classifier.")) {
                state.put(name.substring("classifier.".length()), backend.tensor(e.values(), e.shape()));
            }
        });
        model.loadStateDict(state);
        model.eval();
        int f = model.featureSize(), r = spec.referenceSize();
        Fid.Statistics stats = new Fid.Statistics(f, Integer.parseInt(c.require("train_examples")),
                joined(c, "reference.mean", f), joined(c, "reference.covariance", f * f));
        Checkpoint.Entry features = c.requireTensor("reference.features");
        if (features.values().length != r * f) {
            throw new IllegalArgumentException("its reference features hold " + features.values().length + " values, not "
                    + r + " x " + f);
        }
        return new EvaluationClassifier(dataset, spec, model, Double.parseDouble(c.require("test_accuracy")),
                Double.parseDouble(c.require("training_seconds")), stats, features.values(),
                joined(c, "reference.radii", r), file, true);
    }

    private Checkpoint toCheckpoint() {
        Map<String, Checkpoint.Entry> t = new LinkedHashMap<>();
        model.stateDict().forEach((n, v) -> t.put("classifier." + n, new Checkpoint.Entry(v.shape().dims(), v.toArray())));
        int f = model.featureSize();
        split(t, "reference.mean", trainStatistics.mean(), new int[] {f});
        split(t, "reference.covariance", trainStatistics.covariance(), new int[] {f, f});
        t.put("reference.features", new Checkpoint.Entry(new int[] {spec.referenceSize(), f}, referenceFeatures));
        split(t, "reference.radii", referenceRadii, new int[] {spec.referenceSize()});
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("dataset", dataset);
        meta.put("version", spec.version());
        meta.put("test_accuracy", Double.toString(testAccuracy));
        meta.put("training_seconds", Double.toString(trainingSeconds));
        meta.put("train_examples", Integer.toString(trainStatistics.count()));
        meta.put("reference_examples", Integer.toString(spec.referenceSize()));
        meta.put("k", Integer.toString(spec.k()));
        meta.put("seed", Long.toString(spec.seed()));
        return new Checkpoint(t, meta);
    }

    private static void split(Map<String, Checkpoint.Entry> t, String name, double[] v, int[] shape) {
        float[] hi = new float[v.length], lo = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            hi[i] = (float) v[i];
            lo[i] = (float) (v[i] - hi[i]);
        }
        t.put(name + ".hi", new Checkpoint.Entry(shape, hi));
        t.put(name + ".lo", new Checkpoint.Entry(shape, lo));
    }

    private static double[] joined(Checkpoint c, String name, int expected) {
        float[] hi = c.requireTensor(name + ".hi").values(), lo = c.requireTensor(name + ".lo").values();
        if (hi.length != expected || lo.length != expected) {
            throw new IllegalArgumentException("its tensor " + name + " has " + hi.length + " values, not " + expected);
        }
        double[] out = new double[expected];
        for (int i = 0; i < expected; i++) {
            out[i] = (double) hi[i] + lo[i];
        }
        return out;
    }

    public String dataset() {
        return dataset;
    }

    public Spec spec() {
        return spec;
    }

    public FeatureClassifier model() {
        return model;
    }

    public double testAccuracy() {
        return testAccuracy;
    }

    /** Seconds the training took when this classifier was trained (possibly in an earlier run). */
    public double trainingSeconds() {
        return trainingSeconds;
    }

    /** Mean and covariance of the features of the whole training split (FID's reference). */
    public Fid.Statistics trainStatistics() {
        return trainStatistics;
    }

    /** Features of the first referenceSize training examples, [referenceSize, featureSize]. */
    public float[] referenceFeatures() {
        return referenceFeatures;
    }

    /** Squared k-NN radii of the reference features within themselves. */
    public double[] referenceRadii() {
        return referenceRadii;
    }

    public Path file() {
        return file;
    }

    /** Whether this classifier came from the cache rather than from training in this process. */
    public boolean fromCache() {
        return fromCache;
    }
}
