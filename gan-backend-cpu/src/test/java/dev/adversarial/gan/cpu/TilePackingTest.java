package dev.adversarial.gan.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.adversarial.gan.api.Rng;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The vector kernels' packing (in-register transposes, whole-width stores that overlap) against
 * {@link Packing}'s scalar copies, float for float: packing only moves values, so any difference
 * is a bug. The shapes have m and k that are not multiples of MR or of the vector width, blocks
 * that start inside the matrix (ic, pc ≠ 0), and destination arrays with no room to spare, so
 * the last store's overhang has to be avoided.
 */
class TilePackingTest {
    /** {m, k, ic, mc, pc, kc}: whole and partial panels, k blocks with and without a remainder. */
    private static final int[][] BLOCKS = {
        {150, 256, 0, 150, 0, 256}, {157, 300, 7, 143, 3, 37}, {61, 531, 1, 60, 256, 275},
        {10, 16, 0, 10, 0, 16}, {6, 8, 0, 6, 0, 8}, {33, 49, 5, 27, 17, 32}, {5, 40, 0, 5, 1, 39},
        {200, 1200, 40, 150, 768, 256}, {100, 784, 90, 10, 512, 272},
    };

    private static List<BlockKernel> tileKernels() {
        List<BlockKernel> ks = MatMulTest.vectorKernels();
        assumeThat(ks).as("needs --add-modules jdk.incubator.vector and AVX2 or wider").isNotEmpty();
        return ks;
    }

    private static float[] random(Rng rng, int size) {
        float[] x = new float[size];
        rng.fillUniform(x, -1, 1);
        return x;
    }

    /** An array of exactly {@code size} floats (plus {@code slack}) full of NaN, so unwritten floats show. */
    private static float[] dirty(int size, int slack) {
        float[] x = new float[size + slack];
        Arrays.fill(x, Float.NaN);
        return x;
    }

    @Test
    void packAMatchesThePortablePackingBitForBit() {
        Rng rng = new Rng(5);
        for (BlockKernel kernel : tileKernels()) {
            int mr = kernel.mr();
            for (int[] d : BLOCKS) {
                int m = d[0], k = d[1], ic = d[2], mc = d[3], pc = d[4], kc = d[5];
                int size = (mc + mr - 1) / mr * mr * kc;
                float[] a = random(rng, m * k);
                for (boolean ta : new boolean[] {false, true}) {
                    float[] expected = dirty(size, 0);
                    Packing.packA(mr, a, ta, m, k, ic, mc, pc, kc, expected);
                    // At the start of a buffer of exactly the block, or with room after it; and at an
                    // offset, as in MatMul's shared buffer, where it may write only its overhang past the block.
                    for (int[] at : new int[][] {{0, 0}, {0, 64}, {7, 64}}) {
                        int ao = at[0], slack = at[1];
                        float[] actual = dirty(ao + size, slack);
                        kernel.packA(a, ta, m, k, ic, mc, pc, kc, actual, ao);
                        String what = String.format("%s %s m=%d k=%d ic=%d mc=%d pc=%d kc=%d ta=%s ao=%d slack=%d",
                                kernel.description(), "packA", m, k, ic, mc, pc, kc, ta, ao, slack);
                        assertSameBits(Arrays.copyOfRange(actual, ao, ao + size), expected, what);
                        int end = ao + size + kernel.packAOverhang();
                        for (int i = 0; i < actual.length; i++) {
                            if (i < ao || i >= end) {
                                assertThat(Float.isNaN(actual[i])).as("%s: wrote outside the block at %d", what, i).isTrue();
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void packBMatchesThePortablePackingBitForBit() {
        Rng rng = new Rng(6);
        for (BlockKernel kernel : tileKernels()) {
            int nr = kernel.nr();
            for (int[] d : BLOCKS) {
                // The same shapes read as B: n = m, jc = ic, nc = mc.
                int n = d[0], k = d[1], jc = d[2], nc = d[3], pc = d[4], kc = d[5];
                int size = (nc + nr - 1) / nr * nr * kc;
                float[] b = random(rng, n * k);
                for (boolean tb : new boolean[] {false, true}) {
                    float[] expected = dirty(size, 0), actual = dirty(size, 0);
                    Packing.packB(nr, b, tb, n, k, pc, kc, jc, nc, expected);
                    kernel.packB(b, tb, n, k, pc, kc, jc, nc, actual);
                    String what = String.format("%s packB n=%d k=%d jc=%d nc=%d pc=%d kc=%d tb=%s",
                            kernel.description(), n, k, jc, nc, pc, kc, tb);
                    assertSameBits(actual, expected, what);
                }
            }
        }
    }

    private static void assertSameBits(float[] actual, float[] expected, String what) {
        for (int i = 0; i < expected.length; i++) {
            assertThat(Float.floatToRawIntBits(actual[i])).as("%s, index %d", what, i)
                    .isEqualTo(Float.floatToRawIntBits(expected[i]));
        }
    }
}
