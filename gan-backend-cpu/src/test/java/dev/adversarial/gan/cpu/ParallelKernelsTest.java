package dev.adversarial.gan.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adversarial.gan.api.BinaryOp;
import dev.adversarial.gan.api.ReduceOp;
import dev.adversarial.gan.api.Shape;
import dev.adversarial.gan.api.Storage;
import dev.adversarial.gan.api.UnaryOp;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Passes large enough to be split over the workers (the contract suite's tensors are too small
 * to reach that path) give the same bits on one thread as on several, with sizes that do not
 * divide evenly. (isEqualTo compares float arrays bit for bit, NaN and -0 included, in linear
 * time; AssertJ's containsExactly is quadratic on arrays this long.)
 */
class ParallelKernelsTest {
    private final CpuKernels one = new CpuKernels(1, 1L << 24);
    private final CpuKernels three = new CpuKernels(3, 1L << 24);
    private final Random random = new Random(17);

    private float[] values(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextInt(10) == 0 ? 0f : (float) random.nextGaussian();
        }
        return v;
    }

    private static float[] on(CpuKernels k, java.util.function.Function<CpuKernels, Storage> op, Shape s) {
        return k.download(op.apply(k), s);
    }

    @Test
    void elementwisePassesAgreeBitForBit() {
        Shape s = Shape.of(3, 100_003);
        float[] a = values(s.size()), b = values(s.size());
        assertThat(s.size()).as("large enough to split in three").isGreaterThan(3 * CpuKernels.PARALLEL_FLOATS);
        for (UnaryOp op : new UnaryOp[] {UnaryOp.RELU, UnaryOp.SIGMOID, UnaryOp.NEG}) {
            assertThat(on(three, k -> k.unary(op, k.upload(a, s), s), s)).as(op.toString())
                    .isEqualTo(on(one, k -> k.unary(op, k.upload(a, s), s), s));
        }
        assertThat(on(three, k -> k.reluGradient(k.upload(a, s), s, k.upload(b, s)), s)).as("reluGradient")
                .isEqualTo(on(one, k -> k.reluGradient(k.upload(a, s), s, k.upload(b, s)), s));
        assertThat(on(three, k -> k.leakyRelu(k.upload(a, s), s, 0.2f), s)).as("leakyRelu")
                .isEqualTo(on(one, k -> k.leakyRelu(k.upload(a, s), s, 0.2f), s));
        assertThat(on(three, k -> k.leakyReluGradient(k.upload(a, s), s, k.upload(b, s), 0.2f), s)).as("leakyReluGradient")
                .isEqualTo(on(one, k -> k.leakyReluGradient(k.upload(a, s), s, k.upload(b, s), 0.2f), s));
        for (BinaryOp op : new BinaryOp[] {BinaryOp.ADD, BinaryOp.MUL, BinaryOp.DIV, BinaryOp.MAX, BinaryOp.GT, BinaryOp.GE,
            BinaryOp.EQ}) {
            assertThat(on(three, k -> k.binary(op, k.upload(a, s), s, k.upload(b, s), s, s), s)).as(op.toString())
                    .isEqualTo(on(one, k -> k.binary(op, k.upload(a, s), s, k.upload(b, s), s, s), s));
            assertThat(on(three, k -> k.binaryScalar(op, k.upload(a, s), s, 0.5f), s)).as(op + " scalar")
                    .isEqualTo(on(one, k -> k.binaryScalar(op, k.upload(a, s), s, 0.5f), s));
        }
    }

    @Test
    void broadcastingAgreesBitForBit() {
        Shape[][] cases = {
            {Shape.of(64, 64, 196), Shape.of(1, 64, 1)}, {Shape.of(1, 64, 1), Shape.of(64, 64, 196)},
            {Shape.of(7, 33, 1001), Shape.of(1, 33, 1)}, {Shape.of(64, 6272, 1), Shape.of(1, 6272, 1)},
            {Shape.of(64, 6272), Shape.of(6272)}, {Shape.of(401, 200, 5), Shape.of(401, 200, 1)},
        };
        for (Shape[] c : cases) {
            Shape as = c[0], bs = c[1], os = Shape.broadcast(as, bs);
            float[] a = values(as.size()), b = values(bs.size());
            assertThat(os.size()).as("large enough to split").isGreaterThan(2 * CpuKernels.PARALLEL_FLOATS);
            for (BinaryOp op : new BinaryOp[] {BinaryOp.ADD, BinaryOp.SUB, BinaryOp.MUL, BinaryOp.DIV, BinaryOp.MAX, BinaryOp.GT}) {
                float[] expected = new float[os.size()];
                Elementwise.binary(op, a, as, b, bs, expected, os);
                assertThat(on(three, k -> k.binary(op, k.upload(a, as), as, k.upload(b, bs), bs, os), os))
                        .as(op + " " + as + " " + bs).isEqualTo(expected);
            }
        }
    }

    @Test
    void maxoutGradientAgreesBitForBit() {
        for (Shape s : new Shape[] {Shape.of(201, 241, 5), Shape.of(37, 5, 2003)}) {
            int axis = 1;
            float[] x = values(s.size());
            Shape r = s.with(axis, 1);
            float[] g = values(r.size());
            float[][] grads = new float[2][];
            int i = 0;
            for (CpuKernels k : new CpuKernels[] {one, three}) {
                Storage xs = k.upload(x, s);
                Storage max = k.reduce(ReduceOp.MAX, xs, s, axis);
                grads[i++] = k.download(k.maxGradient(xs, s, max, k.upload(g, r), axis), s);
            }
            assertThat(grads[1]).as(s.toString()).isEqualTo(grads[0]);
        }
    }

    @Test
    void reductionsOverLeadingAxesAgreeBitForBit() {
        for (Shape s : new Shape[] {Shape.of(200, 1201), Shape.of(7, 300, 97)}) {
            float[] x = values(s.size());
            for (ReduceOp op : ReduceOp.values()) {
                for (int axis = 0; axis < s.rank() - 1; axis++) {
                    int a = axis;
                    Shape r = s.with(a, 1);
                    assertThat(on(three, k -> k.reduce(op, k.upload(x, s), s, a), r)).as(op + " " + s + " axis " + a)
                            .isEqualTo(on(one, k -> k.reduce(op, k.upload(x, s), s, a), r));
                }
            }
        }
    }

    @Test
    void momentumStepAgreesBitForBit() {
        Shape s = Shape.of(1200, 1201);
        float[] p = values(s.size()), v = values(s.size()), g = values(s.size());
        float[][] params = new float[2][], velocities = new float[2][];
        int i = 0;
        for (CpuKernels k : new CpuKernels[] {one, three}) {
            Storage ps = k.upload(p, s), vs = k.upload(v, s);
            k.momentumStep(ps, vs, k.upload(g, s), 0.7f, 0.05f, s);
            params[i] = k.download(ps, s);
            velocities[i++] = k.download(vs, s);
        }
        assertThat(params[1]).isEqualTo(params[0]);
        assertThat(velocities[1]).isEqualTo(velocities[0]);
    }

    @Test
    void adamStepAxpyAndScaleAgreeBitForBit() {
        Shape s = Shape.of(1200, 1201);
        float[] p = values(s.size()), m = values(s.size()), v = values(s.size()), g = values(s.size());
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.abs(v[i]);
        }
        float[][] results = new float[2][];
        int i = 0;
        for (CpuKernels k : new CpuKernels[] {one, three}) {
            Storage ps = k.upload(p, s), ms = k.upload(m, s), vs = k.upload(v, s), gs = k.upload(g, s);
            k.adamStep(ps, ms, vs, gs, 0.5f, 0.999f, 0.002f, 1e-8f, -2e-4f / 0.5f, s);
            k.axpy(ms, -0.3f, gs, s);
            k.scale(vs, 0.7f, s);
            results[i++] = concat(k.download(ps, s), k.download(ms, s), k.download(vs, s));
        }
        assertThat(results[1]).isEqualTo(results[0]);
    }

    private static float[] concat(float[]... parts) {
        float[] out = new float[parts.length * parts[0].length];
        for (int i = 0; i < parts.length; i++) {
            System.arraycopy(parts[i], 0, out, i * parts[0].length, parts[0].length);
        }
        return out;
    }
}
