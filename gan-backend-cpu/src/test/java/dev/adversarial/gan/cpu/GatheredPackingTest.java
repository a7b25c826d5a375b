package dev.adversarial.gan.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.adversarial.gan.api.Rng;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The vector kernels' packing of a gathered B ({@link Packing.Gather}), whose lane groups of
 * contiguous runs are loaded as whole vectors, against {@link Packing#packGathered}'s scalar
 * copies, float for float. The column tables hold runs of 1 to 20 sources at random places,
 * runs that start at src[0] or end at its last float (where a whole-vector load would leave src
 * unless the kernel gathers), a fully contiguous and a stride-2 table, blocks that start inside
 * the table (jc, pc ≠ 0, jc also off the panel grid) and end in a partial panel, and the same
 * tables without their run lengths.
 */
class GatheredPackingTest {
    /** {jc, nc, pc, kc} within n = 300 columns and k = 40 k steps. */
    private static final int[][] BLOCKS = {
        {0, 300, 0, 40}, {0, 256, 3, 1}, {32, 160, 0, 17}, {7, 93, 5, 30}, {64, 236, 39, 1}, {1, 15, 0, 40},
    };
    private static final int N = 300, K = 40;

    private static List<BlockKernel> tileKernels() {
        List<BlockKernel> ks = MatMulTest.vectorKernels();
        assumeThat(ks).as("needs --add-modules jdk.incubator.vector and AVX2 or wider").isNotEmpty();
        return ks;
    }

    @Test
    void packBOfAGatheredOperandMatchesThePortablePackingBitForBit() {
        Rng rng = new Rng(11);
        for (int trial = 0; trial < 40; trial++) {
            int[] nIndex = columns(rng, trial);
            int[] kIndex = new int[K];
            for (int p = 0; p < K; p++) {
                kIndex[p] = rng.nextInt(50);
            }
            // The least sources of both tables at 0 (offset 0) or past an offset, and src ending at the greatest.
            kIndex[rng.nextInt(K)] = 0;
            int offset = trial % 2 == 0 ? 0 : 1 + rng.nextInt(9);
            int size = offset + Arrays.stream(kIndex).max().getAsInt() + Arrays.stream(nIndex).max().getAsInt() + 1;
            float[] src = new float[size];
            rng.fillUniform(src, -1, 1);
            int[] runs = Packing.runLengths(nIndex, N, new int[0]);
            for (int[] gather : new int[][] {runs, null}) {
                check(new Packing.Gather(src, offset, kIndex, nIndex, gather), "trial " + trial);
            }
        }
    }

    private static void check(Packing.Gather b, String what) {
        for (BlockKernel kernel : tileKernels()) {
            int nr = kernel.nr();
            for (int[] d : BLOCKS) {
                int jc = d[0], nc = d[1], pc = d[2], kc = d[3];
                int size = (nc + nr - 1) / nr * nr * kc;
                float[] expected = dirty(size), actual = dirty(size);
                Packing.packGathered(nr, b, pc, kc, jc, nc, expected, 0);
                kernel.packB(b, pc, kc, jc, nc, actual);
                for (int i = 0; i < size; i++) {
                    assertThat(Float.floatToRawIntBits(actual[i]))
                            .as("%s %s runs=%s jc=%d nc=%d pc=%d kc=%d, index %d", what, kernel.description(),
                                    b.nRuns() != null, jc, nc, pc, kc, i)
                            .isEqualTo(Float.floatToRawIntBits(expected[i]));
                }
            }
        }
    }

    /**
     * N column sources: one contiguous run, every other float, or runs of 1..20 (1..max for some
     * trials) at random starts, with a run at 0 and one ending at the greatest source.
     */
    private static int[] columns(Rng rng, int trial) {
        int[] index = new int[N];
        if (trial == 0 || trial == 1) {
            for (int j = 0; j < N; j++) {
                index[j] = trial == 0 ? j : 2 * j;
            }
            return index;
        }
        int longest = trial % 3 == 0 ? 4 + trial % 5 : 20, span = 40 + rng.nextInt(400);
        for (int j = 0; j < N; ) {
            int length = Math.min(N - j, 1 + rng.nextInt(longest)), start = rng.nextInt(span);
            for (int i = 0; i < length; i++) {
                index[j++] = start + i;
            }
        }
        // A run at source 0 somewhere inside a lane group, and the greatest source at a run's end.
        int at = 8 + rng.nextInt(N - 40), length = 2 + rng.nextInt(10);
        for (int i = 0; i < length; i++) {
            index[at + i] = i;
        }
        int last = 20 + rng.nextInt(N - 40);
        for (int i = 0; i < length; i++) {
            index[last + i] = span + 30 - length + i;
        }
        return index;
    }

    /** An array of {@code size} floats full of NaN, so unwritten floats show. */
    private static float[] dirty(int size) {
        float[] x = new float[size];
        Arrays.fill(x, Float.NaN);
        return x;
    }
}
