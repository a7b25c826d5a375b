package dev.adversarial.gan.cpu;

import dev.adversarial.gan.api.Conv2dSpec;
import dev.adversarial.gan.api.Shape;
import dev.adversarial.gan.cpu.DirectConvolution.Geometry;
import java.util.Arrays;

/**
 * The three convolution kernels as matrix products on {@link MatMul}'s packed kernel. Per
 * channel group, with the patches of a chunk of images side by side as
 * cols [C/g·kh·kw, images·OH·OW] (row and column order as {@link Im2Col} writes them):
 *
 * <pre>
 * conv2d            out   = W · cols          then each image's [O, OH·OW] copied into place
 * convTranspose2d   by stride phases ({@link PhasedTranspose}), or for fewer than 8 output
 *                   channels per group cols = Wᵀ · x, added back onto the image planes (col2im)
 * conv2dWeight      dW    = g · colsᵀ          summed over chunks in chunk order, or transposed,
 *                   dWᵀ = cols · gᵀ, where that pads the register tile far less (few patch rows)
 * </pre>
 *
 * The patch matrix is not written out for conv2d and the plain weight gradient: MatMul gathers
 * it into its packed panels straight from a zero-padded copy of the images ({@link PatchSource},
 * {@link Packing.Gather}), which saves writing and re-reading 16 times the images for a 4×4
 * kernel (12.8 MB at the DCGAN's 64→128 layer).
 *
 * <p>One product covers a whole chunk of images rather than one image: the DCGAN layers have
 * only 49–196 output positions per image, too few columns for the register tile and far below
 * the size at which MatMul splits a product over both cores; 64 images side by side make one
 * product that both cores share and whose packed weight is reused across all of them. The
 * copies around the product (padding, gathering a chunk's channels, scattering the output) are
 * split over the workers by image. The products run on the calling thread's MatMul, never from
 * inside a worker task.
 *
 * <p>Chunks hold at most {@link #CHUNK_FLOATS} floats of patches (whole images), so their size,
 * the route taken and with them every sum depend on the shapes (and the kernel) alone: results
 * are the same bit for bit for any number of threads, as MatMul's are. Scratch arrays come from
 * the backend's pool and go back to it, index tables are per thread, so steady-state calls
 * allocate nothing but task objects and the geometry.
 */
final class PackedConvolution {
    /** Floats of patches per chunk of images, unless a single image needs more. */
    static final int CHUNK_FLOATS = 1 << 22;

    /** Per calling thread: the gather tables of the transposed weight gradient's g operand, and the column runs. */
    private static final ThreadLocal<int[][]> OUTPUT_TABLES =
            ThreadLocal.withInitial(() -> new int[][] {new int[0], new int[0], new int[0]});

    private final MatMul matmul;
    private final Workers workers;
    private final BufferPool pool;
    private final int chunkFloats;
    private final PhasedTranspose phased;

    PackedConvolution(MatMul matmul, Workers workers, BufferPool pool) {
        this(matmul, workers, pool, CHUNK_FLOATS);
    }

    /** With chunks of at most {@code chunkFloats} floats of patches: tests make them small. */
    PackedConvolution(MatMul matmul, Workers workers, BufferPool pool, int chunkFloats) {
        this.matmul = matmul;
        this.workers = workers;
        this.pool = pool;
        this.chunkFloats = chunkFloats;
        this.phased = new PhasedTranspose(matmul, workers, pool);
    }

