package dev.adversarial.gan.cpu;

import dev.adversarial.gan.api.BinaryOp;
import dev.adversarial.gan.api.ReduceOp;
import dev.adversarial.gan.api.Shape;
import java.util.Arrays;

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
            // A row of one value (a sum's gradient spread back) or a copied row (a bias
            // broadcast over the batch): the JDK's fill and copy instead of the strided loop,
            // which C2 cannot vectorise with the stride left as a variable.
            if (is == 0) {
                Arrays.fill(out, o, o + inner, x[off]);
            } else if (is == 1) {
                System.arraycopy(x, off, out, o, inner);
            } else {
                for (int i = 0; i < inner; i++) {
                    out[o + i] = x[off + i * is];
                }
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

    /** The product of the dimensions before {@code axis}: the shape viewed as [outer, dim(axis), inner]. */
    static int outer(Shape s, int axis) {
        int n = 1;
        for (int i = 0; i < axis; i++) {
            n *= s.dim(i);
        }
        return n;
    }

    /** The product of the dimensions after {@code axis}. */
    static int inner(Shape s, int axis) {
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

    /**
     * Reduces x along {@code axis} into out; returns out. Every switch over ReduceOp here is an
     * exhaustive expression, so no reduction is ever taken for "the other one".
     */
    static float[] reduce(ReduceOp op, float[] x, Shape s, int axis, float[] out) {
        int outer = outer(s, axis), inner = inner(s, axis), len = s.dim(axis);
        if (inner > 1 || len == 0) {
            return reduceColumns(op, x, s, axis, out, 0, inner);
        }
        // Along the last axis: rows of len values.
        return switch (op) {
            case SUM -> sumRows(x, len, out, 0, outer);
            case MAX -> maxRows(x, len, out, outer);
        };
    }

    /**
     * out[o] = the maximum of row o of x viewed as [outer, len], len at least 1. Rows of a few
     * values (maxout's pieces): one column at a time over all rows, whose long inner loop runs
     * four times faster here than a loop of five per row.
     */
    private static float[] maxRows(float[] x, int len, float[] out, int outer) {
        for (int o = 0; o < outer; o++) {
            out[o] = x[o * len];
        }
        for (int k = 1; k < len; k++) {
            for (int o = 0, i = k; o < outer; o++, i += len) {
                out[o] = Math.max(out[o], x[i]);
            }
        }
        return out;
    }

    /**
     * out[o] = the sum of row o of x viewed as [rows, len], for rows [from, to). Accumulates in
     * double, which keeps long reductions (a loss over a whole data set) accurate, in four
     * interleaved partial sums: one running sum waits out the add's latency at every element,
     * four keep the adder busy (batch norm's per-channel sums over 64×64 rows of 196: see
     * BatchNormBenchmark). The order is fixed by len alone, so a split of the rows over threads
     * gives the same bits.
     */
    static float[] sumRows(float[] x, int len, float[] out, int from, int to) {
        for (int o = from; o < to; o++) {
            int base = o * len, k = 0;
            double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
            for (; k + 3 < len; k += 4) {
                a0 += x[base + k];
                a1 += x[base + k + 1];
                a2 += x[base + k + 2];
                a3 += x[base + k + 3];
            }
            for (; k < len; k++) {
                a0 += x[base + k];
            }
            out[o] = (float) ((a0 + a1) + (a2 + a3));
        }
        return out;
    }

    /**
     * The reduction for positions [from, to) of the axes after {@code axis} (which must not be
     * the last): each output column sums or maxes its values in order down the axis, so a split
     * of the columns over threads gives the same bits. Bias gradients (sums over the batch)
     * come here.
     */
    static float[] reduceColumns(ReduceOp op, float[] x, Shape s, int axis, float[] out, int from, int to) {
        return switch (op) {
            case SUM -> sumColumns(x, s, axis, out, from, to);
            case MAX -> maxColumns(x, s, axis, out, from, to);
        };
    }

    private static float[] sumColumns(float[] x, Shape s, int axis, float[] out, int from, int to) {
        int outer = outer(s, axis), inner = inner(s, axis), len = s.dim(axis);
        for (int o = 0; o < outer; o++) {
            int ob = o * inner, xb = o * len * inner;
            if (len == 0) {
                Arrays.fill(out, ob + from, ob + to, 0f);
                continue;
            }
            System.arraycopy(x, xb + from, out, ob + from, to - from);
            for (int k = 1; k < len; k++) {
                // out[ob + j] += x[xb + k·inner + j]: each column's adds in the same order, by the
                // add loop that C2 leaves scalar with three offsets but ElementLoops vectorises.
                ElementLoops.SELECTED.arithmetic(BinaryOp.ADD, out, ob + from, x, xb + k * inner + from, false,
                        out, ob + from, to - from);
            }
        }
        return out;
    }

    /** As {@link #sumColumns} with max; an empty axis gives −∞, max's identity. */
    private static float[] maxColumns(float[] x, Shape s, int axis, float[] out, int from, int to) {
        int outer = outer(s, axis), inner = inner(s, axis), len = s.dim(axis);
        for (int o = 0; o < outer; o++) {
            int ob = o * inner, xb = o * len * inner;
            if (len == 0) {
                Arrays.fill(out, ob + from, ob + to, Float.NEGATIVE_INFINITY);
                continue;
            }
            System.arraycopy(x, xb + from, out, ob + from, to - from);
            for (int k = 1; k < len; k++) {
                int r = xb + k * inner;
                for (int j = from; j < to; j++) {
                    out[ob + j] = Math.max(out[ob + j], x[r + j]);
                }
            }
        }
        return out;
    }

    /**
     * {@link dev.adversarial.gan.api.Kernels#maxGradient} in one pass, for indices
     * [from, to) of the axes before {@code axis}: each hit (1 or 0) is written first, then scaled
     * by g / ties once the group's ties are counted. That is the composed default's arithmetic,
     * so both agree bit for bit (signed zeros and a NaN maximum included). Whether a value is the
     * maximum is decided on bits, not with ==, which C2 compiles to a branch that mispredicts
     * about once a group of maxout's pieces (1.1 ms against 0.6 for 240,000 values).
     */
    static void maxGradient(float[] x, Shape s, int axis, float[] max, float[] g, float[] out, int from, int to) {
        int inner = inner(s, axis), len = s.dim(axis);
        if (inner == 1) {
            // Maxout's groups of a few adjacent values, with a stride the compiler sees as 1 (in
            // KernelBenchmark as fast as the separate loop this replaced; a variable stride of 1
            // measured slower).
            for (int o = from; o < to; o++) {
                maxGradientGroup(x, max[o], g[o], out, o * len, (o + 1) * len, 1);
            }
            return;
        }
        for (int o = from; o < to; o++) {
            for (int j = 0; j < inner; j++) {
                int r = o * inner + j, base = o * len * inner + j;
                maxGradientGroup(x, max[r], g[r], out, base, base + len * inner, inner);
            }
        }
    }

    /** One group: positions base, base + stride, … before end, with maximum m and gradient gr. */
    private static void maxGradientGroup(float[] x, float m, float gr, float[] out, int base, int end, int stride) {
        if (m != m) {
            // A NaN maximum equals nothing: as in the composed rule, 0 · (g / 0).
            for (int i = base; i < end; i += stride) {
                out[i] = 0f * (gr / 0);
            }
            return;
        }
        float ties = 0;
        for (int i = base; i < end; i += stride) {
            float hit = equalTo(x[i], m);
            out[i] = hit;
            ties += hit;
        }
        float share = gr / ties;
        for (int i = base; i < end; i += stride) {
            out[i] *= share;
        }
    }

    /**
     * 1 if {@code x == m}, else 0, for a non-NaN m, without a branch: adding +0 turns −0 into +0,
     * so the bit patterns agree exactly when the values compare equal (a NaN x matches nothing).
     */
    private static int equalTo(float x, float m) {
        int d = Float.floatToRawIntBits(x + 0f) ^ Float.floatToRawIntBits(m + 0f);
        return 1 - ((d | -d) >>> 31);
    }
}
