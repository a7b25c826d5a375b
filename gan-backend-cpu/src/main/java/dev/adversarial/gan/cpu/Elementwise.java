package dev.adversarial.gan.cpu;

import dev.adversarial.gan.api.BinaryOp;
import dev.adversarial.gan.api.Shape;
import dev.adversarial.gan.api.UnaryOp;

/**
 * Elementwise kernels. Broadcasting walks the output with per-input strides (0 on broadcast
 * axes). The unary, scalar and same-shape forms work on a range [from, to) of elements, which is
 * how {@link CpuKernels} splits large ones over its workers.
 */
final class Elementwise {
    private Elementwise() {
    }

    /**
     * out[i] = op(x[i]) for i in [from, to); returns out. Written as a switch expression whose
     * arms yield out, not as a statement: a new UnaryOp constant then fails to compile here
     * instead of silently leaving the (pooled, dirty) output unwritten.
     */
    static float[] unary(UnaryOp op, float[] x, float[] out, int from, int to) {
        return switch (op) {
            case NEG -> { for (int i = from; i < to; i++) out[i] = -x[i]; yield out; }
            case EXP -> { for (int i = from; i < to; i++) out[i] = (float) Math.exp(x[i]); yield out; }
            case LOG -> { for (int i = from; i < to; i++) out[i] = (float) Math.log(x[i]); yield out; }
            case LOG1P -> { for (int i = from; i < to; i++) out[i] = (float) Math.log1p(x[i]); yield out; }
            case ABS -> { for (int i = from; i < to; i++) out[i] = Math.abs(x[i]); yield out; }
            case SQRT -> { for (int i = from; i < to; i++) out[i] = (float) Math.sqrt(x[i]); yield out; }
            case TANH -> { for (int i = from; i < to; i++) out[i] = (float) Math.tanh(x[i]); yield out; }
            case SIGMOID -> { for (int i = from; i < to; i++) out[i] = sigmoid(x[i]); yield out; }
            case RELU -> { for (int i = from; i < to; i++) out[i] = Math.max(x[i], 0f); yield out; }
        };
    }

    /** Never evaluates exp of a large positive number, so it cannot overflow. */
    static float sigmoid(float x) {
        if (x >= 0) {
            return (float) (1.0 / (1.0 + Math.exp(-x)));
        }
        double e = Math.exp(x);
        return (float) (e / (1.0 + e));
    }

    /** out[i] = a[i] op s for i in [from, to); returns out (a switch expression, as in {@link #unary}). */
    static float[] scalar(BinaryOp op, float[] a, float s, float[] out, int from, int to) {
        return switch (op) {
            case ADD -> { for (int i = from; i < to; i++) out[i] = a[i] + s; yield out; }
            case SUB -> { for (int i = from; i < to; i++) out[i] = a[i] - s; yield out; }
            case MUL -> { for (int i = from; i < to; i++) out[i] = a[i] * s; yield out; }
            case DIV -> { for (int i = from; i < to; i++) out[i] = a[i] / s; yield out; }
            case MAX -> { for (int i = from; i < to; i++) out[i] = Math.max(a[i], s); yield out; }
            case MIN -> { for (int i = from; i < to; i++) out[i] = Math.min(a[i], s); yield out; }
            case GT -> { greaterThan(a, s, out, from, to); yield out; }
            case POW, GE, LT, LE, EQ -> strided(op, a, from, 1, new float[] {s}, 0, 0, out, from, 1, to - from);
        };
    }

    /**
     * ReLU's gradient mask, a &gt; s. Written as {@code a[i] > s ? 1f : 0f}, C2 emits a branch that
     * mispredicts on half of a ReLU layer's values (1.25 ms for 240,000 of them here); the sign bit
     * of s − a decides it without one (0.25 ms). That holds for finite s other than −0 (where
     * s − a can be a NaN with its sign set, or −0 for a = +0); NaN a is masked to 0 explicitly.
     */
    private static void greaterThan(float[] a, float s, float[] out, int from, int to) {
        if (!Float.isFinite(s) || Float.floatToRawIntBits(s) == Float.floatToRawIntBits(-0f)) {
            for (int i = from; i < to; i++) {
                out[i] = a[i] > s ? 1f : 0f;
            }
            return;
        }
        for (int i = from; i < to; i++) {
            float x = a[i];
            out[i] = (float) ((Float.floatToRawIntBits(s - x) >>> 31) & (x == x ? 1 : 0));
        }
    }

