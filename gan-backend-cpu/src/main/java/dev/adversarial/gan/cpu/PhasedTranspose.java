package dev.adversarial.gan.cpu;

import dev.adversarial.gan.api.Conv2dSpec;
import dev.adversarial.gan.cpu.DirectConvolution.Geometry;

/**
 * The transposed convolution without col2im: its output split into stride phases, each a plain
 * matrix product whose every element is one output value. In conv2d's terms (x [N,O,OH,OW] the
 * output side, out [N,C,H,W] the input side), output row iy receives the taps ki with
 * iy ≡ ki·dilation − pad (mod stride), each from x row oy = (iy + pad − ki·dilation) / stride.
 * Group the rows by their residue r = iy mod stride: for the rows iy = r + stride·t of one
 * residue, the taps are a fixed set and oy = t + shift(ki), so that phase of the output is
 *
 * <pre>
 * out_phase [C/g, images·rows·columns of the phase] = W_phase [C/g, O/g·taps] · patches [O/g·taps, …]
 * </pre>
 *
 * a convolution of x with a quarter of the kernel (for stride 2 and 4×4 taps: 2×2) at stride 1,
 * whose patches {@link Packing.Gather} takes from a zero-padded copy of x. Each output value is
 * written once, by the scatter of its phase's product; nothing is accumulated across phases.
 * Against im2col's route (cols = Wᵀ·x, 16 times the size of x at the DCGAN shapes, then added
 * back with a stride-2 scatter, a third of the call's time) this writes the output once.
 *
 * <p>The products have C/g rows, so for few output channels (the image layer's 1) the register
 * tile would be mostly padding: {@link #suits} leaves those to col2im. As elsewhere the products
 * and their sums depend on the shapes alone, not on the threads.
 */
final class PhasedTranspose {
    /** Below this many output channels per group a phase product wastes most of the tile. */
    static final int MIN_CHANNELS = 8;

    /** Per calling thread: the row table, the column table, then its run lengths. */
    private static final ThreadLocal<int[][]> TABLES =
            ThreadLocal.withInitial(() -> new int[][] {new int[0], new int[0], new int[0]});

    private final MatMul matmul;
    private final Workers workers;
    private final BufferPool pool;

    PhasedTranspose(MatMul matmul, Workers workers, BufferPool pool) {
        this.matmul = matmul;
        this.workers = workers;
        this.pool = pool;
    }

    /** Whether this route suits a transposed convolution with {@code channelsPerGroup} output channels per group. */
    static boolean suits(int channelsPerGroup) {
        return channelsPerGroup >= MIN_CHANNELS;
    }

    /** The taps of one axis by residue of the output index, and the padding they need around x. */
    private static final class Axis {
        final int stride;
        final int[][] taps;
        final int[][] shifts;
        final int[] count;
        final int padLo, padded;

        /** Output (conv2d's input) size {@code in}, x size {@code out}, kernel k. */
        Axis(int in, int out, int k, int stride, int pad, int dilation) {
            this.stride = stride;
            taps = new int[stride][];
            shifts = new int[stride][];
            count = new int[stride];
            int lo = 0, hi = 0;
            for (int r = 0; r < stride; r++) {
                count[r] = r < in ? (in - r + stride - 1) / stride : 0;
                int n = 0;
                for (int t = 0; t < k; t++) {
                    n += Math.floorMod(t * dilation - pad - r, stride) == 0 ? 1 : 0;
                }
                taps[r] = new int[n];
                shifts[r] = new int[n];
                for (int t = 0, i = 0; t < k; t++) {
                    if (Math.floorMod(t * dilation - pad - r, stride) == 0) {
                        taps[r][i] = t;
                        shifts[r][i] = (r + pad - t * dilation) / stride; // exact
                        if (count[r] > 0) {
                            lo = Math.max(lo, -shifts[r][i]);
                            hi = Math.max(hi, count[r] - 1 + shifts[r][i] - (out - 1));
                        }
                        i++;
                    }
                }
            }
            padLo = lo;
            padded = out + lo + hi;
        }
    }

