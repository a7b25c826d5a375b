package dev.adversarial.gan.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adversarial.gan.api.Conv2dSpec;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Shape;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The packed convolutions against {@link DirectConvolution}, the reference loops, on random
 * geometries (strides, padding, dilation, groups, non-square and 1×1 kernels, odd sizes), for
 * every matmul kernel this JVM can run; and the thread-count independence MatMul promises.
 */
class PackedConvolutionTest {
    /** A conv2d geometry: input [n,c,h,w], weight [o,c/groups,kh,kw]. */
    record Case(int n, int c, int h, int w, int o, int kh, int kw, Conv2dSpec spec) {
        Shape input() {
            return Shape.of(n, c, h, w);
        }

        Shape weight() {
            return Shape.of(o, c / spec.groups(), kh, kw);
        }

        Shape output() {
            return Shape.of(n, o, spec.convOutH(h, kh), spec.convOutW(w, kw));
        }

        @Override
        public String toString() {
            return input() + " * " + weight() + ", " + spec;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case(3, 4, 9, 9, 6, 4, 4, Conv2dSpec.of(2, 1)),
                new Case(2, 6, 11, 7, 4, 3, 2, new Conv2dSpec(2, 1, 1, 2, 2, 1, 2, 0, 0)),
                new Case(1, 3, 5, 6, 5, 1, 1, Conv2dSpec.defaults()),
                new Case(4, 2, 13, 10, 3, 5, 3, Conv2dSpec.of(3, 0)),
                new Case(2, 6, 8, 9, 9, 3, 3, Conv2dSpec.of(1, 1).withGroups(3).withDilation(2, 2)),
                new Case(5, 1, 12, 12, 8, 4, 4, Conv2dSpec.of(2, 1)),
                new Case(2, 3, 7, 7, 2, 2, 2, new Conv2dSpec(1, 3, 2, 0, 1, 2, 1, 0, 0)),
                new Case(3, 2, 6, 5, 4, 7, 6, Conv2dSpec.of(1, 3)),
                // At least PhasedTranspose.MIN_CHANNELS input channels per group: the transposed
                // convolution runs by stride phases instead of through col2im.
                new Case(2, 9, 9, 9, 5, 4, 4, Conv2dSpec.of(2, 1)),
                // Even sides at stride 2 (the DCGAN's): both x phases of a row written in one loop.
                new Case(2, 9, 10, 12, 5, 4, 4, Conv2dSpec.of(2, 1)),
                new Case(2, 16, 7, 8, 6, 3, 2, new Conv2dSpec(2, 3, 1, 0, 1, 2, 2, 0, 0)),
                new Case(2, 8, 6, 5, 4, 7, 6, Conv2dSpec.of(1, 3)),
                new Case(3, 10, 13, 10, 3, 5, 3, Conv2dSpec.of(3, 0)),
                // Stride above the kernel: some phases have no taps and must come out as zeros.
                new Case(2, 8, 10, 10, 4, 2, 2, Conv2dSpec.of(3, 0)),
                // Few patch rows, many output channels: the weight gradient runs transposed.
                new Case(3, 1, 12, 12, 64, 4, 4, Conv2dSpec.of(2, 1)),
                new Case(2, 2, 9, 8, 96, 1, 2, Conv2dSpec.of(1, 0).withGroups(2)));
    }

    static Stream<BlockKernel> kernels() {
        return MatMulTest.kernels();
    }

    private static float[] random(Rng rng, Shape s) {
        float[] x = new float[s.size()];
        rng.fillUniform(x, -1, 1);
        return x;
    }

    /** Dirty output arrays, as the pool hands them out: every kernel must write every element. */
    private static float[] dirty(Shape s) {
        float[] out = new float[s.size()];
        java.util.Arrays.fill(out, Float.NaN);
        return out;
    }

