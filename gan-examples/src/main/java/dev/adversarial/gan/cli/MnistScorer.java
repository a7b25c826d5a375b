package dev.adversarial.gan.cli;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.core.data.MnistSplits;
import dev.adversarial.gan.eval.classifier.ClassifierMetrics;
import dev.adversarial.gan.eval.classifier.EvaluationClassifier;
import dev.adversarial.gan.eval.parzen.ParzenWindow;
import java.io.IOException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Scores samples of MNIST or Fashion-MNIST as `gan evaluate parzen` and `gan evaluate all` do:
 * the paper's Parzen protocol (σ from the first 1,000 validation images, mean ± standard error on
 * the 10,000 test images) and the classifier metrics (FID, KID, classifier score, precision and
 * recall against the training split, the classifier trained once and cached). The data and the
 * classifier are loaded on first use and kept for every later seed.
 */
final class MnistScorer implements SampleScorer {
    private final String dataset;
    private final Backend backend;
    private MnistSplits data;
    private EvaluationClassifier classifier;

    MnistScorer(String dataset, Backend backend) {
        this.dataset = dataset;
        this.backend = backend;
    }

    /** The data set, loaded once (also what the baselines draw their samples from). */
    MnistSplits data() throws IOException {
        if (data == null) {
            data = EvaluationInputs.load(dataset);
        }
        return data;
    }

    @Override
    public Scores score(float[] samples, int n, int rowSize, long seed) throws IOException {
        MnistSplits d = data();
        int size = d.train().exampleSize();
        if (rowSize != size) {
            throw new IllegalArgumentException("The samples have " + rowSize + " values each but " + d.train().name()
                    + " images have " + size + "; score them against the data set they model");
        }
        Map<String, Double> values = new LinkedHashMap<>();
        Map<String, Object> details = new LinkedHashMap<>();

        if (n != ParzenWindow.PAPER_SAMPLES) {
            System.err.printf("Note: the paper's protocol uses %d samples; these are %d, so the Parzen number is not"
                    + " comparable with Table 1.%n", ParzenWindow.PAPER_SAMPLES, n);
        }
        int nv = Math.min(ParzenWindow.PAPER_VALIDATION, d.validation().size());
        System.out.printf("Parzen window on %d samples: σ on %d validation images, scoring %d test images...%n", n, nv,
                d.test().size());
        ParzenWindow.Result p = new ParzenWindow(samples, n, size)
                .evaluate(Arrays.copyOf(d.validation().values(), nv * size), nv, d.test().values(), d.test().size());
        System.out.println(p);
        values.put("parzen", p.mean());
        values.put("parzen_se", p.standardError());
        values.put("sigma", p.sigma());
        details.put("parzen_validation_means", p.validationMeans());
        details.put("parzen_sigmas", p.sigmas());
        details.put("parzen_seconds", p.seconds());

        if (classifier == null) {
            classifier = EvaluateMetricsCommand.classifier(dataset, d, backend);
        }
        ClassifierMetrics.Report r = ClassifierMetrics.compute(classifier, backend, samples, n,
                EnumSet.allOf(ClassifierMetrics.Metric.class), new ClassifierMetrics.Options(
                        ClassifierMetrics.Options.DEFAULT.kidSubsets(), ClassifierMetrics.Options.DEFAULT.kidSubsetSize(),
                        ClassifierMetrics.Options.DEFAULT.scoreSplits(), seed));
        System.out.print(r.describe());
        values.put("fid", r.fid());
        values.put("kid", r.kid().mean());
        values.put("classifier_score", r.score().score());
        values.put("precision", r.precisionRecall().precision());
        values.put("recall", r.precisionRecall().recall());
        details.put("classifier", EvaluateMetricsCommand.describe(classifier));
        details.put("classifier_metrics", r.asMap());
        return new Scores(values, details);
    }

    @Override
    public String description() {
        return String.format(Locale.ROOT, "%s: Parzen log-likelihood of the %s test images (σ from logspace(-1, 0, 10)"
                + " on %d validation images; parzen_se is its standard error), then FID, KID (mean over subsets),"
                + " classifier score, precision and recall from the cached evaluation classifier, against the"
                + " training split (as `gan evaluate parzen` and `gan evaluate all`)", dataset, dataset,
                ParzenWindow.PAPER_VALIDATION);
    }
}
