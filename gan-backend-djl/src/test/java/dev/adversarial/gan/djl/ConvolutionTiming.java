package dev.adversarial.gan.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.convolutional.Conv2d;
import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Backends;
import dev.adversarial.gan.api.Conv2dSpec;
import dev.adversarial.gan.api.Kernels;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Shape;
import dev.adversarial.gan.api.Storage;
import dev.adversarial.gan.api.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Times the djl backend's three convolution kernels at the 12 calls a DCGAN step on 28×28 MNIST
 * makes (forward, input gradient and weight gradient of G's two transposed convolutions and D's
 * two convolutions, batch 64): the backend's kernel, both routes its transposed convolution
 * chooses between, and the alternatives below (the zero-insertion transposed convolution the
 * backend used before, im2col around one matrix product for the weight gradient). Variants
 * take turns round by round so that load from other processes hits them alike. Prints the
 * median over rounds of wall and CPU milliseconds per call, GFLOP/s (2·MACs over each) and the
 * largest difference from the backend's own result. Not a test; run by hand after
 * {@code ./mvnw -pl gan-backend-djl -am test-compile}, with one libtorch thread so that the
 * CPU time is meaningful:
 * {@code java -Dai.djl.pytorch.num_threads=1 -cp <gan-backend-djl classes and test-classes,
 * gan-api classes, the DJL jars> dev.adversarial.gan.djl.ConvolutionTiming [rounds [block ms]]}
 */
public final class ConvolutionTiming {
    private ConvolutionTiming() {
    }

    private enum Kind { CONV2D, CONV_TRANSPOSE2D, CONV2D_WEIGHT }

    /** One kernel call: its two operands' shapes, the spec and the output shape. */
    private record Call(String name, Kind kind, Shape a, Shape b, Conv2dSpec spec, Shape out) {
        /** 2·MACs of the convolution this call belongs to (its own or the one it is an adjoint of). */
        double flops() {
            return switch (kind) {
                // conv2d: x [N,C,H,W], w [O,C/g,kh,kw] → [N,O,OH,OW]
                case CONV2D -> 2.0 * out.size() * b.dim(1) * b.dim(2) * b.dim(3);
                // the conv mapping out back to a: per element of a, O/g·kh·kw products
                case CONV_TRANSPOSE2D -> 2.0 * a.size() * b.dim(1) * b.dim(2) * b.dim(3);
                // per weight element, N·OH·OW products
                case CONV2D_WEIGHT -> 2.0 * out.size() * b.dim(0) * b.dim(2) * b.dim(3);
            };
        }
    }

    private static List<Call> dcganCalls() {
        Conv2dSpec s2p1 = Conv2dSpec.of(2, 1);
        List<Call> calls = new ArrayList<>();
        // {name, input, output, weight} of each layer; a transposed layer's weight is [in, out, 4, 4].
        layer(calls, "G convT 128→64", true, Shape.of(64, 128, 7, 7), Shape.of(64, 64, 14, 14), s2p1);
        layer(calls, "G convT 64→1", true, Shape.of(64, 64, 14, 14), Shape.of(64, 1, 28, 28), s2p1);
        layer(calls, "D conv 1→64", false, Shape.of(64, 1, 28, 28), Shape.of(64, 64, 14, 14), s2p1);
        layer(calls, "D conv 64→128", false, Shape.of(64, 64, 14, 14), Shape.of(64, 128, 7, 7), s2p1);
        return calls;
    }

    /** The forward, input-gradient and weight-gradient calls of one layer, as gan-api's rules make them. */
    private static void layer(List<Call> calls, String name, boolean transposed, Shape in, Shape out, Conv2dSpec s) {
        if (transposed) {
            Shape w = Shape.of(in.dim(1), out.dim(1), 4, 4);
            calls.add(new Call(name + " forward", Kind.CONV_TRANSPOSE2D, in, w, s, out));
            calls.add(new Call(name + " input grad", Kind.CONV2D, out, w, s, in));
            calls.add(new Call(name + " weight grad", Kind.CONV2D_WEIGHT, out, in, s, w));
        } else {
            Shape w = Shape.of(out.dim(1), in.dim(1), 4, 4);
            calls.add(new Call(name + " forward", Kind.CONV2D, in, w, s, out));
            calls.add(new Call(name + " input grad", Kind.CONV_TRANSPOSE2D, out, w, s, in));
            calls.add(new Call(name + " weight grad", Kind.CONV2D_WEIGHT, in, out, s, w));
        }
    }

    /** One way to compute a call; the first one listed for a kind is the backend's current kernel. */
    private interface Variant {
        Storage compute(Kernels k, Call call, Tensor a, Tensor b);
    }

