package dev.adversarial.gan.cpu;

import dev.adversarial.gan.api.Shape;
import dev.adversarial.gan.api.spi.BinaryOp;
import dev.adversarial.gan.api.spi.UnaryOp;

/**
 * Elementwise kernels. The unary, scalar and same-shape forms work on a range [from, to) of
 * elements and broadcasting on a range of {@link Broadcast} rows, which is how {@link CpuKernels}
 * splits large ones over its workers. Every form computes one element with the same float
 * operation, so results do not depend on which form or split produced them.
 */
final class Elementwise {
    private Elementwise() {
    }

    static void unary(UnaryOp op, float[] x, float[] out, int from, int to) {
        switch (op) {
            case NEG -> { for (int i = from; i < to; i++) out[i] = -x[i]; }
            case EXP -> { for (int i = from; i < to; i++) out[i] = (float) Math.exp(x[i]); }
            case LOG -> { for (int i = from; i < to; i++) out[i] = (float) Math.log(x[i]); }
            case LOG1P -> { for (int i = from; i < to; i++) out[i] = (float) Math.log1p(x[i]); }
            case ABS -> { for (int i = from; i < to; i++) out[i] = Math.abs(x[i]); }
            case SQRT -> { for (int i = from; i < to; i++) out[i] = (float) Math.sqrt(x[i]); }
            case TANH -> { for (int i = from; i < to; i++) out[i] = (float) Math.tanh(x[i]); }
            case SIGMOID -> { for (int i = from; i < to; i++) out[i] = sigmoid(x[i]); }
            case RELU -> { for (int i = from; i < to; i++) out[i] = Math.max(x[i], 0f); }
        }
    }

    /** Never evaluates exp of a large positive number, so it cannot overflow. */
    static float sigmoid(float x) {
        if (x >= 0) {
            return (float) (1.0 / (1.0 + Math.exp(-x)));
        }
        double e = Math.exp(x);
        return (float) (e / (1.0 + e));
    }

