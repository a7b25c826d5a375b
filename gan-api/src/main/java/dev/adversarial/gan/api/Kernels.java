package dev.adversarial.gan.api;

import java.util.List;
import java.util.function.Consumer;

/**
 * The primitive operations a backend implements. gan-api validates arguments, computes result
 * shapes and records gradients before calling here, so an implementation may assume its
 * inputs are well-formed: shapes match what is stated, axes are normalised, a broadcast is legal.
 * Every method that returns a Storage returns a new handle the caller owns; inputs are never
 * modified except by the in-place methods at the end.
 */
public interface Kernels {
    /** Where the memory lives, e.g. "cpu" or "gpu(0)"; recorded in run provenance. */
    String device();

    Storage upload(float[] data, Shape shape);

    /**
     * A new storage of {@code shape} whose values {@code fill} writes on the host into an array of
     * exactly {@code shape.size()} floats (random draws, which every backend takes from the same
     * host-side Rng). The default fills a temporary array and uploads it; a backend whose
     * storage is a host array overrides this to fill that array in place and allocate nothing.
     */
    default Storage generate(Shape shape, Consumer<float[]> fill) {
        float[] v = new float[shape.size()];
        fill.accept(v);
        return upload(v, shape);
    }

    float[] download(Storage x, Shape shape);

    Storage full(Shape shape, float value);

    Storage unary(UnaryOp op, Storage x, Shape shape);

    /** {@code a op b} with both broadcast to {@code out}. */
    Storage binary(BinaryOp op, Storage a, Shape aShape, Storage b, Shape bShape, Shape out);

    /** {@code a op s} elementwise. */
    Storage binaryScalar(BinaryOp op, Storage a, Shape shape, float s);

    /** Reduces along {@code axis}; the result has that axis with size 1. */
    Storage reduce(ReduceOp op, Storage x, Shape shape, int axis);

    /**
     * The gradient of a max along {@code axis}: each value of {@code g} (x's shape with that axis
     * of size 1) goes to the positions of {@code x} equal to the maximum {@code max} beside it,
     * split equally among ties; every other position gets 0. The default composes it from the
     * primitives above (four passes and three temporaries); a backend may fuse it into one pass.
     */
    default Storage maxGradient(Storage x, Shape shape, Storage max, Storage g, int axis) {
        Shape reduced = shape.with(axis, 1);
        Storage hit = binary(BinaryOp.EQ, x, shape, max, reduced, shape);
        Storage ties = reduce(ReduceOp.SUM, hit, shape, axis);
        Storage share = binary(BinaryOp.DIV, g, reduced, ties, reduced, reduced);
        Storage out = binary(BinaryOp.MUL, hit, shape, share, reduced, shape);
        hit.release();
        ties.release();
        share.release();
        return out;
    }

    /**
     * What {@link #batchNormForward} returns: {@code y} in the input's shape, and the batch mean
     * and biased variance per channel, each [C].
     */
    record BatchNormOutput(Storage y, Storage mean, Storage variance) {
    }

    /** What {@link #batchNormBackward} returns: each gradient, or null where it was not asked for. */
    record BatchNormGradients(Storage input, Storage weight, Storage bias) {
    }