    private static List<String> variantNames(Kind kind) {
        return switch (kind) {
            case CONV2D -> List.of("torch conv2d");
            case CONV_TRANSPOSE2D -> List.of("kernel (now)", "sub-pixel conv", "gemm+col2im", "zero insertion (before)");
            case CONV2D_WEIGHT -> List.of("dilated conv (now)", "im2col gemm");
        };
    }

    private static Variant variant(Kind kind, int index) {
        if (index == 0) {
            return ConvolutionTiming::current;
        }
        return (k, call, a, b) -> {
            NDArray x = DjlStorage.of(a.storage()), y = DjlStorage.of(b.storage());
            return new DjlStorage(switch (kind) {
                case CONV_TRANSPOSE2D -> switch (index) {
                    case 1 -> DjlConvolutions.subPixel(x, call.a(), y, call.b(), call.spec(), call.out());
                    case 2 -> DjlConvolutions.col2im(x, call.a(), y, call.b(), call.spec(), call.out());
                    default -> ZeroInsertion.convTranspose2d(x, call.a(), y, call.b(), call.spec(), call.out());
                };
                case CONV2D_WEIGHT -> Im2col.conv2dWeight(x, call.a(), y, call.b(), call.spec(), call.out());
                case CONV2D -> throw new IllegalStateException("conv2d has one variant");
            });
        };
    }

    private static Storage current(Kernels k, Call call, Tensor a, Tensor b) {
        return switch (call.kind()) {
            case CONV2D -> k.conv2d(a.storage(), call.a(), b.storage(), call.b(), call.spec(), call.out());
            case CONV_TRANSPOSE2D -> k.convTranspose2d(a.storage(), call.a(), b.storage(), call.b(), call.spec(),
                    call.out());
            case CONV2D_WEIGHT -> k.conv2dWeight(a.storage(), call.a(), b.storage(), call.b(), call.spec(), call.out());
        };
    }

