package dev.adversarial.gan.cpu;

/**
 * C = op(A)·op(B) in float32, blocked in the Goto/BLIS way around a {@link BlockKernel}:
 *
 * <pre>
 * for jc in steps of NC        (columns of C and B)
 *   for pc in steps of KC      (the summation index, in fixed steps so every split sums alike)
 *     pack B[pc.., jc..]       (KC×NC: about 1 MiB, read once per A block, from L2/L3)
 *     for ic in steps of MC    (rows of C and A)
 *       pack A[ic.., pc..]     (MC×KC: about 144 KiB, stays in L2 while B streams past)
 *       kernel.multiply        (C[ic.., jc..] = or += the packed product)
 * </pre>
 *
 * The packing absorbs the transposes, so all four combinations of flags run the same kernel.
 *
 * <p>MC and NC are whole numbers of the kernel's register tile (MR×NR, {@link BlockKernel#mr()}
 * and {@link BlockKernel#nr()}), so they follow the kernel this instance was given.
 *
 * <p>Large products are split over the backend's {@link Workers} in whole tiles (NR columns, or
 * MR rows when C is taller than wide); each thread packs B into per-thread buffers that are
 * reused across calls, so a call allocates only its task objects. A column split (and a single
 * thread walking several NC blocks) needs all of A in every part and block: it is packed once
 * into a {@link PackedA} they share, where each thread used to pack all of it per NC block.
 * Results do not depend on the split or the thread count, bit for bit: see the contract in
 * {@link BlockKernel}. Products with m, n or k of 1 skip all this on the vector kernels: {@link
 * ThinProduct}, with the same bits.
 */
final class MatMul {
    static final int KC = 256;
    /** Rows of A per packed block, rounded up to whole tiles: 144 for the 6-row tile. */
    private static final int MC_TARGET = 144;
    /** Columns of B per packed block, rounded down to whole tiles: 1024 for 16- and 32-wide tiles. */
    private static final int NC_TARGET = 1024;
    /**
     * Below this many multiply-adds (about 0.1 ms of vector-kernel work) the product runs on the
     * calling thread alone. Measured on the 2-core machine with the vector kernel: a second
     * thread lost at 1–3.2 M (100·128·128: 38–53 GFLOP/s alone, 28–38 split; 100·180·180: 43–51
     * against 33–38), was a toss-up at 4 M (100·200·200) and won from 6.5 M (100·256·256: 41 →
     * 50); the cost is waking the helper, its cold caches and, at the time, packing A twice (now
     * shared, {@link PackedA}). The scalar kernel, several times slower, would gain from a second
     * thread somewhat earlier; it shares this threshold because it is the fallback, not the path
     * to tune.
     */
    static final long PARALLEL_THRESHOLD = 1L << 22;

    /**
     * Per-thread packing buffers and edge-tile scratch, allocated once per thread and kernel
     * shape (a thread that serves two kernels, as tests do, keeps the larger buffers).
     */
    private static final class Workspace {
        final float[] ap;
        final float[] bp;
        final float[] tile;

        Workspace(int apSize, int bpSize, int tileSize) {
            ap = new float[apSize];
            bp = new float[bpSize];
            tile = new float[tileSize];
        }

        boolean fits(int apSize, int bpSize, int tileSize) {
            return ap.length >= apSize && bp.length >= bpSize && tile.length >= tileSize;
        }
    }

    private static final ThreadLocal<Workspace> WORKSPACE = new ThreadLocal<>();

    private final Workers workers;
    private final BlockKernel kernel;
    private final int mr, nr, mcBlock, ncBlock;
    private final PackedA packedA;
    /** The kernel, where thin products take {@link ThinProduct}'s path; null otherwise. */
    private final TileKernel thin;

    MatMul(int threads) {
        this(new Workers(threads), BlockKernel.selected());
    }

    MatMul(int threads, BlockKernel kernel) {
        this(new Workers(threads), kernel);
    }

    MatMul(Workers workers, BlockKernel kernel) {
        this(workers, kernel, true);
    }

    /** {@code thinPath} false sends thin products through the tile path too, for tests to compare. */
    MatMul(Workers workers, BlockKernel kernel, boolean thinPath) {
        this.thin = thinPath && kernel instanceof TileKernel t ? t : null;
        this.workers = workers;
        this.kernel = kernel;
        this.mr = kernel.mr();
        this.nr = kernel.nr();
        this.mcBlock = (MC_TARGET + mr - 1) / mr * mr;
        this.ncBlock = Math.max(1, NC_TARGET / nr) * nr;
        this.packedA = new PackedA(kernel, mcBlock);
    }