    /**
     * Batch norm's training-mode forward pass over x viewed as {@code shape} = [N, C, P] (channels
     * on axis 1, P the product of the axes after it, 1 for BatchNorm1d): per channel the mean m
     * and biased variance v over the N·P values, then
     * {@code y = (x − m)/√(v + eps)·weight + bias}. {@code weight} and {@code bias} are [C] or
     * null (then 1 and 0). The default composes it from the primitives above in about ten passes;
     * a backend may fuse it into three (sum, sum of squared deviations, output).
     */
    default BatchNormOutput batchNormForward(Storage x, Shape shape, Storage weight, Storage bias, float eps) {
        int c = shape.dim(1);
        Shape stat = Shape.of(1, c, 1), channels = Shape.of(c);
        float perCount = 1f / ((long) shape.dim(0) * shape.dim(2));
        Storage mean = channelMean(x, shape, perCount);
        Storage centred = binary(BinaryOp.SUB, x, shape, mean, stat, shape);
        Storage squares = binary(BinaryOp.MUL, centred, shape, centred, shape, shape);
        Storage var = channelMean(squares, shape, perCount);
        Storage shifted = binaryScalar(BinaryOp.ADD, var, stat, eps);
        Storage std = unary(UnaryOp.SQRT, shifted, stat);
        Storage y = binary(BinaryOp.DIV, centred, shape, std, stat, shape);
        for (Storage t : new Storage[] {squares, shifted, std, centred}) {
            t.release();
        }
        // Per-channel [C] operands are reshaped to [1, C, 1]: a backend may broadcast by the
        // shape its own array carries rather than the one passed.
        if (weight != null) {
            Storage w = reshape(weight, channels, stat);
            Storage scaled = binary(BinaryOp.MUL, y, shape, w, stat, shape);
            w.release();
            y.release();
            y = scaled;
        }
        if (bias != null) {
            Storage b = reshape(bias, channels, stat);
            Storage shiftedY = binary(BinaryOp.ADD, y, shape, b, stat, shape);
            b.release();
            y.release();
            y = shiftedY;
        }
        Storage meanC = reshape(mean, stat, channels), varC = reshape(var, stat, channels);
        mean.release();
        var.release();
        return new BatchNormOutput(y, meanC, varC);
    }

    /**
     * Batch norm's training-mode backward pass: given the output gradient g and the input x, both
     * [N, C, P], the {@code mean} and {@code variance} [C] that {@link #batchNormForward}
     * returned for x, and the same {@code weight} (or null) and eps, with x̂ = (x − m)/√(v + eps)
     * and sums over every axis but the channels:
     * {@code dbias = Σ g}, {@code dweight = Σ g·x̂},
     * {@code dx = weight/√(v + eps)·(g − dbias/(N·P) − x̂·dweight/(N·P))}. Only the gradients asked
     * for are returned. The default composes it from the primitives; a backend may fuse it into
     * two passes (the two sums, then dx).
     */
    default BatchNormGradients batchNormBackward(Storage g, Storage x, Shape shape, Storage mean, Storage variance,
                                                 Storage weight, float eps, boolean input, boolean wantWeight,
                                                 boolean wantBias) {
        int c = shape.dim(1);
        Shape stat = Shape.of(1, c, 1), channels = Shape.of(c);
        float perCount = 1f / ((long) shape.dim(0) * shape.dim(2));
        Storage var = reshape(variance, channels, stat), m = reshape(mean, channels, stat);
        Storage shifted = binaryScalar(BinaryOp.ADD, var, stat, eps);
        Storage std = unary(UnaryOp.SQRT, shifted, stat);
        Storage centred = binary(BinaryOp.SUB, x, shape, m, stat, shape);
        Storage xHat = binary(BinaryOp.DIV, centred, shape, std, stat, shape);
        Storage gx = binary(BinaryOp.MUL, g, shape, xHat, shape, shape);
        Storage sumGx = channelSum(gx, shape), sumG = channelSum(g, shape);
        Storage dx = null;
        if (input) {
            Storage meanG = binaryScalar(BinaryOp.MUL, sumG, stat, perCount);
            Storage meanGx = binaryScalar(BinaryOp.MUL, sumGx, stat, perCount);
            Storage a = binary(BinaryOp.SUB, g, shape, meanG, stat, shape);
            Storage b = binary(BinaryOp.MUL, xHat, shape, meanGx, stat, shape);
            Storage inner = binary(BinaryOp.SUB, a, shape, b, shape, shape);
            Storage w = weight == null ? null : reshape(weight, channels, stat);
            Storage scale = w == null ? std : binary(BinaryOp.DIV, w, stat, std, stat, stat);
            dx = binary(weight == null ? BinaryOp.DIV : BinaryOp.MUL, inner, shape, scale, stat, shape);
            for (Storage t : new Storage[] {meanG, meanGx, a, b, inner}) {
                t.release();
            }
            if (w != null) {
                w.release();
                scale.release();
            }
        }
        Storage dWeight = wantWeight ? reshape(sumGx, stat, channels) : null;
        Storage dBias = wantBias ? reshape(sumG, stat, channels) : null;
        for (Storage t : new Storage[] {var, m, shifted, std, centred, xHat, gx, sumGx, sumG}) {
            t.release();
        }
        return new BatchNormGradients(dx, dWeight, dBias);
    }

