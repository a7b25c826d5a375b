package dev.adversarial.gan.cli;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.core.data.DataPaths;
import dev.adversarial.gan.core.data.MnistSplits;
import dev.adversarial.gan.eval.classifier.ClassifierMetrics;
import dev.adversarial.gan.eval.classifier.ClassifierMetrics.Metric;
import dev.adversarial.gan.eval.classifier.EvaluationClassifier;
import dev.adversarial.gan.eval.metrics.ClassifierScore;
import java.io.IOException;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code gan evaluate fid|kid|score|pr|all}: the classifier-based metrics, computed from one pass
 * of the samples through the data set's evaluation classifier (trained and cached on first use),
 * against the training split. {@code gan evaluate classifier} trains or loads that classifier and
 * reports it.
 */
abstract class EvaluateMetricsCommand implements Callable<Integer> {
    @Mixin
    EvaluationInputs in;

    @Option(names = "--kid-subsets", description = "KID subsets (default ${DEFAULT-VALUE}).", defaultValue = "100")
    int kidSubsets;

    @Option(names = "--kid-subset-size", description = "Samples per KID subset (default ${DEFAULT-VALUE}).",
            defaultValue = "1000")
    int kidSubsetSize;

    @Option(names = "--score-splits", description = "Splits for the classifier score's spread (default ${DEFAULT-VALUE}).",
            defaultValue = "10")
    int scoreSplits;

    abstract Set<Metric> metrics();

    abstract String name();

    @Override
    public Integer call() throws Exception {
        in.requireOneSource();
        String datasetName = in.datasetName();
        MnistSplits data = EvaluationInputs.load(datasetName);
        EvaluationInputs.Samples s = in.samples(data);
        Backend backend = in.backendInstance();
        EvaluationClassifier classifier = classifier(datasetName, data, backend);
        System.out.printf("Evaluating %d samples (%s) against %s with the %s classifier (test accuracy %.2f%%)...%n",
                s.count(), s.source(), data.train().name(), classifier.spec().version(), 100 * classifier.testAccuracy());
        ClassifierMetrics.Report r = ClassifierMetrics.compute(classifier, backend, s.values(), s.count(), metrics(),
                new ClassifierMetrics.Options(kidSubsets, kidSubsetSize, scoreSplits, in.seed));
        System.out.print(r.describe());
        System.out.println("(seconds: " + r.seconds() + ")");
        Map<String, Object> json = in.header(name(), datasetName, s);
        json.put("classifier", describe(classifier));
        json.putAll(r.asMap());
        in.writeJson(json);
        return 0;
    }

    static EvaluationClassifier classifier(String datasetName, MnistSplits data, Backend backend) throws IOException {
        return EvaluationClassifier.obtain(DataPaths.cacheDir(), datasetName, EvaluationClassifier.Spec.MNIST,
                data.train(), data.test(), backend, System.err::println);
    }

    static Map<String, Object> describe(EvaluationClassifier c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", c.spec().version());
        m.put("test_accuracy", c.testAccuracy());
        m.put("training_seconds", c.trainingSeconds());
        m.put("file", c.file().toString());
        return m;
    }

    @Command(name = "fid", mixinStandardHelpOptions = true, description = "Fréchet distance between the classifier"
            + " features of the samples and of the training set (lower is better).")
    static final class Fid extends EvaluateMetricsCommand {
        @Override
        Set<Metric> metrics() {
            return EnumSet.of(Metric.FID);
        }

        @Override
        String name() {
            return "fid";
        }
    }

    @Command(name = "kid", mixinStandardHelpOptions = true, description = "Kernel distance (unbiased MMD², cubic"
            + " polynomial kernel) between sample and training features, mean ± std over subsets (lower is better).")
    static final class Kid extends EvaluateMetricsCommand {
        @Override
        Set<Metric> metrics() {
            return EnumSet.of(Metric.KID);
        }

        @Override
        String name() {
            return "kid";
        }
    }

    @Command(name = "score", mixinStandardHelpOptions = true, description = "Classifier (Inception-style) score"
            + " exp(E KL(p(y|x) || p(y))): 1 to 10 for ten classes (higher is better).")
    static final class Score extends EvaluateMetricsCommand {
        @Override
        Set<Metric> metrics() {
            return EnumSet.of(Metric.SCORE);
        }

        @Override
        String name() {
            return "score";
        }
    }

    @Command(name = "pr", mixinStandardHelpOptions = true, description = "Precision and recall with k-nearest-neighbour"
            + " manifolds (Kynkäänniemi et al. 2019, k = 3) in the classifier's feature space.")
    static final class Pr extends EvaluateMetricsCommand {
        @Override
        Set<Metric> metrics() {
            return EnumSet.of(Metric.PR);
        }

        @Override
        String name() {
            return "pr";
        }
    }

    @Command(name = "all", mixinStandardHelpOptions = true, description = {"FID, KID, classifier score, precision and"
            + " recall from one pass of the samples through the classifier.",
        "Floor (real test images vs the training set): gan evaluate all --dataset mnist --real-test"})
    static final class All extends EvaluateMetricsCommand {
        @Override
        Set<Metric> metrics() {
            return EnumSet.allOf(Metric.class);
        }

        @Override
        String name() {
            return "all";
        }
    }

    /** {@code gan evaluate classifier}: trains (once) and reports the evaluation classifier. */
    @Command(name = "classifier", mixinStandardHelpOptions = true, description = "Train (or load from the cache) the"
            + " classifier behind fid/kid/score/pr and report its test accuracy.")
    static final class Classifier implements Callable<Integer> {
        @Option(names = "--dataset", required = true, paramLabel = "NAME", description = "mnist or fashion-mnist.")
        String dataset;

        @Option(names = "--retrain", description = "Delete the cached classifier and train it again.")
        boolean retrain;

        @Mixin
        BackendOptions backendOptions;

        @Override
        public Integer call() throws Exception {
            String name = dataset.toLowerCase(Locale.ROOT);
            MnistSplits data = EvaluationInputs.load(name);
            Backend b = backendOptions.backend();
            if (retrain) {
                Files.deleteIfExists(EvaluationClassifier.cacheFile(DataPaths.cacheDir(), name,
                        EvaluationClassifier.Spec.MNIST));
            }
            EvaluationClassifier c = classifier(name, data, b);
            System.out.printf(Locale.ROOT, "%s classifier %s: test accuracy %.2f%% (%d test images), trained in %.0f s%s%n",
                    name, c.spec().version(), 100 * c.testAccuracy(), data.test().size(), c.trainingSeconds(),
                    c.fromCache() ? " (loaded from the cache)" : "");
            System.out.println("Cached in " + c.file());
            System.out.printf("Reference: FID statistics of %d training images; KID and precision/recall against the"
                    + " first %d (k = %d); classifier score splits: %d%n", c.trainStatistics().count(),
                    c.spec().referenceSize(), c.spec().k(), ClassifierScore.DEFAULT_SPLITS);
            return 0;
        }
    }
}