    /**
     * out [N,C,H,W] (every element written) = the transposed convolution of x [N,O,OH,OW] with
     * w [O, C/g, kh, kw], q in conv2d's terms, images in chunks of {@code chunk}. The phases of
     * one output row residue (ry, every rx) run back to back and are then scattered together, so
     * each output row is written whole in one pass rather than a stride-sw part per phase (at
     * stride 2 every cache line of the output was written twice, half each time). The phase
     * weights are made once per group, for all phases in one pass over w.
     */
    void run(float[] x, float[] w, Conv2dSpec s, float[] out, Geometry q, int groups, int chunk, int minImages) {
        Axis ay = new Axis(q.h, q.oh, q.kh, s.strideH(), s.padH(), s.dilationH());
        Axis ax = new Axis(q.w, q.ow, q.kw, s.strideW(), s.padW(), s.dilationW());
        int ci = q.c / groups, co = q.o / groups, ppw = ax.padded, plane = ay.padded * ppw, imageFloats = q.o * plane;
        int maxTaps = 0, maxPositions = 0;
        for (int ry = 0; ry < ay.stride; ry++) {
            for (int rx = 0; rx < ax.stride; rx++) {
                maxTaps = Math.max(maxTaps, ay.taps[ry].length * ax.taps[rx].length);
                maxPositions = Math.max(maxPositions, ay.count[ry] * ax.count[rx]);
            }
        }
        int[] rows = table(0, co * maxTaps), columns = table(1, chunk * maxPositions);
        int[] runs = table(2, chunk * maxPositions);
        float[] xp = pool.takeForOverwrite(chunk * imageFloats);
        // MatMul reads A and writes C from offset 0: one array per phase weight and per rx product.
        float[][] wp = new float[ay.stride * ax.stride][], prod = new float[ax.stride][];
        for (int i = 0; i < wp.length; i++) {
            wp[i] = pool.takeForOverwrite(Math.max(1, ci * co * maxTaps));
        }
        for (int i = 0; i < prod.length; i++) {
            prod[i] = pool.takeForOverwrite(Math.max(1, ci * chunk * maxPositions));
        }
        try {
            for (int n0 = 0; n0 < q.n; n0 += chunk) {
                int images = Math.min(chunk, q.n - n0), first = n0;
                workers.forRange(images, minImages, (from, to) -> PatchSource.pad(x, q.o, q.oh, q.ow,
                        ay.padLo, ax.padLo, ay.padded, ppw, first, from, to, xp));
                for (int g = 0; g < groups; g++) {
                    if (groups > 1 || n0 == 0) {
                        phaseWeights(w, g, ay, ax, q, ci, co, wp);
                    }
                    for (int ry = 0; ry < ay.stride; ry++) {
                        int cy = ay.count[ry];
                        for (int rx = 0; rx < ax.stride && cy > 0; rx++) {
                            int cx = ax.count[rx];
                            if (cx == 0) {
                                continue;
                            }
                            int depth = phaseRows(ay, ry, ax, rx, co, plane, ppw, rows);
                            for (int b = 0, j = 0; b < images; b++) {
                                for (int ty = 0; ty < cy; ty++) {
                                    for (int tx = 0; tx < cx; tx++) {
                                        columns[j++] = b * imageFloats + ty * ppw + tx;
                                    }
                                }
                            }
                            // Runs of cx: each padded x row's positions lie side by side.
                            Packing.runLengths(columns, images * cy * cx, runs);
                            matmul.multiply(wp[ry * ax.stride + rx], false,
                                    new Packing.Gather(xp, g * co * plane, rows, columns, runs),
                                    prod[rx], ci, images * cy * cx, depth);
                        }
                        if (cy > 0) {
                            scatterRows(prod, first, images, g * ci, ci, ry, cy, ax, q, s, out, minImages);
                        }
                    }
                }
            }
        } finally {
            pool.recycle(xp);
            for (float[] a : wp) {
                pool.recycle(a);
            }
            for (float[] a : prod) {
                pool.recycle(a);
            }
        }
    }

