package dev.adversarial.gan.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;
import dev.adversarial.gan.api.BinaryOp;
import dev.adversarial.gan.api.Conv2dSpec;
import dev.adversarial.gan.api.Kernels;
import dev.adversarial.gan.api.ReduceOp;
import dev.adversarial.gan.api.Shape;
import dev.adversarial.gan.api.Storage;
import dev.adversarial.gan.api.UnaryOp;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * The kernels as DJL NDArray operations on one base manager that this object owns, on one
 * device. Every array a kernel makes on the way (transposed views, boolean masks, rank-0
 * scalars) is closed before the kernel returns, so the only array left behind is the one the
 * returned Storage holds.
 *
 * <p>gan-api does all differentiation itself; DJL's gradient recording stays off (PtEngine turns
 * PyTorch's grad mode off when it loads and nothing here turns it on).
 */
final class DjlKernels implements Kernels {
    private static final ai.djl.ndarray.types.Shape RANK_ZERO = new ai.djl.ndarray.types.Shape();

    private final NDManager manager;

    DjlKernels(NDManager manager) {
        this.manager = manager;
    }

    /** Arrays alive on this backend's manager and its sub-managers; for leak tests. */
    int liveArrays() {
        return manager.getManagedArrays().size();
    }

    /** DJL's name for the device, "cpu()" or "gpu(N)", as Device.toString() writes it. */
    @Override
    public String device() {
        return manager.getDevice().toString();
    }

    private static NDArray nd(Storage s) {
        return DjlStorage.of(s);
    }

    private static Storage wrap(NDArray a) {
        return new DjlStorage(a);
    }

    /**
     * A rank-0 float32 array holding s, for the caller to close. DJL's own {@code x.add(2f)}
     * builds its scalar from a freshly allocated direct ByteBuffer and on a GPU copies it over
     * from the host; torch.full does neither.
     */
    private NDArray scalar(float s) {
        return manager.full(RANK_ZERO, s, DataType.FLOAT32);
    }

    private static ai.djl.ndarray.types.Shape djl(Shape s) {
        long[] d = new long[s.rank()];
        for (int i = 0; i < d.length; i++) {
            d[i] = s.dim(i);
        }
        return new ai.djl.ndarray.types.Shape(d);
    }

    @Override
    public Storage upload(float[] data, Shape shape) {
        NDArray staged = manager.create(FloatBuffer.wrap(data, 0, shape.size()), djl(shape));
        if (manager.getDevice().isGpu()) {
            return wrap(staged); // the native side copied the buffer to the device
        }
        // On the CPU PyTorch wraps DJL's direct buffer without copying, and only this Java
        // object keeps the buffer alive: a reshape view of it could outlive it and read freed
        // memory. A clone owns its memory, whoever holds it.
        try (staged) {
            return wrap(staged.duplicate());
        }
    }

    @Override
    public float[] download(Storage x, Shape shape) {
        if (shape.size() == 0) {
            return new float[0];
        }
        NDArray a = nd(x);
        // toFloatArray() copies a GPU array to the host, or a strided one to a contiguous
        // array, and never closes that copy: it stays on the array's manager. Reading through a
        // view that lives on a scratch sub-manager puts those copies there, and closing the
        // scratch manager frees them.
        try (NDManager scratch = manager.newSubManager()) {
            NDArray view = a.reshape(a.getShape());
            view.attach(scratch);
            return view.toFloatArray();
        }
    }

    @Override
    public Storage full(Shape shape, float value) {
        return wrap(manager.full(djl(shape), value, DataType.FLOAT32));
    }

    @Override
    public Storage unary(UnaryOp op, Storage x, Shape shape) {
        NDArray a = nd(x);
        return wrap(switch (op) {
            case NEG -> a.neg();
            case EXP -> a.exp();
            case LOG -> a.log();
            case LOG1P -> log1p(a);
            case ABS -> a.abs();
            case SQRT -> a.sqrt();
            case TANH -> a.tanh();
            // torch.sigmoid saturates to exactly 0 or 1 and never forms inf/inf, so it is stable.
            case SIGMOID -> Activation.sigmoid(a);
            case RELU -> Activation.relu(a);
        });
    }