    private Workspace workspace() {
        Workspace w = WORKSPACE.get();
        int apSize = mcBlock * KC, bpSize = KC * ncBlock, tileSize = mr * nr;
        if (w == null || !w.fits(apSize, bpSize, tileSize)) {
            w = new Workspace(Math.max(apSize, w == null ? 0 : w.ap.length),
                    Math.max(bpSize, w == null ? 0 : w.bp.length), Math.max(tileSize, w == null ? 0 : w.tile.length));
            WORKSPACE.set(w);
        }
        return w;
    }

    int threads() {
        return workers.threads();
    }

    BlockKernel kernel() {
        return kernel;
    }

    /** A is [m,k] (or [k,m] if ta), B is [k,n] (or [n,k] if tb), C is [m,n] and fully overwritten. */
    void multiply(float[] a, boolean ta, float[] b, boolean tb, float[] c, int m, int n, int k) {
        multiply(a, ta, b, tb, null, c, m, n, k);
    }

    /**
     * As above with a B [k,n] that is gathered while packing ({@link Packing.Gather}): the same
     * blocking and thread split, so the same bits as the product of the stored B.
     */
    void multiply(float[] a, boolean ta, Packing.Gather b, float[] c, int m, int n, int k) {
        multiply(a, ta, null, false, b, c, m, n, k);
    }

    /** Exactly one of b and gather is non-null. */
    private void multiply(float[] a, boolean ta, float[] b, boolean tb, Packing.Gather gather,
                          float[] c, int m, int n, int k) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            java.util.Arrays.fill(c, 0, m * n, 0f);
            return;
        }
        if (thin != null && gather == null && ThinProduct.applies(m, n, k)) {
            ThinProduct.multiply(thin, workers, a, ta, b, tb, c, m, n, k);
            return;
        }
        // Split along the longer side of C, in whole tiles so that only the last part has an edge.
        boolean byColumns = n >= m;
        int unit = byColumns ? nr : mr, extent = byColumns ? n : m;
        int tiles = (extent + unit - 1) / unit;
        int parts = (long) m * n * k < PARALLEL_THRESHOLD ? 1
                : Math.min(tiles, workers.threads() * (byColumns ? Workers.PARTS_PER_THREAD : 1));
        // Every part of a column split, and every column block, needs all of A: pack it once.
        PackedA shared = byColumns && (parts > 1 || n > ncBlock) && packedA.open(a, ta, m, k) ? packedA : null;
        try {
            if (parts == 1) {
                block(a, ta, b, tb, gather, shared, c, m, n, k, 0, m, 0, n);
                return;
            }
            workers.run(parts, t -> {
                int s = Math.min(extent, (int) ((long) tiles * t / parts) * unit);
                int e = Math.min(extent, (int) ((long) tiles * (t + 1) / parts) * unit);
                if (byColumns) {
                    block(a, ta, b, tb, gather, shared, c, m, n, k, 0, m, s, e);
                } else {
                    block(a, ta, b, tb, gather, null, c, m, n, k, s, e, 0, n);
                }
            });
        } finally {
            if (shared != null) {
                shared.close();
            }
        }
    }

    /** Computes C[i0:i1, j0:j1] with this thread's buffers, and A's blocks from {@code shared} unless null. */
    private void block(float[] a, boolean ta, float[] b, boolean tb, Packing.Gather gather, PackedA shared,
                       float[] c, int m, int n, int k, int i0, int i1, int j0, int j1) {
        Workspace w = workspace();
        for (int jc = j0; jc < j1; jc += ncBlock) {
            int nc = Math.min(ncBlock, j1 - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                if (gather == null) {
                    kernel.packB(b, tb, n, k, pc, kc, jc, nc, w.bp);
                } else {
                    kernel.packB(gather, pc, kc, jc, nc, w.bp);
                }
                for (int ic = i0; ic < i1; ic += mcBlock) {
                    int mc = Math.min(mcBlock, i1 - ic);
                    int ao = shared == null ? -1 : shared.block(pc, kc, ic, mc);
                    float[] ap = ao >= 0 ? shared.panels() : w.ap;
                    if (ao < 0) {
                        ao = 0;
                        kernel.packA(a, ta, m, k, ic, mc, pc, kc, ap, 0);
                    }
                    kernel.multiply(ap, ao, w.bp, mc, nc, kc, c, ic * n + jc, n, pc == 0, w.tile);
                }
            }
        }
    }
}