    /** The bits of 1f: a comparison's result is {@code intBitsToFloat(test ? ONE : 0)}, see {@link #compare}. */
    private static final int ONE = ElementLoops.ONE;

    /**
     * LeakyReLU, out[i] = max(x[i], alpha·x[i]) for i in [from, to): the composition
     * {@code maximum(mul(alpha))} in one pass, with the same roundings and Math.max's rules for
     * NaN and signed zeros.
     */
    static void leakyRelu(float[] x, float alpha, float[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            float v = x[i];
            out[i] = Math.max(v, alpha * v);
        }
    }

    /** a op b on operands of one shape, elements [from, to). */
    static float[] sameShape(BinaryOp op, float[] a, float[] b, float[] out, int from, int to) {
        return strided(op, a, from, 1, b, from, 1, out, from, 1, to - from);
    }

    static void binary(BinaryOp op, float[] a, Shape as, float[] b, Shape bs, float[] out, Shape os) {
        binary(op, a, as, b, bs, out, os, null);
    }

    /**
     * As above, with the broadcast walk's rows split over {@code workers} (unless null) when
     * there are enough of them: a conv layer's bias add is 0.4–0.8 M values, which the calling
     * thread alone took 1 % of a dcgan-mnist step over. Each element is computed as on one thread.
     */
    static void binary(BinaryOp op, float[] a, Shape as, float[] b, Shape bs, float[] out, Shape os, Workers workers) {
        int n = os.size();
        if (as.equals(os) && bs.equals(os)) {
            sameShape(op, a, b, out, 0, n);
            return;
        }
        int rank = os.rank();
        if (rank == 0 || n == 0) {
            strided(op, a, 0, 0, b, 0, 0, out, 0, 0, n);
            return;
        }
        if (rank >= 2 && os.dim(rank - 1) < 16 && commutative(op)) {
            // Maxout's pattern: [..., p] against its maximum [..., 1], in either order.
            if (as.equals(os) && isRowOf(bs, os)) {
                shortRows(op, a, b, out, n / os.dim(rank - 1), os.dim(rank - 1));
                return;
            }
            if (bs.equals(os) && isRowOf(as, os)) {
                shortRows(op, b, a, out, n / os.dim(rank - 1), os.dim(rank - 1));
                return;
            }
        }
        int[] dims = os.dims().clone();
        int[] sa = alignedStrides(as, rank);
        int[] sb = alignedStrides(bs, rank);
        int[] so = os.strides(false);
        int r = coalesce(dims, sa, sb, so);
        if (r >= 2 && dims[r - 1] < 16 && dims[r - 2] > dims[r - 1]) {
            // A short last axis (maxout's pieces against their maximum): walk the longer axis
            // before it innermost instead, so each inner loop covers many elements, not five.
            for (int[] v : new int[][] {dims, sa, sb, so}) {
                int t = v[r - 1];
                v[r - 1] = v[r - 2];
                v[r - 2] = t;
            }
        }
        int inner = dims[r - 1], rows = n / inner;
        if (workers == null) {
            rows(op, a, b, out, dims, sa, sb, so, r, 0, rows);
        } else {
            workers.forRange(rows, Math.max(1, CpuKernels.PARALLEL_FLOATS / inner),
                    (from, to) -> rows(op, a, b, out, dims, sa, sb, so, r, from, to));
        }
    }