    static void scalar(BinaryOp op, float[] a, float s, float[] out, int from, int to) {
        if (op == BinaryOp.GT) {
            greaterThan(a, s, out, from, to);
        } else {
            rowScalar(op, a, from, s, out, from, to - from);
        }
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

    /** a op b on operands of one shape, elements [from, to). */
    static void sameShape(BinaryOp op, float[] a, float[] b, float[] out, int from, int to) {
        // Through row, not straight to contiguous: with two call sites of contiguous, the one
        // compiled second ran at half speed (C2 inlining it with a stale profile, measured).
        row(op, a, from, 1, b, from, 1, out, from, 1, to - from);
    }

    /** a op b with NumPy broadcasting, on the calling thread. */
    static void binary(BinaryOp op, float[] a, Shape as, float[] b, Shape bs, float[] out, Shape os) {
        Broadcast plan = Broadcast.of(op, as, bs, os);
        plan.run(a, b, out, 0, plan.rows());
    }

    /**
     * Rows [from, to) of out[r][j] = op(full[r][j], perRow[r]) for rows of p elements (maxout's
     * few pieces; op commutative): one tight loop per op, so no per-row call and no strided access.
     */
    static void shortRows(BinaryOp op, float[] full, float[] perRow, float[] out, int from, int to, int p) {
        int i = from * p;
        switch (op) {
            case ADD -> { for (int r = from; r < to; r++) { float v = perRow[r]; for (int j = 0; j < p; j++, i++) out[i] = full[i] + v; } }
            case MUL -> { for (int r = from; r < to; r++) { float v = perRow[r]; for (int j = 0; j < p; j++, i++) out[i] = full[i] * v; } }
            case EQ -> { for (int r = from; r < to; r++) { float v = perRow[r]; for (int j = 0; j < p; j++, i++) out[i] = full[i] == v ? 1f : 0f; } }
            case MAX -> { for (int r = from; r < to; r++) { float v = perRow[r]; for (int j = 0; j < p; j++, i++) out[i] = Math.max(full[i], v); } }
            case MIN -> { for (int r = from; r < to; r++) { float v = perRow[r]; for (int j = 0; j < p; j++, i++) out[i] = Math.min(full[i], v); } }
            default -> throw new IllegalArgumentException(op + " is not commutative");
        }
    }

    /** Strides of {@code s} right-aligned to {@code rank} axes, 0 where broadcast. */
    static int[] alignedStrides(Shape s, int rank) {
        int[] own = s.strides(true);
        int[] out = new int[rank];
        System.arraycopy(own, 0, out, rank - own.length, own.length);
        return out;
    }

    /**
     * One row of n elements, each operand at stride 1 or 0 (one value for the whole row) or, after
     * {@link Broadcast} swapped a short last axis, at other strides. The unit-stride forms get
     * loops of their own: C2 vectorises those, not ones with the strides left as variables.
     */
    static void row(BinaryOp op, float[] a, int ao, int as, float[] b, int bo, int bs,
                    float[] out, int oo, int os, int n) {
        if (os == 1 && as == 1 && bs == 1) {
            contiguous(op, a, ao, b, bo, out, oo, n);
        } else if (os == 1 && as == 1 && bs == 0) {
            rowScalar(op, a, ao, b[bo], out, oo, n);
        } else if (os == 1 && as == 0 && bs == 1) {
            scalarRow(op, a[ao], b, bo, out, oo, n);
        } else {
            strided(op, a, ao, as, b, bo, bs, out, oo, os, n);
        }
    }

    private static void strided(BinaryOp op, float[] a, int ao, int as, float[] b, int bo, int bs,
                                float[] out, int oo, int os, int n) {
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) out[oo + i * os] = a[ao + i * as] + b[bo + i * bs]; }
            case SUB -> { for (int i = 0; i < n; i++) out[oo + i * os] = a[ao + i * as] - b[bo + i * bs]; }
            case MUL -> { for (int i = 0; i < n; i++) out[oo + i * os] = a[ao + i * as] * b[bo + i * bs]; }
            case DIV -> { for (int i = 0; i < n; i++) out[oo + i * os] = a[ao + i * as] / b[bo + i * bs]; }
            case POW -> { for (int i = 0; i < n; i++) out[oo + i * os] = (float) Math.pow(a[ao + i * as], b[bo + i * bs]); }
            case MAX -> { for (int i = 0; i < n; i++) out[oo + i * os] = Math.max(a[ao + i * as], b[bo + i * bs]); }
            case MIN -> { for (int i = 0; i < n; i++) out[oo + i * os] = Math.min(a[ao + i * as], b[bo + i * bs]); }
            case GT -> { for (int i = 0; i < n; i++) out[oo + i * os] = a[ao + i * as] > b[bo + i * bs] ? 1f : 0f; }
            case GE -> { for (int i = 0; i < n; i++) out[oo + i * os] = a[ao + i * as] >= b[bo + i * bs] ? 1f : 0f; }
            case LT -> { for (int i = 0; i < n; i++) out[oo + i * os] = a[ao + i * as] < b[bo + i * bs] ? 1f : 0f; }
            case LE -> { for (int i = 0; i < n; i++) out[oo + i * os] = a[ao + i * as] <= b[bo + i * bs] ? 1f : 0f; }
            case EQ -> { for (int i = 0; i < n; i++) out[oo + i * os] = a[ao + i * as] == b[bo + i * bs] ? 1f : 0f; }
        }
    }

    /** out[i] = a[i] op b[i] over n elements from the given offsets: same-shape ops and bias rows. */
    private static void contiguous(BinaryOp op, float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] + b[bo + i]; }
            case SUB -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] - b[bo + i]; }
            case MUL -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] * b[bo + i]; }
            case DIV -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] / b[bo + i]; }
            default -> strided(op, a, ao, 1, b, bo, 1, out, oo, 1, n);
        }
    }

    /** out[i] = a[i] op s: a row against a per-row value of b (batch norm's [N, C, L] op [1, C, 1]). */
    private static void rowScalar(BinaryOp op, float[] a, int ao, float s, float[] out, int oo, int n) {
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] + s; }
            case SUB -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] - s; }
            case MUL -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] * s; }
            case DIV -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] / s; }
            case POW -> { for (int i = 0; i < n; i++) out[oo + i] = (float) Math.pow(a[ao + i], s); }
            case MAX -> { for (int i = 0; i < n; i++) out[oo + i] = Math.max(a[ao + i], s); }
            case MIN -> { for (int i = 0; i < n; i++) out[oo + i] = Math.min(a[ao + i], s); }
            case GT -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] > s ? 1f : 0f; }
            case GE -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] >= s ? 1f : 0f; }
            case LT -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] < s ? 1f : 0f; }
            case LE -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] <= s ? 1f : 0f; }
            case EQ -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] == s ? 1f : 0f; }
        }
    }

    /** out[i] = s op b[i]: a per-row value of a against a row of b ([1, C, 1] op [N, C, L]). */
    private static void scalarRow(BinaryOp op, float s, float[] b, int bo, float[] out, int oo, int n) {
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) out[oo + i] = s + b[bo + i]; }
            case SUB -> { for (int i = 0; i < n; i++) out[oo + i] = s - b[bo + i]; }
            case MUL -> { for (int i = 0; i < n; i++) out[oo + i] = s * b[bo + i]; }
            case DIV -> { for (int i = 0; i < n; i++) out[oo + i] = s / b[bo + i]; }
            case POW -> { for (int i = 0; i < n; i++) out[oo + i] = (float) Math.pow(s, b[bo + i]); }
            case MAX -> { for (int i = 0; i < n; i++) out[oo + i] = Math.max(s, b[bo + i]); }
            case MIN -> { for (int i = 0; i < n; i++) out[oo + i] = Math.min(s, b[bo + i]); }
            case GT -> { for (int i = 0; i < n; i++) out[oo + i] = s > b[bo + i] ? 1f : 0f; }
            case GE -> { for (int i = 0; i < n; i++) out[oo + i] = s >= b[bo + i] ? 1f : 0f; }
            case LT -> { for (int i = 0; i < n; i++) out[oo + i] = s < b[bo + i] ? 1f : 0f; }
            case LE -> { for (int i = 0; i < n; i++) out[oo + i] = s <= b[bo + i] ? 1f : 0f; }
            case EQ -> { for (int i = 0; i < n; i++) out[oo + i] = s == b[bo + i] ? 1f : 0f; }
        }
    }
}