    /** Σ over axes 0 and 2 of an [N, C, P] storage, as [1, C, 1]; for the batch-norm defaults. */
    private Storage channelSum(Storage x, Shape shape) {
        Storage rows = reduce(ReduceOp.SUM, x, shape, 2);
        Storage sum = reduce(ReduceOp.SUM, rows, shape.with(2, 1), 0);
        rows.release();
        return sum;
    }

    private Storage channelMean(Storage x, Shape shape, float perCount) {
        Storage sum = channelSum(x, shape);
        Storage mean = binaryScalar(BinaryOp.MUL, sum, Shape.of(1, shape.dim(1), 1), perCount);
        sum.release();
        return mean;
    }

    /**
     * ReLU's gradient for upstream gradient {@code g}: g · [x &gt; 0] (so 0 at x = ±0 and where x
     * is NaN), bit for bit what {@code g.mul(x.gt(0))} gives. The default is that (two passes); a
     * backend may fuse it into one.
     */
    default Storage reluGradient(Storage x, Shape shape, Storage g) {
        Storage mask = binaryScalar(BinaryOp.GT, x, shape, 0f);
        Storage out = binary(BinaryOp.MUL, g, shape, mask, shape, shape);
        mask.release();
        return out;
    }

    /**
     * LeakyReLU, {@code max(x, alpha·x)} elementwise for 0 ≤ alpha ≤ 1, with Math.max's rules: NaN
     * stays NaN, −0 stays −0. The default composes it from two passes; a backend may fuse them.
     */
    default Storage leakyRelu(Storage x, Shape shape, float alpha) {
        Storage scaled = binaryScalar(BinaryOp.MUL, x, shape, alpha);
        Storage out = binary(BinaryOp.MAX, x, shape, scaled, shape, shape);
        scaled.release();
        return out;
    }

    /**
     * The gradient of {@link #leakyRelu} for upstream gradient {@code g}: g · m, where m is what
     * the rule of max(x, alpha·x) with ties going to x gives, that is 1 where x ≥ alpha·x
     * (x = ±0 included), alpha where x &lt; alpha·x, and 0 where either is NaN. For finite g that
     * equals, bit for bit, the composed rule g·[x ≥ αx] + α·(g·[x &lt; αx]). The default composes
     * it (six passes); a backend may fuse it into one.
     */
    default Storage leakyReluGradient(Storage x, Shape shape, Storage g, float alpha) {
        Storage scaled = binaryScalar(BinaryOp.MUL, x, shape, alpha);
        Storage ge = binary(BinaryOp.GE, x, shape, scaled, shape, shape);
        Storage lt = binary(BinaryOp.LT, x, shape, scaled, shape, shape);
        Storage ltAlpha = binaryScalar(BinaryOp.MUL, lt, shape, alpha);
        Storage mask = binary(BinaryOp.ADD, ge, shape, ltAlpha, shape, shape);
        Storage out = binary(BinaryOp.MUL, g, shape, mask, shape, shape);
        for (Storage s : new Storage[] {scaled, ge, lt, ltAlpha, mask}) {
            s.release();
        }
        return out;
    }

    /**
     * Matrix product of two rank-2 tensors, each optionally transposed first:
     * op(a) [m,k] · op(b) [k,n] → [m,n]. Shapes are given before transposition.
     */
    Storage matmul(Storage a, Shape aShape, boolean transposeA, Storage b, Shape bShape, boolean transposeB);

    // Convolutions, NCHW as in PyTorch. Shapes are validated and output shapes computed by gan-api;
    // the three kernels are one linear map and its two adjoints, which is what lets every
    // gradient rule (and the gradient of a gradient) be written with these three alone.

