package dev.adversarial.gan.eval.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.core.data.ArrayDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Per-class accuracy and metrics on Gaussian blobs (one per class) that a small classifier
 * separates: real images of class c offered as "samples asked to be c" are recognised and sit on
 * their class's real distribution; the same images offered under the wrong labels are not.
 */
class ClassConditionalMetricsTest {
    private static final Backend B = Backends.get();
    private static final int DIM = 12;
    private static final int CLASSES = 3;
    private static final ClassifierMetrics.Options OPTIONS = new ClassifierMetrics.Options(10, 100, 5, 0);
    private static FeatureClassifier classifier;
    private static ArrayDataset real;

    /** Gaussian blobs, one per class, the mean of class c raised in features c, c + 3, c + 6, ... */
    static ArrayDataset blobs(String name, Rng rng, int n) {
        float[] v = new float[n * DIM];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int c = i % CLASSES;
            labels[i] = c;
            for (int k = 0; k < DIM; k++) {
                v[i * DIM + k] = (float) ((k % CLASSES == c ? 2.0 : 0.0) + 0.5 * rng.nextGaussian());
            }
        }
        return new ArrayDataset(name, v, new int[] {DIM}, labels);
    }

    @BeforeAll
    static void trainClassifier() {
        Rng rng = new Rng(1);
        ArrayDataset train = blobs("blobs-train", rng, 900);
        real = blobs("blobs-test", rng, 300);
        classifier = new FeatureClassifier(B, rng, DIM, new int[] {16}, CLASSES, 0.9);
        ClassifierTraining.train(classifier, B, train, real, new ClassifierTraining.Config(5, 32, 0.01, 0.001), rng, s -> { });
    }

    @Test
    void samplesOfTheAskedClassAreRecognisedAndMatchThatClass() {
        ArrayDataset samples = blobs("samples", new Rng(9), 240);
        ClassConditionalMetrics.Report r = ClassConditionalMetrics.compute(classifier, B, samples.values(), samples.labels(),
                real, OPTIONS);
        assertThat(r.samples()).isEqualTo(240);
        assertThat(r.accuracy()).isGreaterThan(0.95);
        assertThat(r.classes()).hasSize(CLASSES);
        for (ClassConditionalMetrics.ClassReport c : r.classes()) {
            assertThat(c.samples()).isEqualTo(80);
            assertThat(c.realImages()).isEqualTo(100);
            assertThat(c.accuracy()).isGreaterThan(0.9);
            assertThat(c.metrics().precisionRecall().precision()).isGreaterThan(0.7);
            assertThat(c.metrics().precisionRecall().recall()).isGreaterThan(0.7);
            assertThat(c.metrics().score().score()).isLessThan(1.5); // one class: little spread over the labels
        }
        int diagonal = 0;
        for (int c = 0; c < CLASSES; c++) {
            diagonal += r.confusion()[c][c];
        }
        assertThat(diagonal).isEqualTo((int) Math.round(r.accuracy() * 240));
        assertThat(r.describe()).contains("overall accuracy").contains("class  samples  accuracy");
        assertThat(r.classes().get(0).asMap()).containsKeys("label", "accuracy", "real_images", "samples", "fid", "kid",
                "classifier_score", "precision", "recall");
    }

    @Test
    void samplesUnderTheWrongLabelsScoreBadlyOnEveryCount() {
        ArrayDataset samples = blobs("samples", new Rng(9), 240);
        int[] shifted = samples.labels().clone();
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] = (shifted[i] + 1) % CLASSES;
        }
        ClassConditionalMetrics.Report right = ClassConditionalMetrics.compute(classifier, B, samples.values(),
                samples.labels(), real, OPTIONS);
        ClassConditionalMetrics.Report wrong = ClassConditionalMetrics.compute(classifier, B, samples.values(), shifted,
                real, OPTIONS);
        assertThat(wrong.accuracy()).isLessThan(0.05);
        for (int c = 0; c < CLASSES; c++) {
            ClassifierMetrics.Report good = right.classes().get(c).metrics(), bad = wrong.classes().get(c).metrics();
            assertThat(bad.fid()).isGreaterThan(5 * good.fid());
            assertThat(bad.kid().mean()).isGreaterThan(good.kid().mean());
            assertThat(bad.precisionRecall().precision()).isLessThan(good.precisionRecall().precision());
        }
    }

    @Test
    void classesWithTooFewSamplesOrBadLabelsAreRefused() {
        ArrayDataset samples = blobs("samples", new Rng(2), 30);
        int[] labels = new int[30];
        labels[0] = 1; // class 1 gets a single sample
        assertThatThrownBy(() -> ClassConditionalMetrics.compute(classifier, B, samples.values(), labels, real, OPTIONS))
                .hasMessageContaining("Class 1 has 1 samples").hasMessageContaining("at least 5");
        int[] outside = new int[30];
        outside[3] = 7;
        assertThatThrownBy(() -> ClassConditionalMetrics.compute(classifier, B, samples.values(), outside, real, OPTIONS))
                .hasMessageContaining("Label 7 of sample 3");
    }
}
