package dev.adversarial.gan.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A float32, row-major tensor with an immutable shape, living on one backend.
 *
 * <p>Operations return new tensors and never change their inputs. While a {@link GradientTape}
 * is open, an operation on a tensor that requires a gradient is recorded so that
 * {@link GradientTape#backward} can differentiate it; the gradient rules are in
 * {@link Gradients}. A tensor created inside a {@link Scope} is freed when the scope closes
 * unless {@link #keep()} was called. The in-place methods at the end exist for optimizers and
 * are never recorded.
 */
public final class Tensor implements AutoCloseable {
    private final Backend backend;
    private final Shape shape;
    private Storage storage;
    private boolean requiresGrad;
    Scope owner;
    Parameter parameter;

    Tensor(Backend backend, Shape shape, Storage storage) {
        this.backend = backend;
        this.shape = shape;
        this.storage = storage;
        Scope.adopt(this);
    }

    // ---- identity and data ------------------------------------------------------------------

    public Shape shape() {
        return shape;
    }

    public int size() {
        return shape.size();
    }

    public int rank() {
        return shape.rank();
    }

    public Backend backend() {
        return backend;
    }

    /** The backend's handle; for backend implementations and tests only. */
    public Storage storage() {
        if (storage == null) {
            throw new IllegalStateException("This tensor " + shape + " was freed (closed directly or by its"
                    + " Scope); call keep() on tensors that must outlive the scope they were made in");
        }
        return storage;
    }

    public boolean isClosed() {
        return storage == null;
    }

    public float[] toArray() {
        return kernels().download(storage(), shape);
    }

    /** The single value of a tensor with one element. */
    public float item() {
        if (shape.size() != 1) {
            throw new IllegalStateException("item() needs a tensor with one element, got shape " + shape);
        }
        return toArray()[0];
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** Marks a leaf tensor as one whose gradient a tape should compute. Returns this. */
    public Tensor requiresGrad(boolean value) {
        this.requiresGrad = value;
        return this;
    }

    /** Detaches this tensor from its scope: it lives until closed explicitly. Returns this. */
    public Tensor keep() {
        owner = null;
        return this;
    }

    /** The same values, cut off from the recorded graph (shares memory where the backend can). */
    public Tensor detach() {
        return new Tensor(backend, shape, kernels().reshape(storage(), shape, shape));
    }

    /** Frees the storage now. Idempotent. */
    @Override
    public void close() {
        if (storage != null) {
            storage.release();
            storage = null;
        }
    }

    // ---- elementwise ------------------------------------------------------------------------

    public Tensor add(Tensor o) { return binary(BinaryOp.ADD, o); }
    public Tensor sub(Tensor o) { return binary(BinaryOp.SUB, o); }
    public Tensor mul(Tensor o) { return binary(BinaryOp.MUL, o); }
    public Tensor div(Tensor o) { return binary(BinaryOp.DIV, o); }
    public Tensor pow(Tensor o) { return binary(BinaryOp.POW, o); }
    public Tensor maximum(Tensor o) { return binary(BinaryOp.MAX, o); }
    public Tensor minimum(Tensor o) { return binary(BinaryOp.MIN, o); }
    public Tensor gt(Tensor o) { return binary(BinaryOp.GT, o); }
    public Tensor ge(Tensor o) { return binary(BinaryOp.GE, o); }
    public Tensor lt(Tensor o) { return binary(BinaryOp.LT, o); }
    public Tensor le(Tensor o) { return binary(BinaryOp.LE, o); }
    public Tensor eq(Tensor o) { return binary(BinaryOp.EQ, o); }

    public Tensor add(float s) { return scalar(BinaryOp.ADD, s); }
    public Tensor sub(float s) { return scalar(BinaryOp.SUB, s); }
    public Tensor mul(float s) { return scalar(BinaryOp.MUL, s); }
    public Tensor div(float s) { return scalar(BinaryOp.DIV, s); }
    public Tensor pow(float s) { return scalar(BinaryOp.POW, s); }
    public Tensor maximum(float s) { return scalar(BinaryOp.MAX, s); }
    public Tensor minimum(float s) { return scalar(BinaryOp.MIN, s); }
    public Tensor gt(float s) { return scalar(BinaryOp.GT, s); }
    public Tensor ge(float s) { return scalar(BinaryOp.GE, s); }
    public Tensor lt(float s) { return scalar(BinaryOp.LT, s); }
    public Tensor le(float s) { return scalar(BinaryOp.LE, s); }
    public Tensor eq(float s) { return scalar(BinaryOp.EQ, s); }

    public Tensor neg() { return unary(UnaryOp.NEG); }
    public Tensor exp() { return unary(UnaryOp.EXP); }
    public Tensor log() { return unary(UnaryOp.LOG); }
    public Tensor log1p() { return unary(UnaryOp.LOG1P); }
    public Tensor abs() { return unary(UnaryOp.ABS); }
    public Tensor sqrt() { return unary(UnaryOp.SQRT); }
    public Tensor tanh() { return unary(UnaryOp.TANH); }
    public Tensor sigmoid() { return unary(UnaryOp.SIGMOID); }
    public Tensor relu() { return unary(UnaryOp.RELU); }

    /** {@code s - this}. */
    public Tensor rsub(float s) { return neg().add(s); }

    public Tensor square() { return mul(this); }

    /**
     * max(x, alpha·x) for 0 ≤ alpha ≤ 1, one op (see {@link Kernels#leakyRelu}); values and
     * gradients are those of {@code maximum(mul(alpha))}, with ties (x = 0) going to x.
     */
    public Tensor leakyRelu(float alpha) {
        if (!(alpha >= 0f && alpha <= 1f)) {
            throw new IllegalArgumentException("leakyRelu needs 0 <= alpha <= 1, got " + alpha);
        }
        Tensor out = make(shape, kernels().leakyRelu(storage(), shape, alpha));
        return Autograd.record(out, Gradients.leakyRelu(this, alpha), this);
    }

    /** log(1 + e^x), computed as max(x,0) + log1p(e^-|x|) so that it never overflows. */
    public Tensor softplus() {
        return relu().add(abs().neg().exp().log1p());
    }

    /** log σ(x) = -softplus(-x), finite for every finite x. */
    public Tensor logSigmoid() {
        return neg().softplus().neg();
    }

    // ---- reductions -------------------------------------------------------------------------

    /** Sum of all elements, as a scalar. */
    public Tensor sum() {
        return reshape(shape.size()).sum(0, false);
    }

    public Tensor sum(int axis, boolean keepDims) {
        return reduce(ReduceOp.SUM, axis, keepDims);
    }

    public Tensor mean() {
        requireNonEmpty("mean");
        return sum().mul(1f / shape.size());
    }

    public Tensor mean(int axis, boolean keepDims) {
        int n = shape.dim(axis);
        if (n == 0) {
            throw new IllegalArgumentException("mean along axis " + axis + " of an empty axis in shape " + shape);
        }
        return sum(axis, keepDims).mul(1f / n);
    }

    /** Maximum along an axis (ties share the gradient equally). */
    public Tensor max(int axis, boolean keepDims) {
        return reduce(ReduceOp.MAX, axis, keepDims);
    }

    // ---- linear algebra and shape -----------------------------------------------------------

    public Tensor matmul(Tensor o) {
        return matmul(o, false, false);
    }

    /** op(this) · op(o) for rank-2 tensors, where op transposes when asked, without copying. */
    public Tensor matmul(Tensor o, boolean transposeThis, boolean transposeOther) {
        sameBackend(o);
        if (rank() != 2 || o.rank() != 2) {
            throw new IllegalArgumentException("matmul needs two rank-2 tensors, got shapes " + shape + " and " + o.shape);
        }
        int m = shape.dim(transposeThis ? 1 : 0), k = shape.dim(transposeThis ? 0 : 1);
        int k2 = o.shape.dim(transposeOther ? 1 : 0), n = o.shape.dim(transposeOther ? 0 : 1);
        if (k != k2) {
            throw new IllegalArgumentException("matmul shapes " + shape + (transposeThis ? "ᵀ" : "") + " and "
                    + o.shape + (transposeOther ? "ᵀ" : "") + " do not agree: inner dimensions " + k + " and " + k2);
        }
        Tensor out = make(Shape.of(m, n), kernels().matmul(storage(), shape, transposeThis, o.storage(), o.shape, transposeOther));
        return Autograd.record(out, Gradients.matmul(this, o, transposeThis, transposeOther), this, o);
    }

    /**
     * PyTorch's conv2d in NCHW: this [N,C,H,W], weight [O,C/groups,kh,kw], bias [O] or null →
     * [N,O,OH,OW]. Differentiable to any order in input and weight.
     */
    public Tensor conv2d(Tensor weight, Tensor bias, Conv2dSpec spec) {
        return Convolutions.conv2d(this, weight, bias, spec);
    }

    /** PyTorch's conv_transpose2d: this [N,C,H,W], weight [C,O/groups,kh,kw], bias [O] or null. */
    public Tensor convTranspose2d(Tensor weight, Tensor bias, Conv2dSpec spec) {
        return Convolutions.convTranspose2d(this, weight, bias, spec);
    }

    /** Same elements, new shape; one dimension may be -1 and is then inferred. */
    public Tensor reshape(int... dims) {
        Shape to = inferShape(dims);
        if (to.equals(shape)) {
            return this;
        }
        Tensor out = make(to, kernels().reshape(storage(), shape, to));
        return Autograd.record(out, Gradients.reshape(shape), this);
    }

    /** Swaps the two axes of a rank-2 tensor. */
    public Tensor transpose() {
        if (rank() != 2) {
            throw new IllegalArgumentException("transpose() needs rank 2, got shape " + shape + "; use permute(...)");
        }
        return permute(1, 0);
    }

    public Tensor permute(int... perm) {
        int[] p = checkPermutation(perm);
        int[] d = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            d[i] = shape.dim(p[i]);
        }
        Tensor out = make(Shape.of(d), kernels().permute(storage(), shape, p));
        return Autograd.record(out, Gradients.permute(p), this);
    }

    /** Elements [start, end) along {@code axis}. */
    public Tensor slice(int axis, int start, int end) {
        int a = shape.normalizeAxis(axis);
        if (start < 0 || end > shape.dim(a) || start > end) {
            throw new IllegalArgumentException("slice [" + start + ", " + end + ") is out of range for axis " + axis
                    + " of shape " + shape);
        }
        Tensor out = make(shape.with(a, end - start), kernels().slice(storage(), shape, a, start, end));
        return Autograd.record(out, Gradients.slice(shape, a, start), this);
    }

    /** Joins tensors along an existing axis; all other dimensions must agree. */
    public static Tensor concat(List<Tensor> parts, int axis) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("concat needs at least one tensor");
        }
        Tensor first = parts.get(0);
        int a = first.shape.normalizeAxis(axis);
        int total = 0;
        List<Storage> storages = new ArrayList<>(parts.size());
        List<Shape> shapes = new ArrayList<>(parts.size());
        for (Tensor t : parts) {
            first.sameBackend(t);
            if (t.rank() != first.rank() || !t.shape.with(a, 0).equals(first.shape.with(a, 0))) {
                throw new IllegalArgumentException("concat along axis " + axis + " needs equal other dimensions, got shapes "
                        + first.shape + " and " + t.shape);
            }
            total += t.shape.dim(a);
            storages.add(t.storage());
            shapes.add(t.shape);
        }
        Tensor out = first.make(first.shape.with(a, total), first.kernels().concat(storages, shapes, a));
        return Autograd.record(out, Gradients.concat(shapes, a), parts.toArray(new Tensor[0]));
    }

    public Tensor broadcastTo(Shape to) {
        if (!shape.broadcastsTo(to)) {
            throw new IllegalArgumentException("Cannot broadcast shape " + shape + " to " + to);
        }
        if (to.equals(shape)) {
            return this;
        }
        Tensor out = make(to, kernels().broadcast(storage(), shape, to));
        return Autograd.record(out, Gradients.broadcast(shape), this);
    }

    // ---- in place, for optimizers; never recorded -------------------------------------------

    /** this += alpha · x (same shape). */
    public void addInPlace(Tensor x, float alpha) {
        checkInPlace(x);
        kernels().axpy(storage(), alpha, x.storage(), shape);
    }

    public void mulInPlace(float s) {
        checkInPlace(this);
        kernels().scale(storage(), s, shape);
    }

    /**
     * SGD's momentum step with this tensor as the parameter, in pylearn2's form:
     * {@code velocity = mu·velocity − lr·g; this += velocity}. The same arithmetic as
     * {@code velocity.mulInPlace(mu); velocity.addInPlace(g, -lr); addInPlace(velocity, 1)}, bit
     * for bit, in one pass over the three tensors where the backend fuses it.
     */
    public void momentumStepInPlace(Tensor velocity, Tensor g, float mu, float lr) {
        checkInPlace(velocity);
        checkInPlace(g);
        kernels().momentumStep(storage(), velocity.storage(), g.storage(), mu, lr, shape);
    }

    /**
     * Adam's step with this tensor as the parameter and m, v its moments (see
     * {@link Kernels#adamStep}): {@code step} is −lr / bc1, {@code bc2} the second moment's bias
     * correction. Rounds as Adam's separate passes did, in one pass where the backend fuses it.
     */
    public void adamStepInPlace(Tensor m, Tensor v, Tensor g, float beta1, float beta2, float bc2, float epsilon,
                                float step) {
        checkInPlace(m);
        checkInPlace(v);
        checkInPlace(g);
        kernels().adamStep(storage(), m.storage(), v.storage(), g.storage(), beta1, beta2, bc2, epsilon, step, shape);
    }

    /** Copies values from {@code src}, which must have this tensor's shape. */
    public void assign(Tensor src) {
        checkInPlace(src);
        kernels().copy(storage(), src.storage(), shape);
    }

    @Override
    public String toString() {
        if (storage == null) {
            return "Tensor" + shape + "(freed)";
        }
        float[] v = toArray();
        String body = v.length <= 8 ? Arrays.toString(v) : Arrays.toString(Arrays.copyOf(v, 8)).replace("]", ", ...]");
        return "Tensor" + shape + body + "@" + backend.name();
    }

    // ---- plumbing ---------------------------------------------------------------------------

    Kernels kernels() {
        return backend.kernels();
    }

    Tensor make(Shape s, Storage st) {
        return new Tensor(backend, s, st);
    }

    private Tensor unary(UnaryOp op) {
        Tensor out = make(shape, kernels().unary(op, storage(), shape));
        return Autograd.record(out, Gradients.unary(op, this, out), this);
    }

    private Tensor binary(BinaryOp op, Tensor o) {
        sameBackend(o);
        Shape s = Shape.broadcast(shape, o.shape);
        Tensor out = make(s, kernels().binary(op, storage(), shape, o.storage(), o.shape, s));
        if (op.isComparison()) {
            return out;
        }
        return Autograd.record(out, Gradients.binary(op, this, o, out), this, o);
    }

    private Tensor scalar(BinaryOp op, float s) {
        Tensor out = make(shape, kernels().binaryScalar(op, storage(), shape, s));
        if (op.isComparison()) {
            return out;
        }
        return Autograd.record(out, Gradients.scalar(op, this, s, out), this);
    }

    private Tensor reduce(ReduceOp op, int axis, boolean keepDims) {
        int a = shape.normalizeAxis(axis);
        // A reduction without an identity element has no value over an empty axis.
        boolean hasIdentity = switch (op) {
            case SUM -> true;
            case MAX -> false;
        };
        if (!hasIdentity && shape.dim(a) == 0) {
            throw new IllegalArgumentException(op.name().toLowerCase(java.util.Locale.ROOT) + " along axis " + axis
                    + " of an empty axis in shape " + shape);
        }
        Tensor out = make(shape.with(a, 1), kernels().reduce(op, storage(), shape, a));
        out = Autograd.record(out, Gradients.reduce(op, this, out, a), this);
        return keepDims ? out : out.reshape(shape.without(a).dims());
    }

    /** The max gradient rule's fused form (see {@link Kernels#maxGradient}); not recorded. */
    Tensor maxGradient(Tensor max, Tensor g, int axis) {
        return make(shape, kernels().maxGradient(storage(), shape, max.storage(), g.storage(), axis));
    }

    /** The relu gradient rule's fused form (see {@link Kernels#reluGradient}); not recorded. */
    Tensor reluGradient(Tensor g) {
        return make(shape, kernels().reluGradient(storage(), shape, g.storage()));
    }

    /** The leakyRelu gradient rule's fused form (see {@link Kernels#leakyReluGradient}); not recorded. */
    Tensor leakyReluGradient(Tensor g, float alpha) {
        return make(shape, kernels().leakyReluGradient(storage(), shape, g.storage(), alpha));
    }

    void sameBackend(Tensor o) {
        if (o.backend != backend) {
            throw new IllegalArgumentException("Tensors from different backends (" + backend.name() + " and "
                    + o.backend.name() + ") cannot be combined; copy one over with Backend.copyOf(tensor)");
        }
    }

    private void checkInPlace(Tensor src) {
        sameBackend(src);
        if (!src.shape.equals(shape)) {
            throw new IllegalArgumentException("In-place update needs equal shapes, got " + shape + " and " + src.shape);
        }
        if (Autograd.isRecording() && requiresGrad && parameter == null) {
            throw new IllegalStateException("In-place update of a tensor " + shape + " that a GradientTape may have"
                    + " recorded would corrupt its gradients; update it outside the tape");
        }
    }

    private void requireNonEmpty(String what) {
        if (shape.size() == 0) {
            throw new IllegalArgumentException(what + " of an empty tensor " + shape);
        }
    }

    private Shape inferShape(int[] dims) {
        int infer = -1;
        long known = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("reshape " + Arrays.toString(dims) + ": only one dimension may be -1");
                }
                infer = i;
            } else {
                known *= dims[i];
            }
        }
        int[] d = dims.clone();
        if (infer >= 0 && known > 0 && shape.size() % known == 0) {
            d[infer] = (int) (shape.size() / known);
        }
        Shape to = Shape.of(d);
        if (to.size() != shape.size() || (infer >= 0 && d[infer] == -1)) {
            throw new IllegalArgumentException("Cannot reshape " + shape + " (" + shape.size() + " elements) to "
                    + Arrays.toString(dims));
        }
        return to;
    }

    private int[] checkPermutation(int[] perm) {
        if (perm.length != rank()) {
            throw new IllegalArgumentException("permute " + Arrays.toString(perm) + " needs " + rank()
                    + " axes for shape " + shape);
        }
        int[] p = new int[perm.length];
        boolean[] seen = new boolean[perm.length];
        for (int i = 0; i < perm.length; i++) {
            p[i] = shape.normalizeAxis(perm[i]);
            if (seen[p[i]]) {
                throw new IllegalArgumentException("permute " + Arrays.toString(perm) + " repeats axis " + perm[i]);
            }
            seen[p[i]] = true;
        }
        return p;
    }
}
