package dev.adversarial.gan.eval.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Tensor;
import dev.adversarial.gan.core.data.ArrayDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationClassifierTest {
    static final Backend B = Backends.get();
    /** A tiny recipe: 12 inputs, 3 classes, one hidden layer of 16, 300 reference points. */
    static final EvaluationClassifier.Spec TINY = new EvaluationClassifier.Spec("tiny-v1", 12, new int[] {16}, 3, 0.9,
            new ClassifierTraining.Config(4, 32, 0.01, 0.001), 7, 300, 3);

    @TempDir
    Path cache;

    /** Gaussian blobs, one per class: a small classifier learns them in a second. */
    static ArrayDataset blobs(String name, Rng rng, int n, int dim, int classes) {
        float[] v = new float[n * dim];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int c = rng.nextInt(classes);
            labels[i] = c;
            for (int k = 0; k < dim; k++) {
                v[i * dim + k] = (float) ((k % classes == c ? 1.5 : 0.0) + 0.5 * rng.nextGaussian());
            }
        }
        return new ArrayDataset(name, v, new int[] {dim}, labels);
    }

    @Test
    void crossEntropyAndSoftmaxMatchTheirDefinitions() {
        Tensor logits = B.tensor(new float[] {1, 2, 3, 0, 0, 0}, 2, 3);
        Tensor target = B.tensor(new float[] {0, 0, 1, 1, 0, 0}, 2, 3);
        double lse1 = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3));
        double want = ((lse1 - 3) + Math.log(3)) / 2;
        assertThat(FeatureClassifier.crossEntropy(logits, target).item()).isCloseTo((float) want, within(1e-6f));
        float[] p = FeatureClassifier.softmax(B.tensor(new float[] {1000, 1001, 1002}, 1, 3)).toArray();
        assertThat(p[0] + p[1] + p[2]).isCloseTo(1f, within(1e-6f));
        assertThat(p[2]).isCloseTo((float) (1 / (1 + Math.exp(-1) + Math.exp(-2))), within(1e-6f));
    }

    @Test
    void aSmallClassifierLearnsSeparableClasses() {
        Rng rng = new Rng(1);
        ArrayDataset train = blobs("blobs-train", rng, 600, 12, 3), test = blobs("blobs-test", rng, 300, 12, 3);
        FeatureClassifier model = new FeatureClassifier(B, rng, 12, new int[] {16}, 3, 0.9);
        ClassifierTraining.Report r = ClassifierTraining.train(model, B, train, test,
                new ClassifierTraining.Config(5, 32, 0.01, 0.001), rng, s -> { });
        assertThat(r.testAccuracy()).isGreaterThan(0.95);
        assertThat(r.epochLoss()[4]).isLessThan(r.epochLoss()[0]);
        assertThat(model.isTraining()).as("left in evaluation mode").isFalse();
        ClassifierTraining.Outputs out = ClassifierTraining.run(model, B, test.values(), test.size(), true);
        assertThat(out.features()).hasSize(300 * 16);
        assertThat(out.probabilities()).hasSize(300 * 3);
    }

    @Test
    void isTrainedOnceThenLoadedFromTheCacheWithTheSameReference() throws IOException {
        Rng rng = new Rng(2);
        ArrayDataset train = blobs("blobs-train", rng, 600, 12, 3), test = blobs("blobs-test", rng, 300, 12, 3);
        List<String> log = new ArrayList<>();
        EvaluationClassifier first = EvaluationClassifier.obtain(cache, "blobs", TINY, train, test, B, log::add);
        Path file = EvaluationClassifier.cacheFile(cache, "blobs", TINY);
        assertThat(first.fromCache()).isFalse();
        assertThat(file).exists().isEqualTo(first.file());
        assertThat(file.toString()).endsWith("classifiers/blobs-tiny-v1.safetensors");

        EvaluationClassifier second = EvaluationClassifier.obtain(cache, "blobs", TINY, train, test, B, log::add);
        assertThat(second.fromCache()).isTrue();
        assertThat(second.testAccuracy()).isEqualTo(first.testAccuracy());
        assertThat(second.referenceFeatures()).containsExactly(first.referenceFeatures());
        // Doubles keep about 48 of their 53 bits through the float32 format's hi/lo split.
        assertCloseRelative(second.referenceRadii(), first.referenceRadii());
        assertCloseRelative(second.trainStatistics().covariance(), first.trainStatistics().covariance());
        assertCloseRelative(second.trainStatistics().mean(), first.trainStatistics().mean());
        // The loaded weights compute what the trained ones did.
        float[] x = test.example(0);
        assertThat(ClassifierTraining.run(second.model(), B, x, 1, true).probabilities())
                .containsExactly(ClassifierTraining.run(first.model(), B, x, 1, true).probabilities());
    }

    private static void assertCloseRelative(double[] got, double[] want) {
        assertThat(got).hasSameSizeAs(want);
        for (int i = 0; i < want.length; i++) {
            assertThat(got[i]).isCloseTo(want[i], within(1e-13 * Math.max(1, Math.abs(want[i]))));
        }
    }

    @Test
    void aCorruptCacheIsReplacedByTrainingAgain() throws IOException {
        Rng rng = new Rng(3);
        ArrayDataset train = blobs("blobs-train", rng, 600, 12, 3), test = blobs("blobs-test", rng, 300, 12, 3);
        EvaluationClassifier.obtain(cache, "blobs", TINY, train, test, B, s -> { });
        Path file = EvaluationClassifier.cacheFile(cache, "blobs", TINY);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 5] ^= 0x55;
        Files.write(file, bytes);

        List<String> log = new ArrayList<>();
        EvaluationClassifier again = EvaluationClassifier.obtain(cache, "blobs", TINY, train, test, B, log::add);
        assertThat(again.fromCache()).isFalse();
        assertThat(log.get(0)).contains("cannot be used").contains("checksum").contains("training a new one");
        assertThat(EvaluationClassifier.obtain(cache, "blobs", TINY, train, test, B, s -> { }).fromCache()).isTrue();
    }

    @Test
    void aDifferentVersionLivesInAnotherFile() {
        EvaluationClassifier.Spec v2 = new EvaluationClassifier.Spec("tiny-v2", 12, new int[] {16}, 3, 0.9,
                TINY.training(), 7, 300, 3);
        assertThat(EvaluationClassifier.cacheFile(cache, "blobs", v2))
                .isNotEqualTo(EvaluationClassifier.cacheFile(cache, "blobs", TINY));
    }
}