    /**
     * torch's leaky_relu, one pass instead of two. It computes x &gt; 0 ? x : alpha·x, which
     * agrees with max(x, alpha·x) bit for bit (−0 and NaN included) except where alpha = 0 and
     * x = +∞ (∞ here, NaN there).
     */
    @Override
    public Storage leakyRelu(Storage x, Shape shape, float alpha) {
        return wrap(Activation.leakyRelu(nd(x), alpha));
    }

    /**
     * log(1 + x). DJL has no log1p, and log(1 + x) in float32 loses the low bits of a small x
     * when forming 1 + x. With u = fl(1 + x), x·log(u)/(u − 1) is accurate to a few ulps
     * (Goldberg 1991, Theorem 4): the rounding error of u cancels in the quotient. Where u is
     * exactly 1 the answer is x itself (the quotient would be 0/0), and where u is +∞ so is x.
     */
    private NDArray log1p(NDArray x) {
        try (NDArray one = scalar(1f);
             NDArray infinity = scalar(Float.POSITIVE_INFINITY);
             NDArray u = x.add(one);
             NDArray logU = u.log();
             NDArray uMinusOne = u.sub(one);
             NDArray quotient = logU.div(uMinusOne);
             NDArray general = x.mul(quotient);
             NDArray isOne = u.eq(one);
             NDArray isInfinite = u.eq(infinity);
             NDArray useX = isOne.logicalOr(isInfinite)) {
            return NDArrays.where(useX, x, general);
        }
    }

    @Override
    public Storage binary(BinaryOp op, Storage a, Shape aShape, Storage b, Shape bShape, Shape out) {
        NDArray x = nd(a), y = nd(b);
        // PyTorch broadcasts with NumPy's rules, so the result already has shape `out`.
        return wrap(switch (op) {
            case ADD -> x.add(y);
            case SUB -> x.sub(y);
            case MUL -> x.mul(y);
            case DIV -> x.div(y);
            case POW -> x.pow(y);
            // torch.maximum/minimum propagate NaN, as Math.max/min do in the CPU backend.
            case MAX -> x.maximum(y);
            case MIN -> x.minimum(y);
            case GT -> toFloat(x.gt(y));
            case GE -> toFloat(x.gte(y));
            case LT -> toFloat(x.lt(y));
            case LE -> toFloat(x.lte(y));
            case EQ -> toFloat(x.eq(y));
        });
    }

    @Override
    public Storage binaryScalar(BinaryOp op, Storage a, Shape shape, float s) {
        NDArray x = nd(a);
        try (NDArray k = scalar(s)) {
            return wrap(switch (op) {
                case ADD -> x.add(k);
                case SUB -> x.sub(k);
                case MUL -> x.mul(k);
                case DIV -> x.div(k);
                case POW -> x.pow(k);
                case MAX -> x.maximum(k);
                case MIN -> x.minimum(k);
                case GT -> toFloat(x.gt(k));
                case GE -> toFloat(x.gte(k));
                case LT -> toFloat(x.lt(k));
                case LE -> toFloat(x.lte(k));
                case EQ -> toFloat(x.eq(k));
            });
        }
    }

    /** Comparisons give booleans; the SPI wants float32 1.0 and 0.0. */
    private static NDArray toFloat(NDArray mask) {
        try (mask) {
            return mask.toType(DataType.FLOAT32, false);
        }
    }

    @Override
    public Storage reduce(ReduceOp op, Storage x, Shape shape, int axis) {
        int[] axes = {axis};
        NDArray a = nd(x);
        // keepDims = true: the SPI keeps the reduced axis with size 1. PyTorch's max along a
        // dimension propagates NaN like the CPU backend's Math.max loop; gan-api never asks
        // for MAX over an empty axis, and SUM over one gives zeros as the SPI wants.
        return wrap(switch (op) {
            case SUM -> a.sum(axes, true);
            case MAX -> a.max(axes, true);
        });
    }