    /** out [N,O,OH,OW] = x [N,C,H,W] ⋆ w [O,C/g,kh,kw]; as {@link DirectConvolution#conv2d}. */
    void conv2d(float[] x, Shape xs, float[] w, Shape ws, Conv2dSpec s, float[] out, Shape os) {
        Layout l = new Layout(new Geometry(xs, ws, os, s), s.groups(), chunkFloats);
        Geometry q = l.q;
        PatchSource patches = new PatchSource(q, s, l.ci, l.chunk);
        float[] xp = patches.padded ? pool.takeForOverwrite(l.chunk * patches.imageFloats) : null;
        float[] prod = pool.takeForOverwrite(l.co * l.chunk * l.p);
        float[] wg = l.groups == 1 ? w : pool.takeForOverwrite(l.co * l.rows);
        try {
            for (int n0 = 0; n0 < q.n; n0 += l.chunk) {
                int images = Math.min(l.chunk, q.n - n0), width = images * l.p, first = n0;
                float[] src = pad(x, first, images, l, patches, xp);
                for (int g = 0; g < l.groups; g++) {
                    int group = g;
                    float[] a = weightBlock(w, group, l, wg);
                    Packing.Gather cols = new Packing.Gather(src, patches.offset(first, group * l.ci),
                            patches.rows, patches.columns, patches.columnRuns);
                    matmul.multiply(a, false, cols, prod, l.co, width, l.rows);
                    workers.forRange(images, l.minImages, (from, to) -> {
                        for (int b = from; b < to; b++) {
                            // prod row o, this image's columns → out[n, g·co + o, ·].
                            int dst = ((first + b) * q.o + group * l.co) * l.p;
                            for (int o = 0; o < l.co; o++) {
                                System.arraycopy(prod, o * width + b * l.p, out, dst + o * l.p, l.p);
                            }
                        }
                    });
                }
            }
        } finally {
            recycle(xp, x);
            recycle(prod, out);
            recycle(wg, w);
        }
    }

    /**
     * out [N,O,OH,OW] = the transposed convolution of x [N,C,H,W] with w [C,O/g,kh,kw]; as
     * {@link DirectConvolution#convTranspose2d}.
     */
    void convTranspose2d(float[] x, Shape xs, float[] w, Shape ws, Conv2dSpec s, float[] out, Shape os) {
        // In conv2d's terms the output is the input side (channels O, planes OH×OW) and x the output side.
        Layout l = new Layout(new Geometry(os, ws, xs, s), s.groups(), chunkFloats);
        Geometry q = l.q;
        if (PhasedTranspose.suits(l.ci)) {
            phased.run(x, w, s, out, q, l.groups, l.chunk, l.minImages);
            return;
        }
        float[] xg = pool.takeForOverwrite(l.co * l.chunk * l.p), cols = pool.takeForOverwrite(l.rows * l.chunk * l.p);
        float[] wg = l.groups == 1 ? w : pool.takeForOverwrite(l.co * l.rows);
        try {
            for (int n0 = 0; n0 < q.n; n0 += l.chunk) {
                int images = Math.min(l.chunk, q.n - n0), width = images * l.p, first = n0;
                for (int g = 0; g < l.groups; g++) {
                    int group = g;
                    gather(x, first, images, group, l, xg);
                    // cols [rows, width] = W_gᵀ · x_g, with W_g stored [co, rows].
                    matmul.multiply(weightBlock(w, group, l, wg), true, xg, false, cols, l.rows, width, l.co);
                    workers.forRange(images, l.minImages, (from, to) -> {
                        int dst = ((first + from) * q.c + group * l.ci) * l.hw, imageStride = q.c * l.hw;
                        for (int b = from; b < to; b++) {
                            int plane = dst + (b - from) * imageStride;
                            Arrays.fill(out, plane, plane + l.ci * l.hw, 0f);
                        }
                        Im2Col.col2im(cols, from * l.p, width, to - from, l.ci, q, s, out, dst, imageStride);
                    });
                }
            }
        } finally {
            recycle(xg, x);
            recycle(cols, out);
            recycle(wg, w);
        }
    }

