package dev.adversarial.gan.eval.classifier;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.core.data.ArrayDataset;
import dev.adversarial.gan.eval.metrics.ClassifierScore;
import dev.adversarial.gan.eval.metrics.Fid;
import dev.adversarial.gan.eval.metrics.Kid;
import dev.adversarial.gan.eval.metrics.PrecisionRecall;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How well a conditional generator gives the class asked for, judged by the evaluation
 * classifier: the share of samples it assigns to the asked label (per class and overall, with the
 * confusion matrix), and, per class, the classifier metrics of that class's samples against that
 * class's real images: FID, KID and precision/recall in the classifier's feature space, and the
 * classifier score of the class's samples (near 1 when every sample is confidently the same
 * class, which is what a class-conditional generator should give).
 *
 * <p>One pass of the samples and one of the real images through the classifier serve everything.
 */
public final class ClassConditionalMetrics {
    /** The fewest samples (and real images) per class that every metric accepts (precision/recall's k-NN needs k + 1). */
    public static final int MIN_PER_CLASS = PrecisionRecall.DEFAULT_K + 2;

    private ClassConditionalMetrics() {
    }

    /** One class: how many samples asked for it, the share the classifier agreed, and the metrics. */
    public record ClassReport(int label, int samples, double accuracy, int realImages, ClassifierMetrics.Report metrics) {
        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("label", label);
            m.put("accuracy", accuracy);
            m.put("real_images", realImages);
            m.putAll(metrics.asMap()); // "samples" among them
            return m;
        }
    }

    /**
     * @param confusion [asked][predicted] counts
     */
    public record Report(List<ClassReport> classes, double accuracy, int samples, int[][] confusion) {
        /** The terminal table: one line per class, then the overall accuracy. */
        public String describe() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                    "class  samples  accuracy      FID        KID  score  precision  recall  (real images)%n"));
            for (ClassReport c : classes) {
                ClassifierMetrics.Report r = c.metrics();
                sb.append(String.format(Locale.ROOT, "%5d  %7d  %7.2f%%  %8.3f  %9.5f  %5.3f  %9.3f  %6.3f  (%d)%n",
                        c.label(), c.samples(), 100 * c.accuracy(), r.fid(), r.kid().mean(), r.score().score(),
                        r.precisionRecall().precision(), r.precisionRecall().recall(), c.realImages()));
            }
            sb.append(String.format(Locale.ROOT, "overall accuracy %.2f%% of %d samples%n", 100 * accuracy, samples));
            return sb.toString();
        }
    }

    /**
     * @param samples  n rows in the classifier's input layout
     * @param asked    the label each sample was generated with, in [0, classes)
     * @param real     labelled real images (a test split), at least {@link #MIN_PER_CLASS} of each
     *                 class asked for
     */
    public static Report compute(FeatureClassifier classifier, Backend backend, float[] samples, int[] asked, ArrayDataset real,
                                 ClassifierMetrics.Options options) {
        int n = asked.length, k = classifier.classes(), in = classifier.inputs();
        if ((long) n * in != samples.length) {
            throw new IllegalArgumentException("The classifier takes " + in + " values per sample; got " + samples.length
                    + " values for " + n + " labels");
        }
        if (!real.hasLabels() || real.exampleSize() != in) {
            throw new IllegalArgumentException("The real images '" + real.name() + "' need labels and " + in
                    + " values each to compare classes with");
        }
        ClassifierTraining.Outputs fake = ClassifierTraining.run(classifier, backend, samples, n, true);
        ClassifierTraining.Outputs truth = ClassifierTraining.run(classifier, backend, real.values(), real.size(), true);
        int[][] confusion = new int[k][k];
        int correct = 0;
        for (int i = 0; i < n; i++) {
            if (asked[i] < 0 || asked[i] >= k) {
                throw new IllegalArgumentException("Label " + asked[i] + " of sample " + i + " is not one of the classifier's "
                        + k + " classes");
            }
            int p = argmax(fake.probabilities(), i, k);
            confusion[asked[i]][p]++;
            correct += p == asked[i] ? 1 : 0;
        }
        List<ClassReport> reports = new ArrayList<>();
        Rng rng = new Rng(options.seed());
        for (int c = 0; c < k; c++) {
            int[] rows = rowsOf(asked, c);
            if (rows.length == 0) {
                continue;
            }
            int[] realRows = rowsOf(real.labels(), c);
            if (rows.length < MIN_PER_CLASS || realRows.length < MIN_PER_CLASS) {
                throw new IllegalArgumentException("Class " + c + " has " + rows.length + " samples and " + realRows.length
                        + " real images in '" + real.name() + "'; the per-class metrics need at least " + MIN_PER_CLASS
                        + " of each");
            }
            reports.add(classReport(c, rows, realRows, fake, truth, confusion[c][c], options, rng));
        }
        return new Report(reports, (double) correct / n, n, confusion);
    }

    private static ClassReport classReport(int c, int[] rows, int[] realRows, ClassifierTraining.Outputs fake,
                                           ClassifierTraining.Outputs truth, int correct, ClassifierMetrics.Options options,
                                           Rng rng) {
        int f = fake.featureSize(), k = fake.classes(), m = rows.length, r = realRows.length;
        float[] fakeFeatures = gather(fake.features(), rows, f), realFeatures = gather(truth.features(), realRows, f);
        double[] probabilities = new double[m * k];
        for (int i = 0; i < m; i++) {
            System.arraycopy(fake.probabilities(), rows[i] * k, probabilities, i * k, k);
        }
        Map<String, Double> seconds = new LinkedHashMap<>();
        long t0 = System.nanoTime();
        double fid = Fid.distance(Fid.Statistics.of(fakeFeatures, m, f), Fid.Statistics.of(realFeatures, r, f));
        Kid.Result kid = Kid.compute(realFeatures, r, fakeFeatures, m, f, options.kidSubsets(),
                Math.min(options.kidSubsetSize(), Math.min(m, r)), rng);
        ClassifierScore.Result score = ClassifierScore.compute(probabilities, m, k, Math.min(options.scoreSplits(), m));
        PrecisionRecall.Result pr = PrecisionRecall.compute(realFeatures, r, fakeFeatures, m, f, PrecisionRecall.DEFAULT_K);
        seconds.put("metrics", Math.round((System.nanoTime() - t0) / 1e7) / 100.0);
        ClassifierMetrics.Report metrics = new ClassifierMetrics.Report(m, fid, kid, score, pr, seconds);
        return new ClassReport(c, m, (double) correct / m, r, metrics);
    }

    private static int argmax(double[] p, int row, int k) {
        int best = 0;
        for (int c = 1; c < k; c++) {
            if (p[row * k + c] > p[row * k + best]) {
                best = c;
            }
        }
        return best;
    }

    private static int[] rowsOf(int[] labels, int c) {
        return java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] == c).toArray();
    }

    private static float[] gather(float[] features, int[] rows, int f) {
        float[] out = new float[rows.length * f];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(features, rows[i] * f, out, i * f, f);
        }
        return out;
    }
}