    private static void assertClose(float[] actual, float[] expected, String what) {
        assertThat(actual).as(what).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            float tolerance = 2e-5f * Math.max(1f, Math.abs(expected[i]));
            assertThat(actual[i]).as("%s at %d", what, i).isCloseTo(expected[i], org.assertj.core.data.Offset.offset(tolerance));
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void allThreeKernelsMatchTheDirectLoops(BlockKernel kernel) {
        Rng rng = new Rng(25);
        // Small chunks too, so that the weight gradient sums across chunks.
        for (int chunkFloats : new int[] {PackedConvolution.CHUNK_FLOATS, 64}) {
            PackedConvolution conv = packed(2, kernel, chunkFloats);
            for (Case k : cases().toList()) {
                String what = k + ", chunks of " + chunkFloats + " floats, " + kernel.description();
                float[] x = random(rng, k.input()), w = random(rng, k.weight()), g = random(rng, k.output());

                float[] expected = new float[k.output().size()], actual = dirty(k.output());
                DirectConvolution.conv2d(x, k.input(), w, k.weight(), k.spec, expected, k.output());
                conv.conv2d(x, k.input(), w, k.weight(), k.spec, actual, k.output());
                assertClose(actual, expected, "conv2d " + what);

                // The transposed convolution maps conv2d's output side back to its input side.
                expected = new float[k.input().size()];
                actual = dirty(k.input());
                DirectConvolution.convTranspose2d(g, k.output(), w, k.weight(), k.spec, expected, k.input());
                conv.convTranspose2d(g, k.output(), w, k.weight(), k.spec, actual, k.input());
                assertClose(actual, expected, "convTranspose2d " + what);

                expected = new float[k.weight().size()];
                actual = dirty(k.weight());
                DirectConvolution.conv2dWeight(x, k.input(), g, k.output(), k.spec, expected, k.weight());
                conv.conv2dWeight(x, k.input(), g, k.output(), k.spec, actual, k.weight());
                assertClose(actual, expected, "conv2dWeight " + what);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void transposedConvolutionsWithOutputPaddingMatchTheDirectLoops(BlockKernel kernel) {
        // The transposed convolution's output one row and column larger than conv2d's input
        // (output padding 1 at stride 2): the last row and column of each phase get fewer taps.
        Rng rng = new Rng(31);
        PackedConvolution conv = packed(2, kernel, PackedConvolution.CHUNK_FLOATS);
        for (Case k : List.of(new Case(2, 9, 9, 9, 5, 4, 4, Conv2dSpec.of(2, 1)),
                new Case(3, 3, 9, 9, 5, 4, 4, Conv2dSpec.of(2, 1)))) {
            Shape big = Shape.of(k.n, k.c, k.h + 1, k.w + 1);
            float[] g = random(rng, k.output()), w = random(rng, k.weight());
            float[] expected = new float[big.size()], actual = dirty(big);
            DirectConvolution.convTranspose2d(g, k.output(), w, k.weight(), k.spec, expected, big);
            conv.convTranspose2d(g, k.output(), w, k.weight(), k.spec, actual, big);
            assertClose(actual, expected, "convTranspose2d to " + big + " " + k + ", " + kernel.description());
        }
    }

    @ParameterizedTest
    @MethodSource("kernels")
    void resultsDoNotDependOnTheNumberOfThreads(BlockKernel kernel) {
        // Large enough that both the copies and the products are split over the workers; the
        // second, an image layer, takes the transposed weight gradient.
        for (Case k : List.of(new Case(16, 16, 14, 14, 32, 4, 4, Conv2dSpec.of(2, 1)),
                new Case(32, 1, 28, 28, 64, 4, 4, Conv2dSpec.of(2, 1)))) {
            assertSameForAnyThreadCount(k, kernel);
        }
    }

    private static void assertSameForAnyThreadCount(Case k, BlockKernel kernel) {
        assertThat((long) k.output().size() * k.c * k.kh * k.kw).isGreaterThan(MatMul.PARALLEL_THRESHOLD);
        Rng rng = new Rng(7);
        float[] x = random(rng, k.input()), w = random(rng, k.weight()), g = random(rng, k.output());
        List<float[]> results = Stream.of(1, 2, 3).map(threads -> {
            PackedConvolution conv = packed(threads, kernel, PackedConvolution.CHUNK_FLOATS);
            float[] y = new float[k.output().size()], gx = new float[k.input().size()], gw = new float[k.weight().size()];
            conv.conv2d(x, k.input(), w, k.weight(), k.spec, y, k.output());
            conv.convTranspose2d(g, k.output(), w, k.weight(), k.spec, gx, k.input());
            conv.conv2dWeight(x, k.input(), g, k.output(), k.spec, gw, k.weight());
            float[] all = new float[y.length + gx.length + gw.length];
            System.arraycopy(y, 0, all, 0, y.length);
            System.arraycopy(gx, 0, all, y.length, gx.length);
            System.arraycopy(gw, 0, all, y.length + gx.length, gw.length);
            return all;
        }).toList();
        assertThat(results.get(1)).isEqualTo(results.get(0));
        assertThat(results.get(2)).isEqualTo(results.get(0));
    }

    @Test
    void anEmptyBatchHasAZeroWeightGradient() {
        Case k = new Case(0, 2, 5, 5, 3, 3, 3, Conv2dSpec.defaults());
        float[] gw = dirty(k.weight());
        packed(2, new ScalarKernel(), PackedConvolution.CHUNK_FLOATS)
                .conv2dWeight(new float[0], k.input(), new float[0], k.output(), k.spec, gw, k.weight());
        assertThat(gw).containsOnly(0f);
    }

    @Test
    void anUnknownConvolutionPathIsRefusedByName() {
        System.setProperty("gan.cpu.conv", "fast");
        try {
            assertThatThrownBy(() -> new CpuKernels(1, 0))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("gan.cpu.conv must be packed (the default) or direct (the reference loops), got fast");
        } finally {
            System.clearProperty("gan.cpu.conv");
        }
    }

    private static PackedConvolution packed(int threads, BlockKernel kernel, int chunkFloats) {
        Workers workers = new Workers(threads);
        return new PackedConvolution(new MatMul(workers, kernel), workers, new BufferPool(1 << 20), chunkFloats);
    }
}