    /** The gather offsets of a phase's patch rows (channel, tap row, tap column); returns their number. */
    private static int phaseRows(Axis ay, int ry, Axis ax, int rx, int co, int plane, int ppw, int[] rows) {
        int[] sy = ay.shifts[ry], sx = ax.shifts[rx];
        int r = 0;
        for (int o = 0; o < co; o++) {
            for (int dy : sy) {
                for (int dx : sx) {
                    rows[r++] = o * plane + (dy + ay.padLo) * ppw + dx + ax.padLo;
                }
            }
        }
        return r;
    }

    /**
     * wp[phase] [C/g, O/g·taps] = group g's weight at that phase's taps, rows ordered as {@link
     * #phaseRows}, for every phase in one pass over w, split over the workers by x channel o:
     * each (o, c) reads its kh·kw taps once (one pass per phase used to read w four times, on
     * the calling thread alone, with a strided write per tap).
     */
    private void phaseWeights(float[] w, int g, Axis ay, Axis ax, Geometry q, int ci, int co, float[][] wp) {
        int kk = q.kh * q.kw;
        workers.forRange(co, Math.max(1, CpuKernels.PARALLEL_FLOATS / Math.max(1, ci * kk)), (from, to) -> {
            for (int o = from; o < to; o++) {
                int src = (g * co + o) * ci * kk;
                for (int ry = 0; ry < ay.stride; ry++) {
                    int[] ty = ay.taps[ry];
                    for (int rx = 0; rx < ax.stride; rx++) {
                        int[] tx = ax.taps[rx];
                        int taps = ty.length * tx.length, depth = co * taps;
                        float[] dst = wp[ry * ax.stride + rx];
                        for (int c = 0; c < ci; c++) {
                            int d = c * depth + o * taps, i = 0, sc = src + c * kk;
                            for (int ki : ty) {
                                for (int kj : tx) {
                                    dst[d + i++] = w[sc + ki * q.kw + kj];
                                }
                            }
                        }
                    }
                }
            }
        });
    }

    /**
     * The products of row residue ry (prod[rx] [ci, images·cy·cx]) into the output rows iy ≡ ry
     * (mod stride), each row's phases interleaved in one pass, split over the workers by image.
     */
    private void scatterRows(float[][] prod, int first, int images, int c0, int ci, int ry, int cy, Axis ax,
                             Geometry q, Conv2dSpec s, float[] out, int minImages) {
        int hw = q.h * q.w, sh = s.strideH(), sw = ax.stride;
        workers.forRange(images, minImages, (from, to) -> {
            for (int b = from; b < to; b++) {
                for (int c = 0; c < ci; c++) {
                    int dst = ((first + b) * q.c + c0 + c) * hw + ry * q.w;
                    for (int ty = 0; ty < cy; ty++) {
                        int d = dst + ty * sh * q.w;
                        if (sw == 2 && ax.count[0] == ax.count[1]) {
                            // The DCGAN's stride 2: both phases of the row in one loop, each pair
                            // of outputs written side by side. ConvBenchmark.forward G1, AVX2 JVM,
                            // alternating (Intel Xeon, 2026-12-03 08:00 UTC): 6.47, 6.83 ms with
                            // the general loop below, 5.99, 6.07 with this one.
                            int cx = ax.count[0], sr = c * images * cy * cx + b * cy * cx + ty * cx;
                            float[] p0 = prod[0], p1 = prod[1];
                            for (int tx = 0; tx < cx; tx++) {
                                out[d + 2 * tx] = p0[sr + tx];
                                out[d + 2 * tx + 1] = p1[sr + tx];
                            }
                            continue;
                        }
                        for (int rx = 0; rx < sw; rx++) {
                            int cx = ax.count[rx], positions = cy * cx;
                            float[] p = prod[rx];
                            int sr = c * images * positions + b * positions + ty * cx;
                            for (int tx = 0; tx < cx; tx++) {
                                out[d + rx + tx * sw] = p[sr + tx];
                            }
                        }
                    }
                }
            }
        });
    }

    private static int[] table(int which, int length) {
        int[][] t = TABLES.get();
        if (t[which].length < length) {
            t[which] = new int[length];
        }
        return t[which];
    }
}