    /** Rows [from, to) of the walk over the first r axes of dims: each row is the last axis's inner loop. */
    private static void rows(BinaryOp op, float[] a, float[] b, float[] out, int[] dims, int[] sa, int[] sb, int[] so,
                             int r, int from, int to) {
        int[] idx = new int[r];
        int ao = 0, bo = 0, oo = 0;
        for (int ax = r - 2, rest = from; ax >= 0; ax--) {
            idx[ax] = rest % dims[ax];
            rest /= dims[ax];
            ao += idx[ax] * sa[ax];
            bo += idx[ax] * sb[ax];
            oo += idx[ax] * so[ax];
        }
        int inner = dims[r - 1];
        for (int row = from; row < to; row++) {
            strided(op, a, ao, sa[r - 1], b, bo, sb[r - 1], out, oo, so[r - 1], inner);
            // Advance the multi-index over all but the innermost axis, odometer style.
            for (int ax = r - 2; ax >= 0; ax--) {
                idx[ax]++;
                ao += sa[ax];
                bo += sb[ax];
                oo += so[ax];
                if (idx[ax] < dims[ax]) {
                    break;
                }
                ao -= sa[ax] * dims[ax];
                bo -= sb[ax] * dims[ax];
                oo -= so[ax] * dims[ax];
                idx[ax] = 0;
            }
        }
    }

    /**
     * Drops axes of size 1 and merges each axis into the one before it where every operand
     * walks the two as one (its outer stride is its inner stride times the inner size, 0 and 0
     * included), compacting the four arrays in place; returns the rank left (at least 1). A
     * bias [1, C, 1, 1] over [N, C, H, W] then runs as rows of H·W against one value each, not
     * rows of W, and every element is still computed once, by the same operation.
     */
    static int coalesce(int[] dims, int[] sa, int[] sb, int[] so) {
        int r = 0;
        for (int ax = 0; ax < dims.length; ax++) {
            if (dims[ax] == 1) {
                continue;
            }
            int d = dims[ax];
            if (r > 0 && sa[r - 1] == sa[ax] * d && sb[r - 1] == sb[ax] * d && so[r - 1] == so[ax] * d) {
                dims[r - 1] *= d;
            } else {
                dims[r] = d;
                r++;
            }
            sa[r - 1] = sa[ax];
            sb[r - 1] = sb[ax];
            so[r - 1] = so[ax];
        }
        if (r == 0) {
            dims[0] = 1;
            sa[0] = 0;
            sb[0] = 0;
            so[0] = 0;
            r = 1;
        }
        return r;
    }

    private static boolean commutative(BinaryOp op) {
        return switch (op) {
            case ADD, MUL, EQ, MAX, MIN -> true;
            case SUB, DIV, POW, GT, GE, LT, LE -> false;
        };
    }

    /** Whether {@code s} is {@code os} with its last axis reduced to 1 (one value per row). */
    private static boolean isRowOf(Shape s, Shape os) {
        int rank = os.rank();
        if (s.rank() != rank || s.dim(rank - 1) != 1) {
            return false;
        }
        for (int ax = 0; ax < rank - 1; ax++) {
            if (s.dim(ax) != os.dim(ax)) {
                return false;
            }
        }
        return true;
    }

    /**
     * out[r][j] = op(full[r][j], perRow[r]) for rows of a few elements: one tight loop per op, so
     * no per-row call and no strided access (the odometer path runs these at stride p).
     */
    private static float[] shortRows(BinaryOp op, float[] full, float[] perRow, float[] out, int rows, int p) {
        int i = 0;
        return switch (op) {
            case ADD -> { for (int r = 0; r < rows; r++) { float v = perRow[r]; for (int j = 0; j < p; j++, i++) out[i] = full[i] + v; } yield out; }
            case MUL -> { for (int r = 0; r < rows; r++) { float v = perRow[r]; for (int j = 0; j < p; j++, i++) out[i] = full[i] * v; } yield out; }
            case EQ -> { for (int r = 0; r < rows; r++) { float v = perRow[r]; for (int j = 0; j < p; j++, i++) out[i] = full[i] == v ? 1f : 0f; } yield out; }
            case MAX -> { for (int r = 0; r < rows; r++) { float v = perRow[r]; for (int j = 0; j < p; j++, i++) out[i] = Math.max(full[i], v); } yield out; }
            case MIN -> { for (int r = 0; r < rows; r++) { float v = perRow[r]; for (int j = 0; j < p; j++, i++) out[i] = Math.min(full[i], v); } yield out; }
            case SUB, DIV, POW, GT, GE, LT, LE -> throw new IllegalArgumentException(op + " is not commutative");
        };
    }

