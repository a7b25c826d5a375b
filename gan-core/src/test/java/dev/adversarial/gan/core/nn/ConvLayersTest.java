package dev.adversarial.gan.core.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.api.Conv2dSpec;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Scope;
import dev.adversarial.gan.api.Tensor;
import org.junit.jupiter.api.Test;

class ConvLayersTest {
    private final Backend b = Backends.get("cpu");

    @Test
    void dcganShapesAndPyTorchNames() {
        Rng rng = new Rng(1);
        try (Scope s = Scope.open();
             ConvTranspose2d up = new ConvTranspose2d(b, rng, 128, 64, 4, Conv2dSpec.of(2, 1));
             Conv2d down = new Conv2d(b, rng, 64, 128, 4, Conv2dSpec.of(2, 1))) {
            Tensor x = b.zeros(2, 128, 7, 7);
            Tensor y = up.forward(x);
            assertThat(y.shape().dims()).containsExactly(2, 64, 14, 14);
            assertThat(down.forward(y).shape().dims()).containsExactly(2, 128, 7, 7);
            assertThat(up.namedParameters().keySet()).containsExactly("weight", "bias");
            assertThat(up.weight().shape().dims()).containsExactly(128, 64, 4, 4);
            assertThat(down.weight().shape().dims()).containsExactly(128, 64, 4, 4);
            float[] w = down.weight().value().toArray();
            double sq = 0;
            for (float v : w) {
                sq += v * v;
            }
            assertThat(Math.sqrt(sq / w.length)).as("DCGAN's N(0, 0.02) initialisation").isCloseTo(0.02, within(0.001));
            assertThatThrownBy(() -> down.forward(b.zeros(2, 3, 7, 7)))
                    .hasMessageContaining("expects input [batch, 64, height, width]").hasMessageContaining("[2, 3, 7, 7]");
        }
    }

    @Test
    void aConvolutionWithoutBiasHasOnlyAWeight() {
        try (Conv2d c = new Conv2d(b, new Rng(2), 3, 6, 3, 3, Conv2dSpec.of(1, 1).withGroups(3), Init.normal(0.02), null)) {
            assertThat(c.namedParameters().keySet()).containsExactly("weight");
            assertThat(c.weight().shape().dims()).containsExactly(6, 1, 3, 3);
        }
        assertThatThrownBy(() -> new Conv2d(b, new Rng(2), 3, 4, 3, Conv2dSpec.of(1, 1).withGroups(3)))
                .hasMessageContaining("divisible by groups=3");
    }

    @Test
    void batchNormKeepsRunningStatisticsAsBuffersAndUsesThemInEval() {
        try (Scope s = Scope.open(); BatchNorm2d bn = new BatchNorm2d(b, new Rng(3), 2, Init.normal(1, 0.02))) {
            assertThat(bn.namedParameters().keySet()).containsExactly("weight", "bias");
            assertThat(bn.namedBuffers().keySet()).containsExactly("running_mean", "running_var");
            assertThat(bn.stateDict().keySet()).containsExactly("weight", "bias", "running_mean", "running_var");
            Tensor x = b.tensor(new float[] {1, 3, 5, 7, 2, 2, 2, 2}, 2, 2, 1, 2);   // channel 0: 1,3,2,2; channel 1: 5,7,2,2
            bn.forward(x);
            assertThat(bn.runningMean().toArray()).containsExactly(0.1f * 2f, 0.1f * 4f);
            // unbiased variances: channel 0 (1,3,2,2) = 2/3; channel 1 (5,7,2,2) = 18/3
            assertThat(bn.runningVar().toArray()[0]).isCloseTo(0.9f + 0.1f * 2 / 3f, within(1e-6f));
            assertThat(bn.runningVar().toArray()[1]).isCloseTo(0.9f + 0.1f * 6f, within(1e-6f));
            bn.eval();
            float[] before = bn.runningMean().toArray();
            float y = bn.forward(x).toArray()[0];
            assertThat(bn.runningMean().toArray()).containsExactly(before);
            double expected = (1 - before[0]) / Math.sqrt(bn.runningVar().toArray()[0] + 1e-5) * bn.weight().value().toArray()[0];
            assertThat((double) y).isCloseTo(expected, within(1e-5));
            assertThatThrownBy(() -> bn.forward(b.zeros(2, 2))).hasMessageContaining("expects input [batch, 2, height, width]");
        }
    }

    @Test
    void batchNorm1dTakesFlatFeaturesAndIsFoundInsideModels() {
        try (Scope s = Scope.open(); BatchNorm1d bn = new BatchNorm1d(b, 3)) {
            Tensor y = bn.forward(b.tensor(new float[] {1, 2, 3, 3, 2, 1}, 2, 3));
            assertThat(y.toArray()).containsExactly(new float[] {-1, 0, 1, 1, 0, -1}, within(1e-4f));
            assertThat(BatchNorm.isUsedIn(new Sequential(Activation.relu(), new Sequential(bn)))).isTrue();
            assertThat(BatchNorm.isUsedIn(new Sequential(Activation.relu()))).isFalse();
        }
    }

    @Test
    void flattenAndUnflattenAreInverses() {
        try (Scope s = Scope.open()) {
            Tensor x = b.tensor(new float[24], 2, 12);
            Tensor u = new Unflatten(3, 2, 2).forward(x);
            assertThat(u.shape().dims()).containsExactly(2, 3, 2, 2);
            assertThat(new Flatten().forward(u).shape().dims()).containsExactly(2, 12);
            assertThatThrownBy(() -> new Unflatten(3, 2, 2).forward(b.zeros(2, 10)))
                    .hasMessageContaining("expects input [batch, 12]").hasMessageContaining("[2, 10]");
        }
    }
}
