package dev.adversarial.gan.cpu;

import dev.adversarial.gan.api.BinaryOp;
import dev.adversarial.gan.api.Conv2dSpec;
import dev.adversarial.gan.api.Kernels;
import dev.adversarial.gan.api.ReduceOp;
import dev.adversarial.gan.api.Shape;
import dev.adversarial.gan.api.Storage;
import dev.adversarial.gan.api.UnaryOp;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/** The pure-Java kernels: float arrays from a pool, loops, and a blocked multi-threaded matmul. */
final class CpuKernels implements Kernels {
    /**
     * Memory-bound passes over at least twice this many floats are split over the workers: each
     * part then takes long enough (tens of µs) to repay waking a helper. The paper model's
     * maxout gradients, dropout products and optimizer steps qualify; its 100-row ReLU layers
     * do not.
     */
    static final int PARALLEL_FLOATS = 1 << 16;

    private final BufferPool pool;
    private final Workers workers;
    private final MatMul matmul;
    /** Null when -Dgan.cpu.conv=direct asks for the reference loops (for comparisons). */
    private final PackedConvolution conv;
    private final BatchNormKernel batchNorm;

    CpuKernels(int threads, long poolFloats) {
        this.pool = new BufferPool(poolFloats);
        this.workers = new Workers(threads);
        this.matmul = new MatMul(workers, BlockKernel.selected());
        String convPath = System.getProperty("gan.cpu.conv", "packed");
        if (!convPath.equals("packed") && !convPath.equals("direct")) {
            throw new IllegalArgumentException("gan.cpu.conv must be packed (the default) or direct (the reference"
                    + " loops), got " + convPath);
        }
        this.conv = convPath.equals("direct") ? null : new PackedConvolution(matmul, workers, pool);
        this.batchNorm = new BatchNormKernel(workers, pool);
    }

    int threads() {
        return matmul.threads();
    }

    /** Floats the buffer pool holds for reuse; for tests. */
    long pooledFloats() {
        return pool.heldFloats();
    }

    /** A fresh output of n floats that the calling kernel writes in full (see {@link BufferPool}). */
    private CpuStorage alloc(int n) {
        return new CpuStorage(pool.takeForOverwrite(n), pool);
    }

    /** Writes elements [from, to) of an output array. */
    private interface RangeWriter {
        void write(float[] out, int from, int to);
    }

    /**
     * A fresh output of n floats written in full by ranges, split over the workers when the pass
     * is long enough to repay it (see {@link #PARALLEL_FLOATS}): the shape of every one-pass
     * elementwise kernel here.
     */
    private CpuStorage inParallel(int n, RangeWriter writer) {
        return inParallel(n, PARALLEL_FLOATS, writer);
    }

    /** As above, split from {@code 2·minPerPart} floats on, for passes that cost more per value. */
    private CpuStorage inParallel(int n, int minPerPart, RangeWriter writer) {
        CpuStorage o = alloc(n);
        workers.forRange(n, minPerPart, (from, to) -> writer.write(o.data, from, to));
        return o;
    }

    private static float[] f(Storage s) {
        return CpuStorage.of(s);
    }

    /**
     * Which matmul kernel this JVM chose, its register tile, whether {@code -Dgan.cpu.kernel}
     * forced it, and the threads, e.g. "cpu (vector 512-bit 10×32, 2 threads)" or
     * "cpu (vector 256-bit 6×16, forced, 2 threads)": runs record it in their provenance.
     */
    @Override
    public String device() {
        return "cpu (" + matmul.kernel().description() + (BlockKernel.forced() ? ", forced" : "") + ", "
                + threads() + (threads() == 1 ? " thread)" : " threads)");
    }

    @Override
    public Storage upload(float[] data, Shape shape) {
        CpuStorage s = alloc(shape.size());
        System.arraycopy(data, 0, s.data, 0, shape.size());
        return s;
    }