    /**
     * A 2-D cross-correlation without bias: x [N,C,H,W], w [O,C/groups,kh,kw] → [N,O,OH,OW] =
     * {@code out}, with the spec's stride, padding, dilation and groups (its output padding is 0).
     */
    Storage conv2d(Storage x, Shape xShape, Storage w, Shape wShape, Conv2dSpec spec, Shape out);

    /**
     * The adjoint of {@link #conv2d} in its input, which is the transposed convolution:
     * x [N,C,H,W] and w [C,O/groups,kh,kw] → [N,O,OH,OW] = {@code out}, where conv2d with weight w
     * would map [N,O,OH,OW] back to [N,C,H,W]. {@code out} fixes the output size (PyTorch's
     * output padding); positions it leaves out are dropped.
     */
    Storage convTranspose2d(Storage x, Shape xShape, Storage w, Shape wShape, Conv2dSpec spec, Shape out);

    /**
     * The adjoint of {@link #conv2d} in its weight: x [N,C,H,W] and g [N,O,OH,OW] → the
     * weight-shaped [O,C/groups,kh,kw] = {@code out}, the sum over the batch and positions of
     * g times the input patch each output saw.
     */
    Storage conv2dWeight(Storage x, Shape xShape, Storage g, Shape gShape, Conv2dSpec spec, Shape out);

    /** Same elements in a new shape of equal size; may share memory with {@code x}. */
    Storage reshape(Storage x, Shape from, Shape to);

    /** Axis permutation: result axis i is input axis perm[i]. */
    Storage permute(Storage x, Shape shape, int[] perm);

    /** Elements [start, end) along {@code axis}. */
    Storage slice(Storage x, Shape shape, int axis, int start, int end);

    Storage concat(List<Storage> xs, List<Shape> shapes, int axis);

    /** Expands size-1 (or missing leading) dimensions to {@code to}. */
    Storage broadcast(Storage x, Shape shape, Shape to);

    // In-place updates, used by optimizers on parameters and their state; never recorded.

    /** y += alpha · x. */
    void axpy(Storage y, float alpha, Storage x, Shape shape);

    /** y *= s. */
    void scale(Storage y, float s, Shape shape);

    /**
     * SGD's momentum step: v = mu·v − lr·g, then p += v, rounding as {@link #scale} and two
     * {@link #axpy} calls do (which is the default); a backend may fuse the three passes.
     */
    default void momentumStep(Storage p, Storage v, Storage g, float mu, float lr, Shape shape) {
        scale(v, mu, shape);
        axpy(v, -lr, g, shape);
        axpy(p, 1f, v, shape);
    }

    /**
     * Adam's step on parameter p with moments m and v: m = β1·m + (1−β1)·g, v = β2·v + (1−β2)·g²,
     * p += step · m / (√(v / bc2) + ε), where step = −lr / bc1 and bc1, bc2 are the bias
     * corrections. The default is the passes Adam made one by one (scale, axpy and elementwise
     * ops, ten passes and four temporaries); a backend may fuse them if it rounds each element as
     * they do, so that a run resumed from a checkpoint continues identically.
     */
    default void adamStep(Storage p, Storage m, Storage v, Storage g, float beta1, float beta2, float bc2, float epsilon,
                          float step, Shape shape) {
        scale(m, beta1, shape);
        axpy(m, 1 - beta1, g, shape);
        scale(v, beta2, shape);
        Storage g2 = binary(BinaryOp.MUL, g, shape, g, shape, shape);
        axpy(v, 1 - beta2, g2, shape);
        Storage vHat = binaryScalar(BinaryOp.DIV, v, shape, bc2);
        Storage root = unary(UnaryOp.SQRT, vHat, shape);
        Storage denom = binaryScalar(BinaryOp.ADD, root, shape, epsilon);
        Storage update = binary(BinaryOp.DIV, m, shape, denom, shape, shape);
        axpy(p, step, update, shape);
        for (Storage t : new Storage[] {g2, vHat, root, denom, update}) {
            t.release();
        }
    }

    /** dst = src. */
    void copy(Storage dst, Storage src, Shape shape);
}
