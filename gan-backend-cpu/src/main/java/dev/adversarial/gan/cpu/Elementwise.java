package dev.adversarial.gan.cpu;

import dev.adversarial.gan.api.Shape;
import dev.adversarial.gan.api.spi.BinaryOp;
import dev.adversarial.gan.api.spi.UnaryOp;

/** Elementwise kernels. Broadcasting walks the output with per-input strides (0 on broadcast axes). */
final class Elementwise {
    private Elementwise() {
    }

    static void unary(UnaryOp op, float[] x, float[] out, int n) {
        switch (op) {
            case NEG -> { for (int i = 0; i < n; i++) out[i] = -x[i]; }
            case EXP -> { for (int i = 0; i < n; i++) out[i] = (float) Math.exp(x[i]); }
            case LOG -> { for (int i = 0; i < n; i++) out[i] = (float) Math.log(x[i]); }
            case LOG1P -> { for (int i = 0; i < n; i++) out[i] = (float) Math.log1p(x[i]); }
            case ABS -> { for (int i = 0; i < n; i++) out[i] = Math.abs(x[i]); }
            case SQRT -> { for (int i = 0; i < n; i++) out[i] = (float) Math.sqrt(x[i]); }
            case TANH -> { for (int i = 0; i < n; i++) out[i] = (float) Math.tanh(x[i]); }
            case SIGMOID -> { for (int i = 0; i < n; i++) out[i] = sigmoid(x[i]); }
            case RELU -> { for (int i = 0; i < n; i++) out[i] = Math.max(x[i], 0f); }
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

    static void scalar(BinaryOp op, float[] a, float s, float[] out, int n) {
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) out[i] = a[i] + s; }
            case SUB -> { for (int i = 0; i < n; i++) out[i] = a[i] - s; }
            case MUL -> { for (int i = 0; i < n; i++) out[i] = a[i] * s; }
            case DIV -> { for (int i = 0; i < n; i++) out[i] = a[i] / s; }
            case MAX -> { for (int i = 0; i < n; i++) out[i] = Math.max(a[i], s); }
            case MIN -> { for (int i = 0; i < n; i++) out[i] = Math.min(a[i], s); }
            default -> strided(op, a, 0, 1, new float[] {s}, 0, 0, out, 0, n);
        }
    }

    static void binary(BinaryOp op, float[] a, Shape as, float[] b, Shape bs, float[] out, Shape os) {
        int n = os.size();
        if (as.equals(os) && bs.equals(os)) {
            strided(op, a, 0, 1, b, 0, 1, out, 0, n);
            return;
        }
        int rank = os.rank();
        int[] dims = os.dims();
        int[] sa = alignedStrides(as, rank);
        int[] sb = alignedStrides(bs, rank);
        if (rank == 0 || n == 0) {
            strided(op, a, 0, 0, b, 0, 0, out, 0, n);
            return;
        }
        int inner = dims[rank - 1];
        int[] idx = new int[rank];
        int ao = 0, bo = 0;
        for (int o = 0; o < n; o += inner) {
            strided(op, a, ao, sa[rank - 1], b, bo, sb[rank - 1], out, o, inner);
            // Advance the multi-index over all but the last axis, odometer style.
            for (int ax = rank - 2; ax >= 0; ax--) {
                idx[ax]++;
                ao += sa[ax];
                bo += sb[ax];
                if (idx[ax] < dims[ax]) {
                    break;
                }
                ao -= sa[ax] * dims[ax];
                bo -= sb[ax] * dims[ax];
                idx[ax] = 0;
            }
        }
    }

    /** Strides of {@code s} right-aligned to {@code rank} axes, 0 where broadcast. */
    static int[] alignedStrides(Shape s, int rank) {
        int[] own = s.strides(true);
        int[] out = new int[rank];
        System.arraycopy(own, 0, out, rank - own.length, own.length);
        return out;
    }

    private static void strided(BinaryOp op, float[] a, int ao, int as, float[] b, int bo, int bs,
                                float[] out, int oo, int n) {
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i * as] + b[bo + i * bs]; }
            case SUB -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i * as] - b[bo + i * bs]; }
            case MUL -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i * as] * b[bo + i * bs]; }
            case DIV -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i * as] / b[bo + i * bs]; }
            case POW -> { for (int i = 0; i < n; i++) out[oo + i] = (float) Math.pow(a[ao + i * as], b[bo + i * bs]); }
            case MAX -> { for (int i = 0; i < n; i++) out[oo + i] = Math.max(a[ao + i * as], b[bo + i * bs]); }
            case MIN -> { for (int i = 0; i < n; i++) out[oo + i] = Math.min(a[ao + i * as], b[bo + i * bs]); }
            case GT -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i * as] > b[bo + i * bs] ? 1f : 0f; }
            case GE -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i * as] >= b[bo + i * bs] ? 1f : 0f; }
            case LT -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i * as] < b[bo + i * bs] ? 1f : 0f; }
            case LE -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i * as] <= b[bo + i * bs] ? 1f : 0f; }
            case EQ -> { for (int i = 0; i < n; i++) out[oo + i] = a[ao + i * as] == b[bo + i * bs] ? 1f : 0f; }
        }
    }
}