    /** Arguments: rounds (default 7) and milliseconds per timed block (default 500). */
    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        double blockMs = args.length > 1 ? Double.parseDouble(args[1]) : 500;
        Backend backend = Backends.get("djl");
        Kernels k = backend.kernels();
        Rng rng = new Rng(5);
        System.out.printf(Locale.ROOT, "%-28s %-24s %9s %9s %9s %9s %9s%n", "call", "variant", "wall ms", "GFLOP/s",
                "cpu ms", "GFLOP/cpu-s", "max diff");
        for (Call call : dcganCalls()) {
            Tensor a = backend.uniform(rng, -1f, 1f, dims(call.a())).keep();
            Tensor b = backend.uniform(rng, -1f, 1f, dims(call.b())).keep();
            List<String> names = variantNames(call.kind());
            int v = names.size();
            double[][] wall = new double[v][rounds], cpu = new double[v][rounds];
            double[] diff = new double[v];
            int[] reps = new int[v];
            for (int i = 0; i < v; i++) {
                diff[i] = maxDifference(k, call, a, b, variant(call.kind(), i));
                double ms = time(k, call, a, b, variant(call.kind(), i), 1)[0]; // warm-up, and a first estimate
                reps[i] = (int) Math.max(1, Math.round(blockMs / ms));
            }
            for (int r = 0; r < rounds; r++) {
                for (int j = 0; j < v; j++) {
                    int i = (j + r) % v; // a different variant goes first each round
                    double[] t = time(k, call, a, b, variant(call.kind(), i), reps[i]);
                    wall[i][r] = t[0];
                    cpu[i][r] = t[1];
                }
            }
            for (int i = 0; i < v; i++) {
                double w = median(wall[i]), c = median(cpu[i]);
                System.out.printf(Locale.ROOT, "%-28s %-24s %9.2f %9.2f %9.2f %9.2f %9.2e%n", call.name(), names.get(i),
                        w, call.flops() / w / 1e6, c, call.flops() / c / 1e6, diff[i]);
            }
            a.close();
            b.close();
        }
    }

    private static int[] dims(Shape s) {
        int[] d = new int[s.rank()];
        for (int i = 0; i < d.length; i++) {
            d[i] = s.dim(i);
        }
        return d;
    }

    /**
     * Wall and CPU milliseconds per call. The CPU time is the calling thread's, which is all of
     * libtorch's work when it runs one intra-op thread (-Dai.djl.pytorch.num_threads=1): on a
     * machine shared with other jobs it counts the work, not the waiting for a core.
     */
    private static double[] time(Kernels k, Call call, Tensor a, Tensor b, Variant variant, int reps) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime(), wall0 = System.nanoTime();
        for (int i = 0; i < reps; i++) {
            variant.compute(k, call, a, b).release();
        }
        long wall1 = System.nanoTime(), cpu1 = threads.getCurrentThreadCpuTime();
        return new double[] {(wall1 - wall0) / 1e6 / reps, (cpu1 - cpu0) / 1e6 / reps};
    }

    /** The largest difference between a variant's result and the current kernel's. */
    private static double maxDifference(Kernels k, Call call, Tensor a, Tensor b, Variant variant) {
        Storage now = current(k, call, a, b), other = variant.compute(k, call, a, b);
        float[] x = k.download(now, call.out()), y = k.download(other, call.out());
        now.release();
        other.release();
        double max = 0;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, Math.abs(x[i] - y[i]));
        }
        return max;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /**
     * The transposed convolution as DjlConvolutions computed it before (commit 0874a8f), one
     * group only: a stride-1 convolution of the zero-upsampled input with the flipped kernel.
     */
    static final class ZeroInsertion {
        private ZeroInsertion() {
        }

        static NDArray convTranspose2d(NDArray x, Shape xShape, NDArray w, Shape wShape, Conv2dSpec s, Shape out) {
            int c = xShape.dim(1), h = xShape.dim(2), wd = xShape.dim(3), kh = wShape.dim(2), kw = wShape.dim(3);
            int upH = (h - 1) * s.strideH() + 1, upW = (wd - 1) * s.strideW() + 1;
            int top = s.dilationH() * (kh - 1) - s.padH(), left = s.dilationW() * (kw - 1) - s.padW();
            int bottom = out.dim(2) + s.dilationH() * (kh - 1) - upH - top;
            int right = out.dim(3) + s.dilationW() * (kw - 1) - upW - left;
            try (NDArray up = x.getManager().zeros(new ai.djl.ndarray.types.Shape(xShape.dim(0), c, upH, upW))) {
                up.set(new NDIndex(":, :, ::{}, ::{}", s.strideH(), s.strideW()), x);
                try (NDArray padded = up.pad(new ai.djl.ndarray.types.Shape(left, right, top, bottom), 0);
                     NDArray swapped = w.transpose(1, 0, 2, 3);
                     NDArray flipped = swapped.flip(2, 3)) {
                    return Conv2d.conv2d(padded, flipped, null, pair(1, 1), pair(0, 0),
                            pair(s.dilationH(), s.dilationW()), 1).singletonOrThrow();
                }
            }
        }

        private static ai.djl.ndarray.types.Shape pair(int h, int w) {
            return new ai.djl.ndarray.types.Shape(h, w);
        }
    }

    /**
     * The weight gradient as im2col and one matrix product, one group only: g as [O, N·OH·OW]
     * times the kh·kw strided slices of the padded input stacked as [C·kh·kw, N·OH·OW], transposed.
     */
    static final class Im2col {
        private Im2col() {
        }

        static NDArray conv2dWeight(NDArray x, Shape xShape, NDArray g, Shape gShape, Conv2dSpec s, Shape wShape) {
            int n = xShape.dim(0), c = xShape.dim(1), o = gShape.dim(1), oh = gShape.dim(2), ow = gShape.dim(3);
            int kh = wShape.dim(2), kw = wShape.dim(3);
            NDList slices = new NDList(kh * kw);
            try (NDArray channelsFirst = x.transpose(1, 0, 2, 3);
                 NDArray padded = channelsFirst.pad(new ai.djl.ndarray.types.Shape(s.padW(), s.padW(), s.padH(),
                         s.padH()), 0)) {
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++) {
                        int top = i * s.dilationH(), left = j * s.dilationW();
                        slices.add(padded.get(new NDIndex(":, :, {}:{}:{}, {}:{}:{}", top,
                                top + (oh - 1) * s.strideH() + 1, s.strideH(), left,
                                left + (ow - 1) * s.strideW() + 1, s.strideW())));
                    }
                }
                try (NDArray stacked = NDArrays.stack(slices, 1); // [C, kh·kw, N, OH, OW]
                     NDArray cols = stacked.reshape((long) c * kh * kw, (long) n * oh * ow);
                     NDArray colsT = cols.transpose();
                     NDArray gt = g.transpose(1, 0, 2, 3);
                     NDArray rows = gt.reshape(o, (long) n * oh * ow);
                     NDArray dw = rows.matMul(colsT)) {
                    return dw.reshape(o, c, kh, kw);
                }
            } finally {
                slices.close();
            }
        }
    }
}
