package dev.adversarial.gan.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adversarial.gan.api.Rng;
import org.junit.jupiter.api.Test;

/** Properties of the CPU matmul beyond the shared contract. */
class MatMulTest {
    @Test
    void resultsDoNotDependOnTheNumberOfThreads() {
        Rng rng = new Rng(11);
        int m = 70, k = 300, n = 530; // crosses the KC, NC and MC block edges
        float[] a = new float[m * k], b = new float[k * n];
        rng.fillUniform(a, -1, 1);
        rng.fillUniform(b, -1, 1);
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                float[] one = new float[m * n], two = new float[m * n], three = new float[m * n];
                new MatMul(1).multiply(a, ta, b, tb, one, m, n, k);
                new MatMul(2).multiply(a, ta, b, tb, two, m, n, k);
                new MatMul(3).multiply(a, ta, b, tb, three, m, n, k);
                assertThat(two).containsExactly(one);
                assertThat(three).containsExactly(one);
            }
        }
    }

    @Test
    void overwritesDirtyOutputBuffers() {
        float[] c = {99, 99, 99, 99};
        new MatMul(1).multiply(new float[] {1, 2, 3, 4}, false, new float[] {1, 0, 0, 1}, false, c, 2, 2, 2);
        assertThat(c).containsExactly(1, 2, 3, 4);
        float[] z = {5, 5};
        new MatMul(1).multiply(new float[0], false, new float[0], false, z, 2, 1, 0);
        assertThat(z).containsExactly(0, 0);
    }
}
