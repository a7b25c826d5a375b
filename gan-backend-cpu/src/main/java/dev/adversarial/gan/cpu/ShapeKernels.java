package dev.adversarial.gan.cpu;

import dev.adversarial.gan.api.Shape;
import dev.adversarial.gan.api.spi.ReduceOp;

/** Data movement (permute, slice, concat, broadcast) and reductions along one axis. */
final class ShapeKernels {
    private ShapeKernels() {
    }

    static void permute(float[] x, Shape s, int[] perm, float[] out) {
        int rank = s.rank();
        int[] inStrides = s.strides(false);
        int[] dims = new int[rank];
        int[] strides = new int[rank]; // input stride of each output axis
        for (int i = 0; i < rank; i++) {
            dims[i] = s.dim(perm[i]);
            strides[i] = inStrides[perm[i]];
        }
        gather(x, dims, strides, out);
    }

    static void broadcast(float[] x, Shape s, Shape to, float[] out) {
        gather(x, to.dims(), Elementwise.alignedStrides(s, to.rank()), out);
    }

    /** out (row-major over dims) = x at offsets given by per-axis strides. */
    private static void gather(float[] x, int[] dims, int[] strides, float[] out) {
        int n = out.length == 0 ? 0 : 1;
        for (int d : dims) {
            n *= d;
        }
        if (n == 0) {
            return;
        }
        int rank = dims.length;
        if (rank == 0) {
            out[0] = x[0];
            return;
        }
        int inner = dims[rank - 1];
        int is = strides[rank - 1];
        int[] idx = new int[rank];
        int off = 0;
        for (int o = 0; o < n; o += inner) {
            for (int i = 0; i < inner; i++) {
                out[o + i] = x[off + i * is];
            }
            for (int ax = rank - 2; ax >= 0; ax--) {
                idx[ax]++;
                off += strides[ax];
                if (idx[ax] < dims[ax]) {
                    break;
                }
                off -= strides[ax] * dims[ax];
                idx[ax] = 0;
            }
        }
    }

    /** Viewing the shape as [outer, dim(axis), inner]. */
    private static int outer(Shape s, int axis) {
        int n = 1;
        for (int i = 0; i < axis; i++) {
            n *= s.dim(i);
        }
        return n;
    }

    private static int inner(Shape s, int axis) {
        int n = 1;
        for (int i = axis + 1; i < s.rank(); i++) {
            n *= s.dim(i);
        }
        return n;
    }

    static void slice(float[] x, Shape s, int axis, int start, int end, float[] out) {
        int outer = outer(s, axis), inner = inner(s, axis), len = s.dim(axis), w = end - start;
        for (int o = 0; o < outer; o++) {
            System.arraycopy(x, (o * len + start) * inner, out, o * w * inner, w * inner);
        }
    }

    /** Copies one part of a concatenation into place; {@code offset} is its start along the axis. */
    static void concatPart(float[] x, Shape s, int axis, int offset, int total, float[] out) {
        int outer = outer(s, axis), inner = inner(s, axis), len = s.dim(axis);
        for (int o = 0; o < outer; o++) {
            System.arraycopy(x, o * len * inner, out, (o * total + offset) * inner, len * inner);
        }
    }

    static void reduce(ReduceOp op, float[] x, Shape s, int axis, float[] out) {
        int outer = outer(s, axis), inner = inner(s, axis), len = s.dim(axis);
        boolean sum = op == ReduceOp.SUM;
        if (inner == 1) {
            // Contiguous rows: accumulate sums in double, which costs nothing here and keeps
            // long reductions (a loss over a whole data set) accurate.
            for (int o = 0; o < outer; o++) {
                int base = o * len;
                if (sum) {
                    double acc = 0;
                    for (int k = 0; k < len; k++) {
                        acc += x[base + k];
                    }
                    out[o] = (float) acc;
                } else {
                    float m = Float.NEGATIVE_INFINITY;
                    for (int k = 0; k < len; k++) {
                        m = Math.max(m, x[base + k]);
                    }
                    out[o] = m;
                }
            }
            return;
        }
        for (int o = 0; o < outer; o++) {
            int ob = o * inner;
            int xb = o * len * inner;
            if (len == 0) {
                java.util.Arrays.fill(out, ob, ob + inner, sum ? 0f : Float.NEGATIVE_INFINITY);
                continue;
            }
            System.arraycopy(x, xb, out, ob, inner);
            for (int k = 1; k < len; k++) {
                int r = xb + k * inner;
                if (sum) {
                    for (int j = 0; j < inner; j++) {
                        out[ob + j] += x[r + j];
                    }
                } else {
                    for (int j = 0; j < inner; j++) {
                        out[ob + j] = Math.max(out[ob + j], x[r + j]);
                    }
                }
            }
        }
    }
}
