package dev.adversarial.gan.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * C = op(A)·op(B) when m, n or k is 1, on a {@link TileKernel}, without packing. The DCGAN
 * discriminator's last layer (Linear 6272→1) makes about eight such products an iteration, and
 * the packed register tile wastes most of its work on them: n = 1 fills one of 16 or 32 tile
 * columns, m = 1 one of 6 or 10 rows, and k = 1 packs both operands for one FMA per element.
 *
 * <p>The tile computes every element as one FMA chain over k, in increasing k from 0f (KC
 * blocking reloads C into the accumulator, which continues the same chain); each path here
 * computes the same chain, with {@link Math#fma(float, float, float)} or the kernel's own vector
 * fma, so the bits are those of the tile path. Not fma(a, b, 0f) → a·b: that differs on signed
 * zeros. In each case one operand is read along a contiguous vector or row whatever its flag:
 *
 * <ul>
 *   <li>n = 1, transposed A: outputs contiguous along a row of A, {@link TileKernel#strip}
 *       vectorised along them.
 *   <li>m = 1, row-major B: the same with the roles of A and B swapped.
 *   <li>k = 1: each row of C is a row of B scaled, {@link TileKernel#scaled}.
 *   <li>n = 1, row-major A, and m = 1, transposed B: a dot product per output along a contiguous
 *       row, {@link #dots}.
 * </ul>
 *
 * <p>Results do not depend on where the outputs are split between threads: each output's chain
 * is fixed, whichever loop (vector block, single vector, tail) computes it.
 *
 * <p>MatMul calls this class only with a tile kernel, so a JVM without the Vector API never
 * loads it.
 *
 * <p>MatMulBenchmark, tile path → this, µs, vector256 / vector512 (Intel Xeon, 2026-12-03 06:07–
 * 06:20 UTC, alternating runs, load 2–4 from other builds): D's forward 64x6272x1:T 347–378 /
 * 362–393 → 75–81 / 80–84; its weight gradient 1x64x6272:L 87–146 / 108 → 22–29 / 26–27; its
 * input gradient 64x1x6272:N 62 / 50–54 → 50–52 / 36–38 (writing C's 1.6 MB dominates).
 */
final class ThinProduct {
    /** Dot products run this many rows' independent chains side by side: see {@link #dots}. */
    private static final int ROWS = 8;

    private ThinProduct() {
    }

    /** Whether this product is thin: m, n or k is 1 (and none is 0, which MatMul handles). */
    static boolean applies(int m, int n, int k) {
        return m == 1 || n == 1 || k == 1;
    }

    /**
     * C = op(A)·op(B), thin; split over {@code workers} along C's contiguous outputs (rows for k
     * = 1) from {@link MatMul#PARALLEL_THRESHOLD} multiply-adds on, as the tile path is.
     */
    static void multiply(TileKernel kernel, Workers workers, float[] a, boolean ta, float[] b, boolean tb,
                         float[] c, int m, int n, int k) {
        int extent = n == 1 || (k == 1 && m > 1) ? m : n;
        if ((long) m * n * k < MatMul.PARALLEL_THRESHOLD) {
            range(kernel, a, ta, b, tb, c, m, n, k, 0, extent);
        } else {
            workers.forRange(extent, 64, (from, to) -> range(kernel, a, ta, b, tb, c, m, n, k, from, to));
        }
    }

    /** Outputs [from, to) of C: elements of a row or column, or rows of C for k = 1. */
    private static void range(TileKernel kernel, float[] a, boolean ta, float[] b, boolean tb,
                              float[] c, int m, int n, int k, int from, int to) {
        int len = to - from;
        if (n == 1) {
            // op(B) is b[0..k) either way; with k = 1 so is op(A)'s column, read as transposed.
            if (ta || k == 1) {
                kernel.strip(b, 0, a, from, m, k, c, from, len);
            } else {
                dots(a, from * k, k, b, 0, c, from, len);
            }
        } else if (m == 1) {
            // op(A) is a[0..k) either way; with k = 1 so is op(B)'s row, read as row-major.
            if (!tb || k == 1) {
                kernel.strip(a, 0, b, from, n, k, c, from, len);
            } else {
                dots(b, from * k, k, a, 0, c, from, len);
            }
        } else {
            // k = 1: op(A)'s column is a[0..m) and op(B)'s row b[0..n), whatever the flags.
            for (int i = from; i < to; i++) {
                kernel.scaled(a[i], b, 0, c, i * n, n);
            }
        }
    }

    /**
     * c[co + j] for j &lt; len as {@link TileKernel#strip} does, for the last outputs that fill no
     * vector: the len chains advance together, kept in C itself, so they overlap each other's
     * FMA latency instead of running one after another.
     */
    static void stripTail(float[] s, int so, float[] v, int vo, int vs, int depth, float[] c, int co, int len) {
        java.util.Arrays.fill(c, co, co + len, 0f);
        for (int p = 0; p < depth; p++) {
            float x = s[so + p];
            int o = vo + p * vs;
            for (int j = 0; j < len; j++) {
                c[co + j] = Math.fma(x, v[o + j], c[co + j]);
            }
        }
    }

    /**
     * c[co + r] = the chain over p &lt; k of x[xo + r·k + p]·y[yo + p], r &lt; rows. One chain
     * cannot be reordered, so eight rows' chains run side by side in scalar FMAs: eight
     * independent chains cover the FMA latency, and 64x6272x1:T runs at about 5 FMAs a
     * nanosecond, near two scalar FMAs a cycle. Vectorising across rows would need a transpose
     * of every lanes×lanes block; not tried, as at most ~40 µs of each such product is left.
     * Rows past the last eight go through C as {@link #stripTail}'s do.
     */
    private static void dots(float[] x, int xo, int k, float[] y, int yo, float[] c, int co, int rows) {
        int r = 0;
        for (; r + ROWS <= rows; r += ROWS) {
            float c0 = 0f, c1 = 0f, c2 = 0f, c3 = 0f, c4 = 0f, c5 = 0f, c6 = 0f, c7 = 0f;
            int o = xo + r * k;
            for (int p = 0; p < k; p++, o++) {
                float w = y[yo + p];
                c0 = Math.fma(x[o], w, c0);
                c1 = Math.fma(x[o + k], w, c1);
                c2 = Math.fma(x[o + 2 * k], w, c2);
                c3 = Math.fma(x[o + 3 * k], w, c3);
                c4 = Math.fma(x[o + 4 * k], w, c4);
                c5 = Math.fma(x[o + 5 * k], w, c5);
                c6 = Math.fma(x[o + 6 * k], w, c6);
                c7 = Math.fma(x[o + 7 * k], w, c7);
            }
            c[co + r] = c0;
            c[co + r + 1] = c1;
            c[co + r + 2] = c2;
            c[co + r + 3] = c3;
            c[co + r + 4] = c4;
            c[co + r + 5] = c5;
            c[co + r + 6] = c6;
            c[co + r + 7] = c7;
        }
        int left = rows - r, o = xo + r * k;
        java.util.Arrays.fill(c, co + r, co + rows, 0f);
        for (int p = 0; p < k; p++) {
            float w = y[yo + p];
            for (int j = 0; j < left; j++) {
                c[co + r + j] = Math.fma(x[o + j * k + p], w, c[co + r + j]);
            }
        }
    }

    /**
     * {@link TileKernel#scaled}: one vector per step, no chain to cover. Through {@link
     * TileKernel#strip} with depth 1 the 512-bit 64x1x6272:N took 56–60 µs, slower than the tile
     * path's 50–54 (MatMulBenchmark, Intel Xeon, 2026-12-03 06:17 UTC); this loop 36–38.
     *
     * <p>Written once for both kernels: each kernel's {@code scaled} passes its own species
     * constant, and this method is small enough that C2 inlines it there and sees that constant
     * (36 µs measured so). {@code strip} is not shared this way: as one method with the species
     * as a parameter, 1x64x6272:L went from 22–29 µs to 640–670, the species no longer a
     * constant where its vectors are made.
     */
    static void scaled(VectorSpecies<Float> sp, float x, float[] v, int vo, float[] c, int co, int len) {
        FloatVector s = FloatVector.broadcast(sp, x), zero = FloatVector.zero(sp);
        int lanes = sp.length(), j = 0;
        for (; j + lanes <= len; j += lanes) {
            s.fma(FloatVector.fromArray(sp, v, vo + j), zero).intoArray(c, co + j);
        }
        for (; j < len; j++) {
            c[co + j] = Math.fma(x, v[vo + j], 0f);
        }
    }
}
