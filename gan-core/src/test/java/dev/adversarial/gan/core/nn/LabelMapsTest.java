package dev.adversarial.gan.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.api.Conv2dSpec;
import dev.adversarial.gan.api.GradientTape;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Scope;
import dev.adversarial.gan.api.Tensor;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * LabelMaps on both backends: the layout of its output against values written out by hand, its
 * gradient against the hand-derived one (it only moves and copies values, so the gradient of
 * sum(y · w) is w gathered back: each image entry's own weight, each label column the sum of
 * its map's weights), and a gradient of a gradient through a convolution after it, as R1 takes.
 */
class LabelMapsTest {
    private static final int C = 2, H = 2, W = 3, K = 3, N = 2, PIXELS = C * H * W;

    /** Row i: image values 100·i + j for column j, then the one-hot label of class i + 1. */
    private static float[] input() {
        float[] x = new float[N * (PIXELS + K)];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < PIXELS; j++) {
                x[i * (PIXELS + K) + j] = 100 * i + j;
            }
            x[i * (PIXELS + K) + PIXELS + i + 1] = 1;
        }
        return x;
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "djl"})
    void imageChannelsThenOneConstantMapPerClass(String backend) {
        Backend b = Backends.get(backend);
        try (Scope s = Scope.open()) {
            Tensor y = new LabelMaps(C, H, W, K).forward(b.tensor(input(), N, PIXELS + K));
            assertThat(y.shape().dims()).containsExactly(N, C + K, H, W);
            float[] v = y.toArray();
            for (int i = 0; i < N; i++) {
                for (int c = 0; c < C + K; c++) {
                    for (int p = 0; p < H * W; p++) {
                        float expected = c < C ? 100 * i + c * H * W + p : (c - C == i + 1 ? 1 : 0);
                        assertThat(v[((i * (C + K)) + c) * H * W + p]).as("example %d channel %d position %d", i, c, p)
                                .isEqualTo(expected);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "djl"})
    void gradientGathersTheWeightsBackToImageAndLabelColumns(String backend) {
        Backend b = Backends.get(backend);
        Rng rng = new Rng(5);
        float[] w = new float[N * (C + K) * H * W];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) rng.nextGaussian();
        }
        try (Scope s = Scope.open(); GradientTape tape = GradientTape.open()) {
            Tensor x = b.tensor(input(), N, PIXELS + K).requiresGrad(true);
            Tensor y = new LabelMaps(C, H, W, K).forward(x);
            Tensor loss = y.mul(b.tensor(w, N, C + K, H, W)).sum();
            float[] g = tape.gradients(loss, List.of(x), false).get(0).toArray();
            for (int i = 0; i < N; i++) {
                int mapStart = i * (C + K) * H * W;
                for (int j = 0; j < PIXELS; j++) {
                    assertThat(g[i * (PIXELS + K) + j]).as("image column %d of example %d", j, i).isEqualTo(w[mapStart + j]);
                }
                for (int k = 0; k < K; k++) {
                    double sum = 0;
                    for (int p = 0; p < H * W; p++) {
                        sum += w[mapStart + PIXELS + k * H * W + p];
                    }
                    assertThat((double) g[i * (PIXELS + K) + PIXELS + k]).as("label column %d of example %d", k, i)
                            .isCloseTo(sum, within(1e-5));
                }
            }
        }
    }

    /**
     * R1 differentiates D's output with respect to the image columns and then differentiates that
     * again: through a LabelMaps → Conv2d → sum of squares, the first gradient must agree with
     * central differences of the same function and the second pass must reach the weight.
     */
    @ParameterizedTest
    @ValueSource(strings = {"cpu", "djl"})
    void aGradientOfAGradientPassesThroughIt(String backend) {
        Backend b = Backends.get(backend);
        try (Scope s = Scope.open(); Conv2d conv = new Conv2d(b, new Rng(7), C + K, 2, 2, 2, Conv2dSpec.of(1, 0),
                Init.normal(0.5), Init.zeros())) {
            LabelMaps maps = new LabelMaps(C, H, W, K);
            float[] x0 = input();
            for (int i = 0; i < x0.length; i++) {
                x0[i] = x0[i] >= 100 ? (x0[i] - 100) / 20f : x0[i] / 20f; // moderate values keep float differences exact enough
            }
            Tensor gradOfGradNorm;
            float[] analytic;
            try (GradientTape tape = GradientTape.open()) {
                Tensor x = b.tensor(x0, N, PIXELS + K).requiresGrad(true);
                Tensor out = conv.forward(maps.forward(x)).square().sum();
                Tensor g = tape.gradients(out, List.of(x), true).get(0);
                analytic = g.toArray();
                gradOfGradNorm = tape.gradients(g.square().sum(), List.of(conv.weight().value()), false).get(0);
            }
            assertThat(gradOfGradNorm).as("second derivative reaches the convolution's weight").isNotNull();
            assertThat(gradOfGradNorm.abs().sum().item()).isGreaterThan(0f);
            double h = 1e-2;
            for (int j = 0; j < x0.length; j++) {
                float keep = x0[j];
                x0[j] = (float) (keep + h);
                double up = conv.forward(maps.forward(b.tensor(x0, N, PIXELS + K))).square().sum().item();
                x0[j] = (float) (keep - h);
                double down = conv.forward(maps.forward(b.tensor(x0, N, PIXELS + K))).square().sum().item();
                x0[j] = keep;
                double fd = (up - down) / (2 * h);
                assertThat((double) analytic[j]).as("d/dx column %d", j).isCloseTo(fd, within(2e-3 + 1e-3 * Math.abs(fd)));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "djl"})
    void withoutClassesItIsUnflatten(String backend) {
        Backend b = Backends.get(backend);
        try (Scope s = Scope.open()) {
            float[] x = new float[N * PIXELS];
            for (int i = 0; i < x.length; i++) {
                x[i] = i;
            }
            Tensor t = b.tensor(x, N, PIXELS);
            assertThat(new LabelMaps(C, H, W, 0).forward(t).toArray()).containsExactly(new Unflatten(C, H, W).forward(t).toArray());
        }
    }

    @org.junit.jupiter.api.Test
    void aWrongInputWidthNamesTheLayout() {
        Backend b = Backends.get("cpu");
        try (Scope s = Scope.open()) {
            assertThatThrownBy(() -> new LabelMaps(C, H, W, K).forward(b.zeros(N, PIXELS)))
                    .hasMessageContaining("expects input [batch, 15] (12 image values, then 3 one-hot label columns)")
                    .hasMessageContaining("[2, 12]");
        }
        assertThatThrownBy(() -> new LabelMaps(0, H, W, K)).hasMessageContaining("positive channels");
    }
}