    /**
     * Fills a pooled array in place: dropout masks and noise allocate nothing in steady state. The
     * array is zeroed first, as the default's fresh array is, because {@code fill} is the
     * caller's code and nothing promises it writes every element; if it throws, the array goes
     * straight back to the pool rather than out to anyone.
     */
    @Override
    public Storage generate(Shape shape, Consumer<float[]> fill) {
        CpuStorage s = new CpuStorage(pool.takeZeroed(shape.size()), pool);
        try {
            fill.accept(s.data);
        } catch (RuntimeException | Error e) {
            s.release();
            throw e;
        }
        return s;
    }

    @Override
    public float[] download(Storage x, Shape shape) {
        return Arrays.copyOf(f(x), shape.size());
    }

    @Override
    public Storage full(Shape shape, float value) {
        CpuStorage s = alloc(shape.size());
        Arrays.fill(s.data, value);
        return s;
    }

    @Override
    public Storage unary(UnaryOp op, Storage x, Shape shape) {
        float[] xd = f(x);
        // The functions on Math.exp, log and tanh take ~10-20 ns a value, dozens of times an
        // add: a generator's 64×784 sigmoid output is worth splitting, far below PARALLEL_FLOATS.
        int minPerPart = switch (op) {
            case EXP, LOG, LOG1P, TANH, SIGMOID -> PARALLEL_FLOATS / 16;
            case NEG, ABS, SQRT, RELU -> PARALLEL_FLOATS;
        };
        return inParallel(shape.size(), minPerPart, (out, from, to) -> Elementwise.unary(op, xd, out, from, to));
    }

    @Override
    public Storage binary(BinaryOp op, Storage a, Shape aShape, Storage b, Shape bShape, Shape out) {
        CpuStorage o = alloc(out.size());
        float[] ad = f(a), bd = f(b);
        if (aShape.equals(out) && bShape.equals(out)) {
            workers.forRange(out.size(), PARALLEL_FLOATS, (from, to) -> Elementwise.sameShape(op, ad, bd, o.data, from, to));
        } else {
            Elementwise.binary(op, ad, aShape, bd, bShape, o.data, out, workers);
        }
        return o;
    }

    @Override
    public Storage binaryScalar(BinaryOp op, Storage a, Shape shape, float s) {
        float[] ad = f(a);
        return inParallel(shape.size(), (out, from, to) -> Elementwise.scalar(op, ad, s, out, from, to));
    }

    @Override
    public Storage reduce(ReduceOp op, Storage x, Shape shape, int axis) {
        CpuStorage o = alloc(shape.size() == 0 ? shape.with(axis, 1).size() : shape.size() / shape.dim(axis));
        float[] xd = f(x);
        int inner = ShapeKernels.inner(shape, axis);
        // Which reductions split rows over the workers, per op: sums of long rows do; maxima run
        // on maxout's rows of a few values, faster column-wise on one thread (ShapeKernels).
        boolean rowsInParallel = switch (op) {
            case SUM -> true;
            case MAX -> false;
        };
        if (inner == 1 && rowsInParallel && shape.size() >= 2 * PARALLEL_FLOATS) {
            // Sums along the last axis (batch norm's per-channel statistics): rows split over the workers.
            int len = shape.dim(axis);
            workers.forRange(shape.size() / Math.max(1, len), PARALLEL_FLOATS / Math.max(1, len),
                    (from, to) -> ShapeKernels.sumRows(xd, len, o.data, from, to));
        } else if (inner > 1 && shape.size() >= 2 * PARALLEL_FLOATS) {
            // Sums over the batch (bias gradients): columns split over the workers.
            int perColumn = shape.size() / inner;
            workers.forRange(inner, PARALLEL_FLOATS / perColumn,
                    (from, to) -> ShapeKernels.reduceColumns(op, xd, shape, axis, o.data, from, to));
        } else {
            ShapeKernels.reduce(op, xd, shape, axis, o.data);
        }
        return o;
    }

