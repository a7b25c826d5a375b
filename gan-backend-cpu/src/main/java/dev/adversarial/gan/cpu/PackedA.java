package dev.adversarial.gan.cpu;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The whole of op(A) of one product, packed once and shared by the threads that split the
 * product by columns of C, and by the NC-wide column blocks each of them walks; without it each
 * thread packed all of A itself, once per column block (twice per thread for dcgan-mnist's
 * 3136-column products). The blocks (pc, ic) lie one after another, each in exactly the layout
 * {@link BlockKernel#packA} writes, followed by a gap of {@link BlockKernel#packAOverhang()}
 * floats so that packing one block never writes into a neighbour another thread may be reading.
 *
 * <p>A block is packed on demand by the first thread that needs it, which claims it, packs it
 * and publishes it (release/acquire on its state). A thread that finds a block claimed but not
 * yet published packs a private copy instead of waiting: the same values, so the same bits, and
 * never a wait on a thread the OS may have descheduled. Claims are tagged with a per-product
 * generation, so nothing needs clearing between products. Packing on demand needs neither a
 * separate packing phase (a second wake of the helper per product) nor a barrier: the calling
 * thread packs the first blocks while the helper is still waking, and a block costs one CAS.
 *
 * <p>Measured on the Intel Xeon VM (2026-12-03 04:05–04:12 UTC, load average 5–8 from other
 * builds; a harness timing {@link MatMul} with 2 threads, not kept), process CPU time per
 * product, before → after: vector512 128×1024×3136 5.83–6.25 → 5.63–5.83 ms, 64×512×3136
 * 1.86–1.91 → 1.75–1.80 ms, 100×1200×1200 2.10–2.25 → 2.03–2.17 ms; vector256 and the other
 * shapes unchanged within the timer's resolution. Wall times (JMH, gan bench) varied by ±40 %
 * with the load and showed nothing either way.
 *
 * <p>One product at a time uses the buffer: {@link #open} takes it, {@link #close} gives it back,
 * and a product that finds it taken (another thread's product on the same backend) or A too
 * large packs per thread as before. The buffer grows to the largest A seen and is kept, so the
 * steady state allocates nothing.
 */
final class PackedA {
    /**
     * The most floats kept (16 MiB). The recipes' largest A, paper-mnist's 1200×1200 weights,
     * packs to 1.56 M floats (rows rounded up to whole MC blocks); a larger A, for which packing
     * is an ever smaller share of the product, is packed per thread rather than held.
     */
    static final int MAX_FLOATS = 1 << 22;

    private static final VarHandle STATE = MethodHandles.arrayElementVarHandle(long[].class);

    private final BlockKernel kernel;
    private final int mcBlock;
    private final int gap;
    private final AtomicBoolean inUse = new AtomicBoolean();
    private float[] panels = new float[0];
    /** Per block: 2·generation once claimed, 2·generation + 1 once packed; older values mean neither. */
    private long[] state = new long[0];
    private long generation;

    // The open product; written before Workers.run hands out the parts, which orders them before the reads.
    private float[] a;
    private boolean ta;
    private int m;
    private int k;
    private int icBlocks;
    /** Floats per k step of a whole row of blocks: rows rounded up to whole blocks of mcBlock. */
    private int rowFloats;

    PackedA(BlockKernel kernel, int mcBlock) {
        this.kernel = kernel;
        this.mcBlock = mcBlock;
        this.gap = kernel.packAOverhang();
    }

    /**
     * Takes the buffer for A ([m,k], or [k,m] if ta) and returns true, unless it is in use or
     * would exceed {@link #MAX_FLOATS}. Every true must be followed by {@link #close}.
     */
    boolean open(float[] a, boolean ta, int m, int k) {
        int blocksPerColumn = (m + mcBlock - 1) / mcBlock;
        long blocks = (long) blocksPerColumn * ((k + MatMul.KC - 1) / MatMul.KC);
        long floats = (long) k * blocksPerColumn * mcBlock + blocks * gap;
        if (floats > MAX_FLOATS || !inUse.compareAndSet(false, true)) {
            return false;
        }
        if (panels.length < floats) {
            panels = new float[(int) floats];
        }
        if (state.length < blocks) {
            state = new long[(int) blocks];
        }
        generation++;
        this.a = a;
        this.ta = ta;
        this.m = m;
        this.k = k;
        this.icBlocks = blocksPerColumn;
        this.rowFloats = blocksPerColumn * mcBlock;
        return true;
    }

    /** Gives the buffer back (and drops the reference to A); the caller's parts have all finished. */
    void close() {
        a = null;
        inUse.set(false);
    }

    float[] panels() {
        return panels;
    }

    /**
     * The offset in {@link #panels()} of block op(A)[ic..ic+mc)[pc..pc+kc), packing it first if
     * no thread has claimed it; or −1 while another thread is packing it.
     */
    int block(int pc, int kc, int ic, int mc) {
        int index = pc / MatMul.KC * icBlocks + ic / mcBlock;
        // Every earlier row of blocks is KC deep, so pc·rowFloats floats plus a gap per block.
        int offset = pc * rowFloats + ic * kc + index * gap;
        long claimed = 2 * generation, packed = claimed + 1;
        long s = (long) STATE.getAcquire(state, index);
        if (s == packed) {
            return offset;
        }
        if (s == claimed || !STATE.compareAndSet(state, index, s, claimed)) {
            return -1;
        }
        kernel.packA(a, ta, m, k, ic, mc, pc, kc, panels, offset);
        STATE.setRelease(state, index, packed);
        return offset;
    }
}