    /** Strides of {@code s} right-aligned to {@code rank} axes, 0 where broadcast. */
    static int[] alignedStrides(Shape s, int rank) {
        int[] own = s.strides(true);
        int[] out = new int[rank];
        System.arraycopy(own, 0, out, rank - own.length, own.length);
        return out;
    }

    private static float[] strided(BinaryOp op, float[] a, int ao, int as, float[] b, int bo, int bs,
                                   float[] out, int oo, int os, int n) {
        if (as == 1 && os == 1 && (bs == 1 || bs == 0) && contiguous(op, a, ao, b, bo, bs == 0, out, oo, n)) {
            return out;
        }
        return switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) out[oo + i * os] = a[ao + i * as] + b[bo + i * bs]; yield out; }
            case SUB -> { for (int i = 0; i < n; i++) out[oo + i * os] = a[ao + i * as] - b[bo + i * bs]; yield out; }
            case MUL -> { for (int i = 0; i < n; i++) out[oo + i * os] = a[ao + i * as] * b[bo + i * bs]; yield out; }
            case DIV -> { for (int i = 0; i < n; i++) out[oo + i * os] = a[ao + i * as] / b[bo + i * bs]; yield out; }
            case POW -> { for (int i = 0; i < n; i++) out[oo + i * os] = (float) Math.pow(a[ao + i * as], b[bo + i * bs]); yield out; }
            case MAX -> { for (int i = 0; i < n; i++) out[oo + i * os] = Math.max(a[ao + i * as], b[bo + i * bs]); yield out; }
            case MIN -> { for (int i = 0; i < n; i++) out[oo + i * os] = Math.min(a[ao + i * as], b[bo + i * bs]); yield out; }
            case GT -> { for (int i = 0; i < n; i++) out[oo + i * os] = a[ao + i * as] > b[bo + i * bs] ? 1f : 0f; yield out; }
            case GE -> { for (int i = 0; i < n; i++) out[oo + i * os] = a[ao + i * as] >= b[bo + i * bs] ? 1f : 0f; yield out; }
            case LT -> { for (int i = 0; i < n; i++) out[oo + i * os] = a[ao + i * as] < b[bo + i * bs] ? 1f : 0f; yield out; }
            case LE -> { for (int i = 0; i < n; i++) out[oo + i * os] = a[ao + i * as] <= b[bo + i * bs] ? 1f : 0f; yield out; }
            case EQ -> { for (int i = 0; i < n; i++) out[oo + i * os] = a[ao + i * as] == b[bo + i * bs] ? 1f : 0f; yield out; }
        };
    }

    /**
     * Every op but POW on unit strides (b contiguous too, or one value when {@code bScalar}):
     * loops C2 compiles without the variable strides above, which keep it from vectorising.
     * Bias adds, dropout masks, gradient products and the MAX rule's masks all land here.
     * Returns false for POW. Each family of ops has its own method, so that the arithmetic loops
     * are compiled from their own profile whatever ran first (BENCHMARKS.md, "Broadcasting
     * binary ops": a shared loop's speed depended on C2's compile order). The arithmetic ones,
     * which C2 leaves scalar with three offsets, are {@link ElementLoops}'s, on the Vector API
     * where the JVM has it.
     */
    private static boolean contiguous(BinaryOp op, float[] a, int ao, float[] b, int bo, boolean bScalar,
                                      float[] out, int oo, int n) {
        return switch (op) {
            case ADD, SUB, MUL, DIV -> ElementLoops.SELECTED.arithmetic(op, a, ao, b, bo, bScalar, out, oo, n);
            case MAX, MIN -> minMax(op == BinaryOp.MAX, a, ao, b, bo, bScalar, out, oo, n);
            case GT, GE, LT, LE, EQ -> compare(op, a, ao, b, bo, bScalar, out, oo, n);
            case POW -> false;
        };
    }

    /**
     * Math.max / Math.min. With one index for all three arrays (same-shape operands) C2 (JDK 17)
     * vectorises them, but not with three offsets (0.31 ms against 0.85 ms for 800,000 values,
     * 2026-12-02).
     */
    private static boolean minMax(boolean max, float[] a, int ao, float[] b, int bo, boolean bScalar,
                                  float[] out, int oo, int n) {
        if (bScalar) {
            float v = b[bo];
            if (max) {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = Math.max(a[ao + i], v);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    out[oo + i] = Math.min(a[ao + i], v);
                }
            }
        } else if (ao == bo && bo == oo) {
            sameOffsetMinMax(max, a, b, out, ao, ao + n);
        } else if (max) {
            for (int i = 0; i < n; i++) {
                out[oo + i] = Math.max(a[ao + i], b[bo + i]);
            }
        } else {
            for (int i = 0; i < n; i++) {
                out[oo + i] = Math.min(a[ao + i], b[bo + i]);
            }
        }
        return true;
    }

    /**
     * Comparisons, as the bits of 1f or 0f picked by an int conditional move: written
     * {@code x >= y ? 1f : 0f} they are a branch under C2, mispredicted on half of a mask's
     * values (3.3 ms against 0.37 ms for 800,000 of them, JDK 17, 2026-12-02). False on NaN.
     */
    private static boolean compare(BinaryOp op, float[] a, int ao, float[] b, int bo, boolean bScalar,
                                   float[] out, int oo, int n) {
        if (bScalar) {
            float v = b[bo];
            return switch (op) {
                case GT -> { for (int i = 0; i < n; i++) out[oo + i] = Float.intBitsToFloat(a[ao + i] > v ? ONE : 0); yield true; }
                case GE -> { for (int i = 0; i < n; i++) out[oo + i] = Float.intBitsToFloat(a[ao + i] >= v ? ONE : 0); yield true; }
                case LT -> { for (int i = 0; i < n; i++) out[oo + i] = Float.intBitsToFloat(a[ao + i] < v ? ONE : 0); yield true; }
                case LE -> { for (int i = 0; i < n; i++) out[oo + i] = Float.intBitsToFloat(a[ao + i] <= v ? ONE : 0); yield true; }
                case EQ -> { for (int i = 0; i < n; i++) out[oo + i] = Float.intBitsToFloat(a[ao + i] == v ? ONE : 0); yield true; }
                case ADD, SUB, MUL, DIV, POW, MAX, MIN -> false;
            };
        }
        return switch (op) {
            case GT -> { for (int i = 0; i < n; i++) out[oo + i] = Float.intBitsToFloat(a[ao + i] > b[bo + i] ? ONE : 0); yield true; }
            case GE -> { for (int i = 0; i < n; i++) out[oo + i] = Float.intBitsToFloat(a[ao + i] >= b[bo + i] ? ONE : 0); yield true; }
            case LT -> { for (int i = 0; i < n; i++) out[oo + i] = Float.intBitsToFloat(a[ao + i] < b[bo + i] ? ONE : 0); yield true; }
            case LE -> { for (int i = 0; i < n; i++) out[oo + i] = Float.intBitsToFloat(a[ao + i] <= b[bo + i] ? ONE : 0); yield true; }
            case EQ -> { for (int i = 0; i < n; i++) out[oo + i] = Float.intBitsToFloat(a[ao + i] == b[bo + i] ? ONE : 0); yield true; }
            case ADD, SUB, MUL, DIV, POW, MAX, MIN -> false;
        };
    }

    private static void sameOffsetMinMax(boolean max, float[] a, float[] b, float[] out, int from, int to) {
        if (max) {
            for (int i = from; i < to; i++) {
                out[i] = Math.max(a[i], b[i]);
            }
        } else {
            for (int i = from; i < to; i++) {
                out[i] = Math.min(a[i], b[i]);
            }
        }
    }
}