    /**
     * out [O,C/g,kh,kw] = Σ over images and positions of g [N,O,OH,OW] times the patches of
     * x [N,C,H,W]; as {@link DirectConvolution#conv2dWeight}.
     */
    void conv2dWeight(float[] x, Shape xs, float[] g, Shape gs, Conv2dSpec s, float[] out, Shape ws) {
        Layout l = new Layout(new Geometry(xs, ws, gs, s), s.groups(), chunkFloats);
        Geometry q = l.q;
        if (q.n == 0) {
            Arrays.fill(out, 0, ws.size(), 0f);
            return;
        }
        int block = l.co * l.rows;
        if (transposedSuits(l)) {
            conv2dWeightTransposed(x, g, s, out, l);
            return;
        }
        // The product lands in out itself when one product makes each group's whole block.
        boolean direct = l.groups == 1 && l.chunk >= q.n;
        PatchSource patches = new PatchSource(q, s, l.ci, l.chunk);
        float[] xp = patches.padded ? pool.takeForOverwrite(l.chunk * patches.imageFloats) : null;
        float[] gg = pool.takeForOverwrite(l.co * l.chunk * l.p);
        float[] part = direct ? out : pool.takeForOverwrite(block);
        try {
            for (int n0 = 0; n0 < q.n; n0 += l.chunk) {
                int images = Math.min(l.chunk, q.n - n0), width = images * l.p;
                float[] src = pad(x, n0, images, l, patches, xp);
                for (int grp = 0; grp < l.groups; grp++) {
                    gather(g, n0, images, grp, l, gg);
                    // dW_g [co, rows] = g_g [co, width] · cols [rows, width]ᵀ, the patches gathered
                    // with the roles of the tables swapped.
                    Packing.Gather colsT = new Packing.Gather(src, patches.offset(n0, grp * l.ci),
                            patches.columns, patches.rows, patches.rowRuns);
                    matmul.multiply(gg, false, colsT, part, l.co, l.rows, width);
                    if (!direct) {
                        int o = grp * block;
                        for (int i = 0; i < block; i++) {
                            out[o + i] = n0 == 0 ? part[i] : out[o + i] + part[i];
                        }
                    }
                }
            }
        } finally {
            recycle(xp, x);
            recycle(gg, g);
            recycle(part, out);
        }
    }

    /**
     * Whether the weight gradient wastes far less of the register tile as its transpose: the
     * image layer's [64, 16] gradient fills 16 of the 512-bit kernel's 32 columns, and its
     * transpose [16, 64] 16 of 20 rows and all columns. Depends on the shapes and the kernel only.
     */
    private boolean transposedSuits(Layout l) {
        int mr = matmul.kernel().mr(), nr = matmul.kernel().nr();
        long plain = (long) ceil(l.co, mr) * ceil(l.rows, nr), transposed = (long) ceil(l.rows, mr) * ceil(l.co, nr);
        return 4 * transposed < 3 * plain;
    }

    private static int ceil(int n, int unit) {
        return (n + unit - 1) / unit * unit;
    }

    /**
     * dW_gᵀ [rows, co] = cols [rows, width] · g_g [co, width]ᵀ, then transposed into out: for few
     * patch rows (the image layer's 16), where the patches are small enough to write out
     * (im2col), and g_gᵀ is gathered from g itself while packing (row j = image b, position
     * pos at b·O·OH·OW + pos; column o at o·OH·OW), with the kernel's vector gathers.
     */
    private void conv2dWeightTransposed(float[] x, float[] g, Conv2dSpec s, float[] out, Layout l) {
        Geometry q = l.q;
        int block = l.co * l.rows, perImage = q.o * l.p;
        int[][] t = OUTPUT_TABLES.get();
        if (t[0].length < l.chunk * l.p) {
            t[0] = new int[l.chunk * l.p];
        }
        if (t[1].length < l.co) {
            t[1] = new int[l.co];
        }
        int[] positions = t[0], channels = t[1];
        for (int b = 0, j = 0; b < l.chunk; b++) {
            for (int pos = 0; pos < l.p; pos++) {
                positions[j++] = b * perImage + pos;
            }
        }
        for (int o = 0; o < l.co; o++) {
            channels[o] = o * l.p;
        }
        int[] channelRuns = t[2] = Packing.runLengths(channels, l.co, t[2]);
        float[] cols = pool.takeForOverwrite(l.rows * l.chunk * l.p), part = pool.takeForOverwrite(block);
        try {
            for (int n0 = 0; n0 < q.n; n0 += l.chunk) {
                int images = Math.min(l.chunk, q.n - n0), width = images * l.p, first = n0;
                for (int grp = 0; grp < l.groups; grp++) {
                    int group = grp;
                    workers.forRange(images, l.minImages, (from, to) -> Im2Col.im2col(x,
                            ((first + from) * q.c + group * l.ci) * l.hw, q.c * l.hw, to - from, l.ci, q, s,
                            cols, from * l.p, width));
                    Packing.Gather gT = new Packing.Gather(g, first * perImage + grp * l.co * l.p, positions, channels,
                            channelRuns);
                    matmul.multiply(cols, false, gT, part, l.rows, l.co, width);
                    int o0 = grp * block;
                    for (int o = 0; o < l.co; o++) {
                        for (int r = 0; r < l.rows; r++) {
                            int i = o0 + o * l.rows + r;
                            out[i] = n0 == 0 ? part[r * l.co + o] : out[i] + part[r * l.co + o];
                        }
                    }
                }
            }
        } finally {
            recycle(cols, x);
            recycle(part, out);
        }
    }