    @Override
    public Storage matmul(Storage a, Shape aShape, boolean transposeA, Storage b, Shape bShape, boolean transposeB) {
        NDArray x = nd(a), y = nd(b);
        // Transposed views cost nothing: PyTorch hands their strides to BLAS as transpose flags.
        NDArray left = transposeA ? x.transpose() : x;
        NDArray right = transposeB ? y.transpose() : y;
        try {
            return wrap(left.matMul(right));
        } finally {
            if (transposeA) {
                left.close();
            }
            if (transposeB) {
                right.close();
            }
        }
    }

    @Override
    public Storage conv2d(Storage x, Shape xShape, Storage w, Shape wShape, Conv2dSpec spec, Shape out) {
        return wrap(DjlConvolutions.conv2d(nd(x), nd(w), spec));
    }

    @Override
    public Storage convTranspose2d(Storage x, Shape xShape, Storage w, Shape wShape, Conv2dSpec spec, Shape out) {
        return wrap(DjlConvolutions.convTranspose2d(nd(x), xShape, nd(w), wShape, spec, out));
    }

    @Override
    public Storage conv2dWeight(Storage x, Shape xShape, Storage g, Shape gShape, Conv2dSpec spec, Shape out) {
        return wrap(DjlConvolutions.conv2dWeight(nd(x), xShape, nd(g), gShape, spec, out));
    }

    @Override
    public Storage reshape(Storage x, Shape from, Shape to) {
        // A new handle, a view where PyTorch can make one (the SPI allows sharing memory).
        return wrap(nd(x).reshape(djl(to)));
    }

    // permute, slice and broadcast make views in PyTorch; the SPI lets only reshape share
    // memory (an in-place optimizer step on the input must not show through, and a stride-0
    // broadcast view cannot be written in place at all), so each clones its view and closes it.

    @Override
    public Storage permute(Storage x, Shape shape, int[] perm) {
        try (NDArray view = nd(x).transpose(perm)) {
            return wrap(view.duplicate());
        }
    }

    @Override
    public Storage slice(Storage x, Shape shape, int axis, int start, int end) {
        NDIndex index = new NDIndex().addAllDim(axis).addSliceDim(start, end);
        try (NDArray view = nd(x).get(index)) {
            return wrap(view.duplicate());
        }
    }

    @Override
    public Storage concat(List<Storage> xs, List<Shape> shapes, int axis) {
        // An NDList is only a list here: closing it would close the inputs, so it is not closed.
        NDList parts = new NDList(xs.size());
        for (Storage s : xs) {
            parts.add(nd(s));
        }
        return wrap(NDArrays.concat(parts, axis)); // a single part comes back duplicated
    }

    @Override
    public Storage broadcast(Storage x, Shape shape, Shape to) {
        try (NDArray view = nd(x).broadcast(djl(to))) {
            return wrap(view.duplicate());
        }
    }

    @Override
    public void axpy(Storage y, float alpha, Storage x, Shape shape) {
        // fl(y + fl(alpha·x)): the same two roundings as the CPU backend's loop.
        try (NDArray k = scalar(alpha); NDArray scaled = nd(x).mul(k)) {
            nd(y).addi(scaled);
        }
    }

    @Override
    public void scale(Storage y, float s, Shape shape) {
        try (NDArray k = scalar(s)) {
            nd(y).muli(k);
        }
    }

    @Override
    public void copy(Storage dst, Storage src, Shape shape) {
        // dst[...] = src is torch's index_put_ with an ellipsis, i.e. copy_ into dst's own
        // memory, so reshape views of dst see the new values. An ellipsis also indexes a
        // rank-0 array, which an empty index list would not. (0·dst + src would turn an inf
        // or NaN in dst into NaN.)
        nd(dst).set(new NDIndex("..."), nd(src));
    }
}