    @Override
    public Storage maxGradient(Storage x, Shape shape, Storage max, Storage g, int axis) {
        CpuStorage o = alloc(shape.size());
        float[] xd = f(x), md = f(max), gd = f(g);
        int groups = ShapeKernels.outer(shape, axis), perGroup = shape.size() / Math.max(1, groups);
        workers.forRange(groups, PARALLEL_FLOATS / Math.max(1, perGroup),
                (from, to) -> ShapeKernels.maxGradient(xd, shape, axis, md, gd, o.data, from, to));
        return o;
    }

    /** One pass instead of the default's two (G's activations: 0.4–0.8 M values each). */
    @Override
    public Storage reluGradient(Storage x, Shape shape, Storage g) {
        float[] xd = f(x), gd = f(g);
        return inParallel(shape.size(), (out, from, to) -> ElementLoops.SELECTED.reluGradient(xd, gd, out, from, to));
    }

    /** One pass instead of the default's two (D's activations: 0.4–0.8 M values each). */
    @Override
    public Storage leakyRelu(Storage x, Shape shape, float alpha) {
        float[] xd = f(x);
        return inParallel(shape.size(), (out, from, to) -> Elementwise.leakyRelu(xd, alpha, out, from, to));
    }

    /** One pass instead of the default's six. */
    @Override
    public Storage leakyReluGradient(Storage x, Shape shape, Storage g, float alpha) {
        float[] xd = f(x), gd = f(g);
        return inParallel(shape.size(), (out, from, to) -> ElementLoops.SELECTED.leakyReluGradient(xd, gd, alpha, out, from, to));
    }

    @Override
    public BatchNormOutput batchNormForward(Storage x, Shape shape, Storage weight, Storage bias, float eps) {
        return batchNorm.forward(x, shape, weight, bias, eps);
    }

    @Override
    public BatchNormGradients batchNormBackward(Storage g, Storage x, Shape shape, Storage mean, Storage variance,
                                                Storage weight, float eps, boolean input, boolean wantWeight,
                                                boolean wantBias) {
        return batchNorm.backward(g, x, shape, mean, variance, weight, eps, input, wantWeight, wantBias);
    }

    @Override
    public Storage matmul(Storage a, Shape aShape, boolean ta, Storage b, Shape bShape, boolean tb) {
        int m = aShape.dim(ta ? 1 : 0), k = aShape.dim(ta ? 0 : 1), n = bShape.dim(tb ? 0 : 1);
        CpuStorage c = alloc(m * n);
        matmul.multiply(f(a), ta, f(b), tb, c.data, m, n, k);
        return c;
    }

    @Override
    public Storage conv2d(Storage x, Shape xShape, Storage w, Shape wShape, Conv2dSpec spec, Shape out) {
        CpuStorage o = alloc(out.size());
        if (conv != null) {
            conv.conv2d(f(x), xShape, f(w), wShape, spec, o.data, out);
        } else {
            DirectConvolution.conv2d(f(x), xShape, f(w), wShape, spec, o.data, out);
        }
        return o;
    }

    @Override
    public Storage convTranspose2d(Storage x, Shape xShape, Storage w, Shape wShape, Conv2dSpec spec, Shape out) {
        CpuStorage o = alloc(out.size());
        if (conv != null) {
            conv.convTranspose2d(f(x), xShape, f(w), wShape, spec, o.data, out);
        } else {
            DirectConvolution.convTranspose2d(f(x), xShape, f(w), wShape, spec, o.data, out);
        }
        return o;
    }

    @Override
    public Storage conv2dWeight(Storage x, Shape xShape, Storage g, Shape gShape, Conv2dSpec spec, Shape out) {
        CpuStorage o = alloc(out.size());
        if (conv != null) {
            conv.conv2dWeight(f(x), xShape, f(g), gShape, spec, o.data, out);
        } else {
            DirectConvolution.conv2dWeight(f(x), xShape, f(g), gShape, spec, o.data, out);
        }
        return o;
    }

