package dev.adversarial.gan.api.contract;

import dev.adversarial.gan.api.BinaryOp;
import dev.adversarial.gan.api.Conv2dSpec;
import dev.adversarial.gan.api.Kernels;
import dev.adversarial.gan.api.ReduceOp;
import dev.adversarial.gan.api.Shape;
import dev.adversarial.gan.api.Storage;
import dev.adversarial.gan.api.UnaryOp;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * A backend's kernels, unchanged, with a note of every op constant they are asked to dispatch,
 * as "method(CONSTANT)", e.g. "binaryScalar(GE)". The op-coverage test runs the contract's cases
 * on these to see which constants the cases really reach, rather than trusting a list kept by
 * hand beside them. Every method delegates, the default ones too, so the backend's own fused
 * kernels run exactly as in the suite.
 */
final class RecordingKernels implements Kernels {
    private final Kernels inner;
    private final Set<String> dispatched = new TreeSet<>();

    RecordingKernels(Kernels inner) {
        this.inner = inner;
    }

    /** What has been dispatched so far, as "method(CONSTANT)". */
    Set<String> dispatched() {
        return dispatched;
    }

    static String entry(String method, Enum<?> op) {
        return method + "(" + op.name() + ")";
    }

    @Override
    public String device() {
        return inner.device();
    }

    @Override
    public Storage upload(float[] data, Shape shape) {
        return inner.upload(data, shape);
    }

    @Override
    public Storage generate(Shape shape, Consumer<float[]> fill) {
        return inner.generate(shape, fill);
    }

    @Override
    public float[] download(Storage x, Shape shape) {
        return inner.download(x, shape);
    }

    @Override
    public Storage full(Shape shape, float value) {
        return inner.full(shape, value);
    }

    @Override
    public Storage unary(UnaryOp op, Storage x, Shape shape) {
        dispatched.add(entry("unary", op));
        return inner.unary(op, x, shape);
    }

    @Override
    public Storage binary(BinaryOp op, Storage a, Shape aShape, Storage b, Shape bShape, Shape out) {
        dispatched.add(entry("binary", op));
        return inner.binary(op, a, aShape, b, bShape, out);
    }

    @Override
    public Storage binaryScalar(BinaryOp op, Storage a, Shape shape, float s) {
        dispatched.add(entry("binaryScalar", op));
        return inner.binaryScalar(op, a, shape, s);
    }

    @Override
    public Storage reduce(ReduceOp op, Storage x, Shape shape, int axis) {
        dispatched.add(entry("reduce", op));
        return inner.reduce(op, x, shape, axis);
    }

    @Override
    public Storage maxGradient(Storage x, Shape shape, Storage max, Storage g, int axis) {
        return inner.maxGradient(x, shape, max, g, axis);
    }

    @Override
    public BatchNormOutput batchNormForward(Storage x, Shape shape, Storage weight, Storage bias, float eps) {
        return inner.batchNormForward(x, shape, weight, bias, eps);
    }

    @Override
    public BatchNormGradients batchNormBackward(Storage g, Storage x, Shape shape, Storage mean, Storage variance,
                                                Storage weight, float eps, boolean input, boolean wantWeight,
                                                boolean wantBias) {
        return inner.batchNormBackward(g, x, shape, mean, variance, weight, eps, input, wantWeight, wantBias);
    }

    @Override
    public Storage reluGradient(Storage x, Shape shape, Storage g) {
        return inner.reluGradient(x, shape, g);
    }

    @Override
    public Storage leakyRelu(Storage x, Shape shape, float alpha) {
        return inner.leakyRelu(x, shape, alpha);
    }

    @Override
    public Storage leakyReluGradient(Storage x, Shape shape, Storage g, float alpha) {
        return inner.leakyReluGradient(x, shape, g, alpha);
    }

    @Override
    public Storage matmul(Storage a, Shape aShape, boolean transposeA, Storage b, Shape bShape, boolean transposeB) {
        return inner.matmul(a, aShape, transposeA, b, bShape, transposeB);
    }

    @Override
    public Storage conv2d(Storage x, Shape xShape, Storage w, Shape wShape, Conv2dSpec spec, Shape out) {
        return inner.conv2d(x, xShape, w, wShape, spec, out);
    }

    @Override
    public Storage convTranspose2d(Storage x, Shape xShape, Storage w, Shape wShape, Conv2dSpec spec, Shape out) {
        return inner.convTranspose2d(x, xShape, w, wShape, spec, out);
    }

    @Override
    public Storage conv2dWeight(Storage x, Shape xShape, Storage g, Shape gShape, Conv2dSpec spec, Shape out) {
        return inner.conv2dWeight(x, xShape, g, gShape, spec, out);
    }

    @Override
    public Storage reshape(Storage x, Shape from, Shape to) {
        return inner.reshape(x, from, to);
    }

    @Override
    public Storage permute(Storage x, Shape shape, int[] perm) {
        return inner.permute(x, shape, perm);
    }

    @Override
    public Storage slice(Storage x, Shape shape, int axis, int start, int end) {
        return inner.slice(x, shape, axis, start, end);
    }

    @Override
    public Storage concat(List<Storage> xs, List<Shape> shapes, int axis) {
        return inner.concat(xs, shapes, axis);
    }

    @Override
    public Storage broadcast(Storage x, Shape shape, Shape to) {
        return inner.broadcast(x, shape, to);
    }

    @Override
    public void axpy(Storage y, float alpha, Storage x, Shape shape) {
        inner.axpy(y, alpha, x, shape);
    }

    @Override
    public void scale(Storage y, float s, Shape shape) {
        inner.scale(y, s, shape);
    }

    @Override
    public void momentumStep(Storage p, Storage v, Storage g, float mu, float lr, Shape shape) {
        inner.momentumStep(p, v, g, mu, lr, shape);
    }

    @Override
    public void adamStep(Storage p, Storage m, Storage v, Storage g, float beta1, float beta2, float bc2, float epsilon,
                         float step, Shape shape) {
        inner.adamStep(p, m, v, g, beta1, beta2, bc2, epsilon, step, shape);
    }

    @Override
    public void copy(Storage dst, Storage src, Shape shape) {
        inner.copy(dst, src, shape);
    }
}
