package dev.adversarial.gan.cpu;

import dev.adversarial.gan.api.Shape;
import dev.adversarial.gan.api.spi.BinaryOp;
import java.util.Arrays;

/**
 * How a broadcasting binary op walks its output, planned once per call: size-1 axes dropped and
 * neighbouring axes that both operands walk alike merged (so [N, C, L] against [1, C, 1] stays
 * three axes, [N, C, 1] against [1, C, 1] becomes [N, C] against [1, C], and [N, C, L] against
 * [N, C, 1] becomes [N·C, L] against [N·C, 1]), then run as rows along the last axis. A row is
 * then a contiguous run of the output against a contiguous run of each operand, or against one
 * value of one of them, which {@link Elementwise#row} runs as loops without variable strides
 * that C2 vectorises. Rows write disjoint parts of the output and each element gets the same
 * float operation whichever rows a call covers, so {@link CpuKernels} splits them over its
 * workers without changing a bit.
 */
final class Broadcast {
    /** Rows shorter than this are walked along the axis before them instead (see {@link #of}). */
    private static final int SHORT_ROW = 16;

    private final BinaryOp op;
    private final int[] dims;
    private final int[] sa;
    private final int[] sb;
    private final int[] so;
    /** Maxout's rows of a few elements against one value per row: 1 when a is that value, 2 when b is, else 0. */
    private final int perRowOperand;

    private Broadcast(BinaryOp op, int[] dims, int[] sa, int[] sb, int[] so, int perRowOperand) {
        this.op = op;
        this.dims = dims;
        this.sa = sa;
        this.sb = sb;
        this.so = so;
        this.perRowOperand = perRowOperand;
    }

    static Broadcast of(BinaryOp op, Shape as, Shape bs, Shape os) {
        int rank = os.rank();
        int[] a = Elementwise.alignedStrides(as, rank), b = Elementwise.alignedStrides(bs, rank);
        int[] dims = new int[Math.max(1, rank)], sa = new int[dims.length], sb = new int[dims.length];
        int k = 0;
        for (int ax = 0; ax < rank; ax++) {
            int d = os.dim(ax);
            if (d == 1) {
                continue;
            }
            if (k > 0 && sa[k - 1] == a[ax] * d && sb[k - 1] == b[ax] * d) {
                // Both operands step over this axis exactly as over the one before it: one axis.
                dims[k - 1] *= d;
                sa[k - 1] = a[ax];
                sb[k - 1] = b[ax];
            } else {
                dims[k] = d;
                sa[k] = a[ax];
                sb[k] = b[ax];
                k++;
            }
        }
        if (k == 0) {
            // A single element (or none): one row of os.size() elements, both operands read at 0.
            dims[0] = os.size();
            k = 1;
        }
        dims = Arrays.copyOf(dims, k);
        sa = Arrays.copyOf(sa, k);
        sb = Arrays.copyOf(sb, k);
        int[] so = Shape.of(dims).strides(false);
        int len = dims[k - 1];
        if (k == 2 && len < SHORT_ROW && commutative(op)) {
            // Maxout's pattern: [rows, p] against its maximum [rows, 1], in either order.
            if (sa[0] == len && sa[1] == 1 && sb[0] == 1 && sb[1] == 0) {
                return new Broadcast(op, dims, sa, sb, so, 2);
            }
            if (sb[0] == len && sb[1] == 1 && sa[0] == 1 && sa[1] == 0) {
                return new Broadcast(op, dims, sa, sb, so, 1);
            }
        }
        if (k >= 2 && len < SHORT_ROW && dims[k - 2] > len) {
            // A short last axis: walk the longer axis before it innermost instead, so each row
            // covers many elements, not five (at strides, but far fewer calls).
            for (int[] v : new int[][] {dims, sa, sb, so}) {
                int t = v[k - 1];
                v[k - 1] = v[k - 2];
                v[k - 2] = t;
            }
        }
        return new Broadcast(op, dims, sa, sb, so, 0);
    }

    private static boolean commutative(BinaryOp op) {
        return op == BinaryOp.ADD || op == BinaryOp.MUL || op == BinaryOp.EQ || op == BinaryOp.MAX || op == BinaryOp.MIN;
    }

    /** How many rows the output has: the unit {@link #run} splits on. */
    int rows() {
        int len = rowLength();
        return len == 0 ? 0 : size() / len;
    }

    /** The elements in one row. */
    int rowLength() {
        return dims[dims.length - 1];
    }

    private int size() {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** Computes out for rows [from, to). */
    void run(float[] a, float[] b, float[] out, int from, int to) {
        int k = dims.length, len = dims[k - 1];
        if (from >= to) {
            return;   // also keeps an empty output's 0-sized axes out of the index arithmetic
        }
        if (perRowOperand == 2) {
            Elementwise.shortRows(op, a, b, out, from, to, len);
            return;
        }
        if (perRowOperand == 1) {
            Elementwise.shortRows(op, b, a, out, from, to, len);
            return;
        }
        // The offsets of row `from`, from its index over the outer axes.
        int[] idx = new int[k];
        int ao = 0, bo = 0, oo = 0;
        for (int ax = k - 2, rest = from; ax >= 0; ax--) {
            idx[ax] = rest % dims[ax];
            rest /= dims[ax];
            ao += idx[ax] * sa[ax];
            bo += idx[ax] * sb[ax];
            oo += idx[ax] * so[ax];
        }
        for (int r = from; r < to; r++) {
            Elementwise.row(op, a, ao, sa[k - 1], b, bo, sb[k - 1], out, oo, so[k - 1], len);
            // Advance the index over the outer axes, odometer style.
            for (int ax = k - 2; ax >= 0; ax--) {
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
}
