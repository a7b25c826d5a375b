package dev.adversarial.gan.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adversarial.gan.api.Rng;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The shared packed A that MatMul's column splits read: every block holds exactly what the
 * kernel packs for it alone, however the blocks are packed (in any order, each next to
 * neighbours packed before or after it), and a new product repacks rather than reuses.
 */
class PackedATest {
    static java.util.stream.Stream<BlockKernel> kernels() {
        return MatMulTest.kernels();
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void everyBlockHoldsWhatTheKernelPacksForIt(BlockKernel kernel) {
        Rng rng = new Rng(17);
        int mcBlock = (144 + kernel.mr() - 1) / kernel.mr() * kernel.mr();
        PackedA shared = new PackedA(kernel, mcBlock);
        // Rows crossing an MC block with a partial tile, k crossing KC with a remainder; then smaller.
        int[][] mk = {{mcBlock + 7, 2 * MatMul.KC + 37}, {13, 300}, {mcBlock + 7, 2 * MatMul.KC + 37}};
        for (int[] d : mk) {
            int m = d[0], k = d[1];
            for (boolean ta : new boolean[] {false, true}) {
                float[] a = new float[m * k];
                rng.fillUniform(a, -1, 1);
                assertThat(shared.open(a, ta, m, k)).isTrue();
                try {
                    List<int[]> blocks = new ArrayList<>();
                    for (int pc = 0; pc < k; pc += MatMul.KC) {
                        for (int ic = 0; ic < m; ic += mcBlock) {
                            blocks.add(new int[] {pc, Math.min(MatMul.KC, k - pc), ic, Math.min(mcBlock, m - ic)});
                        }
                    }
                    Collections.shuffle(blocks, new java.util.Random(m + k));
                    for (int[] b : blocks) {
                        assertThat(shared.block(b[0], b[1], b[2], b[3])).isGreaterThanOrEqualTo(0);
                    }
                    // Checked only once all are packed: a later neighbour must not have written into it.
                    for (int[] b : blocks) {
                        // The tile kernels pad the rows to whole tiles; the scalar kernel packs plain rows.
                        int rows = kernel instanceof ScalarKernel ? b[3] : (b[3] + kernel.mr() - 1) / kernel.mr() * kernel.mr();
                        int size = rows * b[1];
                        float[] alone = new float[mcBlock * MatMul.KC];
                        kernel.packA(a, ta, m, k, b[2], b[3], b[0], b[1], alone, 0);
                        int at = shared.block(b[0], b[1], b[2], b[3]);
                        String what = String.format("%s m=%d k=%d ta=%s block pc=%d ic=%d",
                                kernel.description(), m, k, ta, b[0], b[2]);
                        assertThat(Arrays.mismatch(Arrays.copyOfRange(shared.panels(), at, at + size),
                                Arrays.copyOf(alone, size))).as(what).isEqualTo(-1);
                    }
                } finally {
                    shared.close();
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void oneProductAtATimeAndNoneTooLarge(BlockKernel kernel) {
        PackedA shared = new PackedA(kernel, 144);
        float[] a = new float[100 * 100];
        assertThat(shared.open(a, false, 100, 100)).isTrue();
        assertThat(shared.open(a, false, 100, 100)).as("taken").isFalse();
        shared.close();
        assertThat(shared.open(a, false, 100, 100)).isTrue();
        shared.close();
        int k = PackedA.MAX_FLOATS / 144 + 1;
        assertThat(shared.open(new float[0], false, 144, k)).as("too large").isFalse();
        assertThat(shared.open(a, false, 100, 100)).as("a refusal keeps nothing").isTrue();
        shared.close();
    }
}
