package dev.adversarial.gan.eval.classifier;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.eval.metrics.ClassifierScore;
import dev.adversarial.gan.eval.metrics.Fid;
import dev.adversarial.gan.eval.metrics.Kid;
import dev.adversarial.gan.eval.metrics.PrecisionRecall;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The classifier-based metrics of a set of samples against a data set's training split, from one
 * pass of the samples through the {@link EvaluationClassifier}: FID against the statistics of the
 * whole training split; KID and precision/recall against the features of its reference subset;
 * the classifier score from the samples' class probabilities alone.
 */
public final class ClassifierMetrics {
    /** The metrics on offer. */
    public enum Metric {
        FID, KID, SCORE, PR
    }

    private ClassifierMetrics() {
    }

    /** Options that change the numbers; the defaults are the reference implementations'. */
    public record Options(int kidSubsets, int kidSubsetSize, int scoreSplits, long seed) {
        public static final Options DEFAULT = new Options(Kid.DEFAULT_SUBSETS, Kid.DEFAULT_SUBSET_SIZE,
                ClassifierScore.DEFAULT_SPLITS, 0);
    }

    /** The metrics computed; those not asked for are null. */
    public record Report(int samples, Double fid, Kid.Result kid, ClassifierScore.Result score,
                         PrecisionRecall.Result precisionRecall, Map<String, Double> seconds) {

        /** A flat name → value map, for JSON and printing. */
        public Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("samples", samples);
            if (fid != null) {
                m.put("fid", fid);
            }
            if (kid != null) {
                m.put("kid", kid.mean());
                m.put("kid_std", kid.std());
                m.put("kid_subsets", kid.subsets());
                m.put("kid_subset_size", kid.subsetSize());
            }
            if (score != null) {
                m.put("classifier_score", score.score());
                m.put("classifier_score_split_mean", score.splitMean());
                m.put("classifier_score_split_std", score.splitStd());
                m.put("classifier_score_splits", score.splits());
            }
            if (precisionRecall != null) {
                m.put("precision", precisionRecall.precision());
                m.put("recall", precisionRecall.recall());
                m.put("pr_k", precisionRecall.k());
                m.put("pr_real", precisionRecall.realCount());
            }
            m.put("seconds", seconds);
            return m;
        }

        /** One line per metric, for the terminal. */
        public String describe() {
            StringBuilder sb = new StringBuilder();
            if (fid != null) {
                sb.append(String.format(Locale.ROOT, "FID              %.4f%n", fid));
            }
            if (kid != null) {
                sb.append(String.format(Locale.ROOT, "KID              %.6f ± %.6f (%d subsets of %d)%n", kid.mean(),
                        kid.std(), kid.subsets(), kid.subsetSize()));
            }
            if (score != null) {
                sb.append(String.format(Locale.ROOT, "classifier score %.4f (splits: %.4f ± %.4f over %d)%n",
                        score.score(), score.splitMean(), score.splitStd(), score.splits()));
            }
            if (precisionRecall != null) {
                sb.append(String.format(Locale.ROOT, "precision        %.4f%nrecall           %.4f (k = %d, %d real vs %d"
                        + " generated)%n", precisionRecall.precision(), precisionRecall.recall(), precisionRecall.k(),
                        precisionRecall.realCount(), precisionRecall.fakeCount()));
            }
            return sb.toString();
        }
    }

    /** Computes {@code which} for the n samples (rows of {@code samples}, in the data's layout). */
    public static Report compute(EvaluationClassifier classifier, Backend backend, float[] samples, int n,
                                 Set<Metric> which, Options options) {
        if (which.isEmpty()) {
            throw new IllegalArgumentException("Name at least one metric: fid, kid, score or pr");
        }
        Map<String, Double> seconds = new LinkedHashMap<>();
        long t = System.nanoTime();
        boolean needFeatures = !EnumSet.of(Metric.SCORE).containsAll(which);
        ClassifierTraining.Outputs out = ClassifierTraining.run(classifier.model(), backend, samples, n, needFeatures);
        t = lap(seconds, "classifier", t);
        int f = out.featureSize();
        Double fid = null;
        if (which.contains(Metric.FID)) {
            fid = Fid.distance(Fid.Statistics.of(out.features(), n, f), classifier.trainStatistics());
            t = lap(seconds, "fid", t);
        }
        int nRef = classifier.spec().referenceSize();
        Kid.Result kid = null;
        if (which.contains(Metric.KID)) {
            kid = Kid.compute(classifier.referenceFeatures(), nRef, out.features(), n, f, options.kidSubsets(),
                    options.kidSubsetSize(), new Rng(options.seed()));
            t = lap(seconds, "kid", t);
        }
        ClassifierScore.Result score = null;
        if (which.contains(Metric.SCORE)) {
            score = ClassifierScore.compute(out.probabilities(), n, out.classes(), Math.min(options.scoreSplits(), n));
            t = lap(seconds, "score", t);
        }
        PrecisionRecall.Result pr = null;
        if (which.contains(Metric.PR)) {
            int k = classifier.spec().k();
            pr = PrecisionRecall.compute(classifier.referenceFeatures(), nRef, classifier.referenceRadii(), out.features(),
                    n, PrecisionRecall.squaredRadii(out.features(), n, f, k), f, k);
            lap(seconds, "pr", t);
        }
        return new Report(n, fid, kid, score, pr, seconds);
    }

    private static long lap(Map<String, Double> seconds, String name, long since) {
        long now = System.nanoTime();
        seconds.put(name, Math.round((now - since) / 1e7) / 100.0);
        return now;
    }
}
