package dev.adversarial.gan.eval.linalg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adversarial.gan.api.Rng;
import org.junit.jupiter.api.Test;

class PairwiseProductsTest {
    /** Sparse rows in [0, 1], like MNIST images, so the zero-skipping path is exercised. */
    static float[] sparse(Rng rng, int n, int d, double density) {
        float[] v = new float[n * d];
        for (int i = 0; i < v.length; i++) {
            v[i] = rng.nextDouble() < density ? rng.nextFloat() : 0f;
        }
        return v;
    }

    @Test
    void matchesPlainDoubleDotProductsOverSeveralBlocksAndPanels() {
        Rng rng = new Rng(1);
        // m spans several row blocks, n several column panels, d several coordinate blocks.
        int m = 150, n = 300, d = 300;
        float[] x = sparse(rng, m, d, 0.3), y = sparse(rng, n, d, 0.9);
        double[] got = PairwiseProducts.all(x, m, y, n, d);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double want = 0;
                for (int p = 0; p < d; p++) {
                    want += (double) x[i * d + p] * y[j * d + p];
                }
                assertThat(got[i * n + j]).isCloseTo(want, org.assertj.core.data.Offset.offset(1e-12 * Math.max(1, want)));
            }
        }
    }

    @Test
    void resultDoesNotDependOnTheNumberOfThreads() {
        Rng rng = new Rng(2);
        int m = 200, n = 70, d = 33;
        float[] x = sparse(rng, m, d, 0.5), y = sparse(rng, n, d, 0.5);
        String before = System.getProperty("gan.eval.threads");
        try {
            System.setProperty("gan.eval.threads", "1");
            double[] one = PairwiseProducts.all(x, m, y, n, d);
            System.setProperty("gan.eval.threads", "3");
            double[] three = PairwiseProducts.all(x, m, y, n, d);
            assertThat(three).containsExactly(one);
        } finally {
            if (before == null) {
                System.clearProperty("gan.eval.threads");
            } else {
                System.setProperty("gan.eval.threads", before);
            }
        }
    }

    @Test
    void upperBlocksHoldTheProductsOnAndAboveTheBlockDiagonal() {
        Rng rng = new Rng(3);
        int n = 150, d = 20;
        float[] x = sparse(rng, n, d, 0.6);
        double[] full = PairwiseProducts.all(x, n, x, n, d);
        PairwiseProducts.forEachUpperBlock(x, n, d, (r0, r1, dots) -> {
            for (int i = r0; i < r1; i++) {
                for (int j = i; j < n; j++) {
                    assertThat(dots[(i - r0) * n + j]).isEqualTo(full[i * n + j]);
                }
            }
        });
    }

    @Test
    void squaredNormsAreInDouble() {
        float[] x = {3f, 4f, 0.1f, 0.2f};
        assertThat(PairwiseProducts.squaredNorms(x, 2, 2)).containsExactly(25.0, (double) 0.1f * 0.1f + (double) 0.2f * 0.2f);
    }

    @Test
    void refusesNonFiniteInputsAndMismatchedShapes() {
        assertThatThrownBy(() -> PairwiseProducts.all(new float[] {Float.NaN, 0}, 1, new float[] {1, 1}, 1, 2))
                .hasMessageContaining("NaN").hasMessageContaining("diverged");
        assertThatThrownBy(() -> PairwiseProducts.all(new float[3], 1, new float[2], 1, 2))
                .hasMessageContaining("holds 3 values, not 1 rows of 2");
    }
}
