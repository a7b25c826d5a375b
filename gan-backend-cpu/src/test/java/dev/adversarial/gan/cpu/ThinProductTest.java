package dev.adversarial.gan.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.adversarial.gan.api.Rng;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link ThinProduct} (m, n or k of 1 on a vector kernel) gives the tile path's bits, raw bits
 * included: for every flag combination, sizes around the vector widths and the DCGAN shapes,
 * operands salted with signed zeros, subnormals, infinities and NaNs, on 1 and 2 threads.
 */
class ThinProductTest {
    private static final int[] SIZES = {1, 2, 7, 8, 15, 17, 33, 64, 65, 300, 6272};
    private static final float[] SPECIAL = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, 1e-39f, -3e-39f, 1e-30f,
        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.MAX_VALUE};

    private static List<BlockKernel> vectorKernels() {
        List<BlockKernel> ks = MatMulTest.vectorKernels();
        assumeThat(ks).as("needs --add-modules jdk.incubator.vector").isNotEmpty();
        return ks;
    }

    /** Uniform in [-1, 1), with one value in {@code every} replaced by a special one. */
    private static float[] operand(Rng rng, int size, int every) {
        float[] x = new float[size];
        rng.fillUniform(x, -1, 1);
        float[] pick = new float[size];
        rng.fillUniform(pick, 0, 1);
        for (int i = 0; i < size; i++) {
            if (every > 0 && pick[i] < 1f / every) {
                x[i] = SPECIAL[(int) (pick[i] * every * SPECIAL.length)];
            }
        }
        return x;
    }

    private static void assertSameRawBits(float[] got, float[] want, String what) {
        for (int i = 0; i < want.length; i++) {
            if (Float.floatToRawIntBits(got[i]) != Float.floatToRawIntBits(want[i])) {
                assertThat(got[i]).as("%s: first difference at %d", what, i).isEqualTo(want[i]);
                assertThat(Float.floatToRawIntBits(got[i])).as("%s: raw bits at %d", what, i)
                        .isEqualTo(Float.floatToRawIntBits(want[i]));
            }
        }
    }

    /** The thin path against the tile path for every flag combination, the output dirty beforehand. */
    private static void compare(BlockKernel kernel, Workers workers, Rng rng, int m, int k, int n, int every) {
        MatMul thin = new MatMul(workers, kernel, true), tiled = new MatMul(workers, kernel, false);
        float[] a = operand(rng, m * k, every), b = operand(rng, k * n, every);
        for (int flags = 0; flags < 4; flags++) {
            boolean ta = (flags & 1) != 0, tb = (flags & 2) != 0;
            float[] got = new float[m * n], want = new float[m * n];
            java.util.Arrays.fill(got, Float.NaN);
            thin.multiply(a, ta, b, tb, got, m, n, k);
            tiled.multiply(a, ta, b, tb, want, m, n, k);
            assertSameRawBits(got, want, String.format("%s, %d threads, %dx%dx%d ta=%s tb=%s, 1 in %d special",
                    kernel.description(), workers.threads(), m, k, n, ta, tb, every));
        }
    }

    @Test
    void thinProductsGiveTheTilePathsBits() {
        Rng rng = new Rng(21);
        for (BlockKernel kernel : vectorKernels()) {
            for (int threads : new int[] {1, 2}) {
                Workers workers = new Workers(threads);
                for (int x : SIZES) {
                    for (int y : SIZES) {
                        if ((long) x * y > 500_000) {
                            continue;
                        }
                        compare(kernel, workers, rng, 1, x, y, 0);
                        compare(kernel, workers, rng, x, 1, y, 0);
                        compare(kernel, workers, rng, x, y, 1, 0);
                    }
                }
            }
        }
    }

    /** Specials spread thinly enough that most outputs stay finite, and densely enough to meet. */
    @Test
    void specialValuesKeepTheirBits() {
        Rng rng = new Rng(22);
        for (BlockKernel kernel : vectorKernels()) {
            Workers workers = new Workers(1);
            for (int every : new int[] {2, 5, 40}) {
                for (int[] d : new int[][] {{64, 6272, 1}, {64, 1, 6272}, {1, 64, 6272}, {17, 33, 1}, {1, 7, 65},
                    {33, 1, 17}, {1, 1, 1}, {7, 1, 1}, {1, 1, 9}}) {
                    compare(kernel, workers, rng, d[0], d[1], d[2], every);
                }
            }
        }
    }

    /** Above the parallel threshold the thin path splits its outputs: still the same bits. */
    @Test
    void largeThinProductsSplitOverThreadsAlike() {
        Rng rng = new Rng(23);
        for (BlockKernel kernel : vectorKernels()) {
            Workers workers = new Workers(2);
            for (int[] d : new int[][] {{1, 2048, 2100}, {2100, 2048, 1}, {2050, 1, 2050}}) {
                assertThat((long) d[0] * d[1] * d[2]).isGreaterThan(MatMul.PARALLEL_THRESHOLD);
                compare(kernel, workers, rng, d[0], d[1], d[2], 1000);
            }
        }
    }
}
