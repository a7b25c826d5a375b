package dev.adversarial.gan.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adversarial.gan.api.ReduceOp;
import dev.adversarial.gan.api.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The max reduction and its fused gradient take shortcuts for rows of a few adjacent values
 * (column-at-a-time loops, equality decided on bits). Both must agree exactly with the plain
 * definitions, special values included: ties, −0 against +0, infinities and NaN.
 */
class MaxKernelsTest {
    private static final float[] SPECIAL = {0f, -0f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
        1f, 1f, -1f, Float.MIN_VALUE, -Float.MAX_VALUE};

    /** Rows of small integers (many ties) with special values sprinkled in. */
    private static float[] values(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextInt(6) == 0 ? SPECIAL[r.nextInt(SPECIAL.length)] : r.nextInt(4) - 2;
        }
        return x;
    }

    @Test
    void maxAndItsGradientMatchThePlainDefinitionsAlongEveryAxis() {
        Random r = new Random(11);
        int[][] shapes = {{40, 5}, {7, 6, 5}, {5, 40}, {3, 4, 6}, {1, 1}, {6, 1}};
        for (int[] dims : shapes) {
            Shape s = Shape.of(dims);
            for (int axis = 0; axis < dims.length; axis++) {
                for (int trial = 0; trial < 20; trial++) {
                    float[] x = values(r, s.size());
                    int groups = s.size() / dims[axis];
                    float[] max = new float[groups];
                    ShapeKernels.reduce(ReduceOp.MAX, x, s, axis, max);
                    float[] g = new float[groups];
                    for (int i = 0; i < groups; i++) {
                        g[i] = r.nextInt(7) - 3 + 0.25f;
                    }
                    float[] grad = new float[s.size()];
                    ShapeKernels.maxGradient(x, s, axis, max, g, grad, 0, ShapeKernels.outer(s, axis));
                    String what = s + " axis " + axis;
                    assertThat(max).as("max of " + what).containsExactly(referenceMax(x, dims, axis));
                    assertThat(grad).as("gradient of " + what).containsExactly(referenceGradient(x, dims, axis, max, g));
                }
            }
        }
    }

    /** Offset of element k of group (o, j) where o runs over the axes before, j over those after. */
    private static int at(int[] dims, int axis, int o, int k, int j) {
        int inner = 1;
        for (int i = axis + 1; i < dims.length; i++) {
            inner *= dims[i];
        }
        return (o * dims[axis] + k) * inner + j;
    }

    private static float[] referenceMax(float[] x, int[] dims, int axis) {
        int len = dims[axis], groups = x.length / len, inner = x.length / len;
        for (int i = 0; i < axis; i++) {
            inner /= dims[i];
        }
        float[] out = new float[groups];
        for (int gi = 0; gi < groups; gi++) {
            float m = Float.NEGATIVE_INFINITY;
            for (int k = 0; k < len; k++) {
                m = Math.max(m, x[at(dims, axis, gi / inner, k, gi % inner)]);
            }
            out[gi] = m;
        }
        return out;
    }

    /** The composed rule: hit = (x == max); share = g / Σ hit; hit · share. */
    private static float[] referenceGradient(float[] x, int[] dims, int axis, float[] max, float[] g) {
        int len = dims[axis], inner = x.length / len;
        for (int i = 0; i < axis; i++) {
            inner /= dims[i];
        }
        float[] out = new float[x.length];
        for (int gi = 0; gi < max.length; gi++) {
            float ties = 0;
            for (int k = 0; k < len; k++) {
                ties += x[at(dims, axis, gi / inner, k, gi % inner)] == max[gi] ? 1f : 0f;
            }
            float share = g[gi] / ties;
            for (int k = 0; k < len; k++) {
                int i = at(dims, axis, gi / inner, k, gi % inner);
                out[i] = (x[i] == max[gi] ? 1f : 0f) * share;
            }
        }
        return out;
    }
}
