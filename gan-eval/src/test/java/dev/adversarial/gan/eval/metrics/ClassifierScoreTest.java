package dev.adversarial.gan.eval.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ClassifierScoreTest {
    static double[] oneHot(int n, int classes, java.util.function.IntUnaryOperator label) {
        double[] p = new double[n * classes];
        for (int i = 0; i < n; i++) {
            p[i * classes + label.applyAsInt(i)] = 1;
        }
        return p;
    }

    @Test
    void confidentAndBalancedSamplesScoreTheNumberOfClasses() {
        ClassifierScore.Result r = ClassifierScore.compute(oneHot(1000, 10, i -> i % 10), 1000, 10, 10);
        assertThat(r.score()).isCloseTo(10.0, within(1e-12));
        assertThat(r.splitMean()).isCloseTo(10.0, within(1e-12));
        assertThat(r.splitStd()).isCloseTo(0.0, within(1e-12));
    }

    @Test
    void aSingleClassScoresOne() {
        assertThat(ClassifierScore.compute(oneHot(500, 10, i -> 3), 500, 10, 10).score()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void uncertainSamplesScoreOne() {
        double[] p = new double[100 * 10];
        java.util.Arrays.fill(p, 0.1);
        assertThat(ClassifierScore.compute(p, 100, 10, 1).score()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void halfTheClassesScoreHalf() {
        // Confident, balanced over 5 of 10 classes: exp(log 5) = 5.
        assertThat(ClassifierScore.compute(oneHot(1000, 10, i -> i % 5), 1000, 10, 1).score()).isCloseTo(5.0, within(1e-12));
    }

    @Test
    void refusesRowsThatAreNotDistributions() {
        assertThatThrownBy(() -> ClassifierScore.compute(new double[] {0.5, 0.2}, 1, 2, 1)).hasMessageContaining("softmax");
    }
}
