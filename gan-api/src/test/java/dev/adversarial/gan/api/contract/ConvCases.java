package dev.adversarial.gan.api.contract;

import static dev.adversarial.gan.api.contract.OpCase.Domain.ANY;

import dev.adversarial.gan.api.Conv2dSpec;
import dev.adversarial.gan.api.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Convolution cases for {@link GradCheck}: forward values against {@link ConvRef} and the
 * gradients of input, weight and bias against double-precision finite differences. The shapes
 * cover stride 1 and 2, padding 0 to 2, kernels from 1×1 to 5×5 and non-square, dilation 2,
 * groups 2, batch 1, one and three channels, and odd sizes.
 */
final class ConvCases {
    private ConvCases() {
    }

    private record Geometry(int[] input, int[] weight, Conv2dSpec spec, boolean bias) {
        int outChannels(boolean transposed) {
            return transposed ? weight[1] * spec.groups() : weight[0];
        }
    }

    private static Geometry g(int[] input, int[] weight, Conv2dSpec spec, boolean bias) {
        return new Geometry(input, weight, spec, bias);
    }

    private static int[] s(int... d) {
        return d;
    }

    static List<OpCase> conv2d() {
        List<Geometry> gs = List.of(
            g(s(1, 1, 5, 5), s(2, 1, 3, 3), Conv2dSpec.of(1, 0), false),
            g(s(2, 3, 7, 6), s(4, 3, 3, 3), Conv2dSpec.of(1, 1), true),
            g(s(2, 3, 9, 8), s(2, 3, 4, 4), Conv2dSpec.of(2, 1), true),
            g(s(1, 3, 6, 7), s(3, 3, 1, 1), Conv2dSpec.of(1, 0), true),
            g(s(2, 2, 8, 9), s(2, 2, 5, 5), Conv2dSpec.of(2, 2), false),
            g(s(1, 3, 5, 5), s(2, 3, 5, 5), Conv2dSpec.of(1, 2), true),
            g(s(1, 3, 7, 7), s(2, 3, 3, 2), Conv2dSpec.of(1, 0).withStride(2, 1).withPadding(1, 0), true),
            g(s(1, 1, 7, 11), s(1, 1, 2, 5), Conv2dSpec.of(1, 0).withStride(1, 2).withPadding(0, 2), false),
            g(s(1, 2, 9, 9), s(2, 2, 3, 3), Conv2dSpec.of(1, 2).withDilation(2, 2), true),
            g(s(2, 4, 6, 6), s(6, 2, 3, 3), Conv2dSpec.of(1, 1).withGroups(2), true),
            g(s(1, 4, 7, 5), s(4, 2, 3, 3), Conv2dSpec.of(2, 1).withGroups(2).withDilation(1, 2), false));
        List<OpCase> cases = new ArrayList<>();
        for (Geometry q : gs) {
            cases.add(op("conv2d", q, false));
        }
        return cases;
    }

    static List<OpCase> convTranspose2d() {
        List<Geometry> gs = List.of(
            g(s(1, 1, 3, 3), s(1, 2, 3, 3), Conv2dSpec.of(1, 0), false),
            g(s(2, 3, 4, 4), s(3, 2, 4, 4), Conv2dSpec.of(2, 1), true),
            g(s(1, 2, 3, 5), s(2, 3, 3, 3), Conv2dSpec.of(2, 1).withOutputPadding(1, 1), true),
            g(s(1, 3, 5, 5), s(3, 2, 1, 1), Conv2dSpec.of(1, 0), true),
            g(s(1, 1, 4, 3), s(1, 1, 5, 5), Conv2dSpec.of(2, 2), false),
            g(s(2, 4, 3, 3), s(4, 3, 3, 3), Conv2dSpec.of(2, 0).withGroups(2), true),
            g(s(1, 2, 4, 4), s(2, 2, 3, 3), Conv2dSpec.of(1, 1).withDilation(2, 2), false),
            g(s(1, 1, 3, 3), s(1, 1, 3, 3), Conv2dSpec.of(1, 0).withDilation(2, 2).withOutputPadding(1, 1), true),
            g(s(1, 3, 3, 4), s(3, 1, 2, 5), Conv2dSpec.of(1, 0).withStride(2, 1).withPadding(0, 2), true));
        List<OpCase> cases = new ArrayList<>();
        for (Geometry q : gs) {
            cases.add(op("convTranspose2d", q, true));
        }
        return cases;
    }

    private static OpCase op(String name, Geometry q, boolean transposed) {
        int[][] shapes = q.bias() ? new int[][] {q.input(), q.weight(), {q.outChannels(transposed)}}
                : new int[][] {q.input(), q.weight()};
        Conv2dSpec spec = q.spec();
        return OpCase.of(name + "(" + spec + ")", shapes, ANY,
                t -> transposed ? t[0].convTranspose2d(t[1], q.bias() ? t[2] : null, spec)
                        : t[0].conv2d(t[1], q.bias() ? t[2] : null, spec),
                r -> transposed ? ConvRef.convTranspose2d(r[0], r[1], q.bias() ? r[2] : null, spec)
                        : ConvRef.conv2d(r[0], r[1], q.bias() ? r[2] : null, spec));
    }

    /** A layer stack's output, for the second-derivative check: conv → activation → conv. */
    static Tensor stack(Tensor x, Tensor w1, Tensor w2, boolean smooth) {
        Tensor h = x.conv2d(w1, null, Conv2dSpec.of(2, 1));
        h = smooth ? h.tanh() : h.leakyRelu(0.2f);
        return h.conv2d(w2, null, Conv2dSpec.of(1, 1));
    }
}