    /**
     * The images [first, first + images) as the patches' source: their zero-padded copy in
     * {@code xp}, written over the workers, or x itself when there is no padding.
     */
    private float[] pad(float[] x, int first, int images, Layout l, PatchSource patches, float[] xp) {
        if (!patches.padded) {
            return x;
        }
        workers.forRange(images, l.minImages, (from, to) -> patches.pad(x, first, from, to, xp));
        return xp;
    }

    /**
     * Group g's channels of the output-side tensor t [N, O, OH·OW] for images [first, first +
     * images) as one matrix [O/g, images·OH·OW], each image's positions a run of columns.
     */
    private void gather(float[] t, int first, int images, int g, Layout l, float[] dst) {
        int width = images * l.p;
        workers.forRange(images, l.minImages, (from, to) -> {
            for (int b = from; b < to; b++) {
                int src = ((first + b) * l.q.o + g * l.co) * l.p;
                for (int o = 0; o < l.co; o++) {
                    System.arraycopy(t, src + o * l.p, dst, o * width + b * l.p, l.p);
                }
            }
        });
    }

    /**
     * Group g's rows of a weight viewed as [groups·co, rows] (conv2d's [O, C/g·kh·kw] and the
     * transposed convolution's [C, O/g·kh·kw] both are): the weight itself for one group, else a
     * copy at offset 0, which is where MatMul reads its operands.
     */
    private static float[] weightBlock(float[] w, int g, Layout l, float[] scratch) {
        if (l.groups == 1) {
            return w;
        }
        System.arraycopy(w, g * l.co * l.rows, scratch, 0, l.co * l.rows);
        return scratch;
    }

    /** Returns a scratch array to the pool unless it is absent or the caller's own array. */
    private void recycle(float[] scratch, float[] callers) {
        if (scratch != null && scratch != callers) {
            pool.recycle(scratch);
        }
    }

    /** Sizes of the products for one convolution, in conv2d's terms (input side C, output side O). */
    private static final class Layout {
        final Geometry q;
        final int groups, ci, co, rows, p, hw, chunk, minImages;

        Layout(Geometry q, int groups, int chunkFloats) {
            this.q = q;
            this.groups = groups;
            ci = q.c / groups;
            co = q.o / groups;
            rows = ci * q.kh * q.kw;
            p = q.oh * q.ow;
            hw = q.h * q.w;
            int perImage = Math.max(1, Math.max(rows, co) * p);
            chunk = Math.max(1, Math.min(q.n, chunkFloats / perImage));
            // Copies of fewer than 2·PARALLEL_FLOATS stay on the calling thread, as elsewhere.
            minImages = Math.max(1, CpuKernels.PARALLEL_FLOATS / Math.max(1, (rows + co) * p));
        }
    }
}
