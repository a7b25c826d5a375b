package dev.adversarial.gan.api.contract;

import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Obviously-correct double-precision reference implementations of the primitive operations,
 * written for clarity rather than speed: the contract suite checks backends against them.
 */
record Ref(double[] v, int[] dims) {

    static Ref of(double[] v, int... dims) {
        return new Ref(v, dims);
    }

    int size() {
        return v.length;
    }

    Ref map(DoubleUnaryOperator f) {
        double[] o = new double[v.length];
        for (int i = 0; i < o.length; i++) {
            o[i] = f.applyAsDouble(v[i]);
        }
        return new Ref(o, dims);
    }

    static int[] broadcastDims(int[] a, int[] b) {
        int r = Math.max(a.length, b.length);
        int[] o = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - a.length ? 1 : a[i - (r - a.length)];
            int db = i < r - b.length ? 1 : b[i - (r - b.length)];
            o[i] = Math.max(da, db);
        }
        return o;
    }

    /** Element of this (broadcast) at the multi-index {@code idx} of a larger shape. */
    double at(int[] idx) {
        int off = 0;
        int shift = idx.length - dims.length;
        for (int i = 0; i < dims.length; i++) {
            int k = dims[i] == 1 ? 0 : idx[i + shift];
            off = off * dims[i] + k;
        }
        return v[off];
    }

    static int[] unravel(int flat, int[] dims) {
        int[] idx = new int[dims.length];
        for (int i = dims.length - 1; i >= 0; i--) {
            idx[i] = flat % dims[i];
            flat /= dims[i];
        }
        return idx;
    }

    static int count(int[] dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    Ref zip(Ref b, DoubleBinaryOperator f) {
        int[] od = broadcastDims(dims, b.dims);
        double[] o = new double[count(od)];
        for (int i = 0; i < o.length; i++) {
            int[] idx = unravel(i, od);
            o[i] = f.applyAsDouble(at(idx), b.at(idx));
        }
        return new Ref(o, od);
    }

    Ref broadcastTo(int[] to) {
        double[] o = new double[count(to)];
        for (int i = 0; i < o.length; i++) {
            o[i] = at(unravel(i, to));
        }
        return new Ref(o, to);
    }

    Ref reduce(int axis, boolean keep, boolean max) {
        int[] od = dims.clone();
        od[axis] = 1;
        double[] o = new double[count(od)];
        Arrays.fill(o, max ? Double.NEGATIVE_INFINITY : 0);
        for (int i = 0; i < v.length; i++) {
            int[] idx = unravel(i, dims);
            idx[axis] = 0;
            int j = flat(idx, od);
            o[j] = max ? Math.max(o[j], v[i]) : o[j] + v[i];
        }
        if (keep) {
            return new Ref(o, od);
        }
        int[] kd = new int[dims.length - 1];
        for (int i = 0, k = 0; i < dims.length; i++) {
            if (i != axis) {
                kd[k++] = dims[i];
            }
        }
        return new Ref(o, kd);
    }

    static int flat(int[] idx, int[] dims) {
        int off = 0;
        for (int i = 0; i < dims.length; i++) {
            off = off * dims[i] + idx[i];
        }
        return off;
    }

    Ref matmul(Ref b, boolean ta, boolean tb) {
        int m = ta ? dims[1] : dims[0], k = ta ? dims[0] : dims[1];
        int n = tb ? b.dims[0] : b.dims[1];
        double[] o = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    double x = ta ? v[p * m + i] : v[i * k + p];
                    double y = tb ? b.v[j * k + p] : b.v[p * n + j];
                    s += x * y;
                }
                o[i * n + j] = s;
            }
        }
        return new Ref(o, new int[] {m, n});
    }

    Ref permute(int... perm) {
        int[] od = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            od[i] = dims[perm[i]];
        }
        double[] o = new double[v.length];
        for (int i = 0; i < o.length; i++) {
            int[] oi = unravel(i, od);
            int[] ii = new int[dims.length];
            for (int a = 0; a < perm.length; a++) {
                ii[perm[a]] = oi[a];
            }
            o[i] = v[flat(ii, dims)];
        }
        return new Ref(o, od);
    }

    Ref slice(int axis, int start, int end) {
        int[] od = dims.clone();
        od[axis] = end - start;
        double[] o = new double[count(od)];
        for (int i = 0; i < o.length; i++) {
            int[] idx = unravel(i, od);
            idx[axis] += start;
            o[i] = v[flat(idx, dims)];
        }
        return new Ref(o, od);
    }

    static Ref concat(List<Ref> parts, int axis) {
        int[] od = parts.get(0).dims.clone();
        od[axis] = parts.stream().mapToInt(p -> p.dims[axis]).sum();
        double[] o = new double[count(od)];
        for (int i = 0; i < o.length; i++) {
            int[] idx = unravel(i, od);
            int k = idx[axis];
            for (Ref p : parts) {
                if (k < p.dims[axis]) {
                    idx[axis] = k;
                    o[i] = p.v[flat(idx, p.dims)];
                    break;
                }
                k -= p.dims[axis];
            }
        }
        return new Ref(o, od);
    }

    Ref reshape(int... to) {
        return new Ref(v, to);
    }

    static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    static double softplus(double x) {
        return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
    }
}