    @Override
    public Storage reshape(Storage x, Shape from, Shape to) {
        return ((CpuStorage) x).share();
    }

    @Override
    public Storage permute(Storage x, Shape shape, int[] perm) {
        CpuStorage o = alloc(shape.size());
        ShapeKernels.permute(f(x), shape, perm, o.data);
        return o;
    }

    @Override
    public Storage slice(Storage x, Shape shape, int axis, int start, int end) {
        CpuStorage o = alloc(shape.with(axis, end - start).size());
        ShapeKernels.slice(f(x), shape, axis, start, end, o.data);
        return o;
    }

    @Override
    public Storage concat(List<Storage> xs, List<Shape> shapes, int axis) {
        int total = 0;
        for (Shape s : shapes) {
            total += s.dim(axis);
        }
        CpuStorage o = alloc(shapes.get(0).with(axis, total).size());
        int offset = 0;
        for (int i = 0; i < xs.size(); i++) {
            ShapeKernels.concatPart(f(xs.get(i)), shapes.get(i), axis, offset, total, o.data);
            offset += shapes.get(i).dim(axis);
        }
        return o;
    }

    @Override
    public Storage broadcast(Storage x, Shape shape, Shape to) {
        CpuStorage o = alloc(to.size());
        ShapeKernels.broadcast(f(x), shape, to, o.data);
        return o;
    }

    /** Split over the workers when large (gradient accumulation into G's 0.6 M-value weight). */
    @Override
    public void axpy(Storage y, float alpha, Storage x, Shape shape) {
        float[] yd = f(y), xd = f(x);
        workers.forRange(shape.size(), PARALLEL_FLOATS, (from, to) -> {
            for (int i = from; i < to; i++) {
                yd[i] += alpha * xd[i];
            }
        });
    }

    @Override
    public void scale(Storage y, float s, Shape shape) {
        float[] yd = f(y);
        workers.forRange(shape.size(), PARALLEL_FLOATS, (from, to) -> {
            for (int i = from; i < to; i++) {
                yd[i] *= s;
            }
        });
    }

    /** One pass instead of three; the same two roundings per element as scale then axpy. */
    @Override
    public void momentumStep(Storage p, Storage v, Storage g, float mu, float lr, Shape shape) {
        float[] pd = f(p), vd = f(v), gd = f(g);
        float alpha = -lr;
        workers.forRange(shape.size(), PARALLEL_FLOATS, (from, to) -> {
            for (int i = from; i < to; i++) {
                float vi = vd[i] * mu;
                vi += alpha * gd[i];
                vd[i] = vi;
                pd[i] += 1f * vi;
            }
        });
    }

    /**
     * Adam's ten passes (and four temporaries) in one, split over the workers: DCGAN's two Adams
     * update about 0.9 M parameters an iteration. Each element is rounded as the passes rounded
     * it: scale, axpy, the square, the division by bc2, the float square root through double,
     * the ε add, the division and the final axpy, in that order.
     */
    @Override
    public void adamStep(Storage p, Storage m, Storage v, Storage g, float beta1, float beta2, float bc2, float epsilon,
                         float step, Shape shape) {
        float[] pd = f(p), md = f(m), vd = f(v), gd = f(g);
        float keep1 = 1 - beta1, keep2 = 1 - beta2;
        workers.forRange(shape.size(), PARALLEL_FLOATS, (from, to) -> {
            for (int i = from; i < to; i++) {
                float gi = gd[i];
                float mi = md[i] * beta1;
                mi += keep1 * gi;
                md[i] = mi;
                float vi = vd[i] * beta2;
                vi += keep2 * (gi * gi);
                vd[i] = vi;
                float denom = (float) Math.sqrt(vi / bc2) + epsilon;
                pd[i] += step * (mi / denom);
            }
        });
    }

    @Override
    public void copy(Storage dst, Storage src, Shape shape) {
        System.arraycopy(f(src), 0, f(dst), 0, shape.size());
    }
}
