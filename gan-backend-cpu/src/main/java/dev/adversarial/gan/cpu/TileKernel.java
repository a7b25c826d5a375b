package dev.adversarial.gan.cpu;

/**
 * What the two register-tile kernels ({@link VectorKernel}, {@link Vector512Kernel}) share: the
 * loops around their tile, edge tiles, and the packing that is not a matter of vector width. A
 * subclass supplies the tile itself, the in-register transpose of a lanes×lanes block, and the
 * copy of row-major B, each written out for its vector species so that C2 keeps every vector in
 * a register. This class names no Vector API type, like {@link BlockKernel}.
 *
 * <p>Operands are packed into micro-panels ({@link Packing}) so both stream with unit stride.
 * Row edges with whole columns run smaller tiles in place; other edge tiles run the full-tile
 * code on a scratch copy of their part of C and copy back only that part. Either way an
 * element's FMA chain never depends on where the tile boundaries fall: the contract in {@link
 * BlockKernel}.
 */
abstract class TileKernel extends BlockKernel {
    private final int bits;
    private final int mr;
    private final int nr;
    private final int lanes;

    /**
     * A kernel of {@code bits}-wide vectors (lanes floats) and an mr×nr register tile.
     *
     * @throws UnsupportedOperationException if the JVM's widest native float vectors ({@code
     *     nativeBits}, FloatVector.SPECIES_PREFERRED) are narrower: the Vector API would emulate
     *     the wider ones, far slower than even the scalar kernel
     */
    TileKernel(int bits, int nativeBits, int mr, int nr) {
        if (nativeBits < bits) {
            throw new UnsupportedOperationException("native float vectors are only " + nativeBits + " bits wide");
        }
        this.bits = bits;
        this.mr = mr;
        this.nr = nr;
        this.lanes = bits / Float.SIZE;
        if (nr != 2 * lanes) {
            throw new IllegalArgumentException("a panel is two lane groups, the gathered packing's assumption");
        }
    }

    @Override
    final int mr() {
        return mr;
    }

    @Override
    final int nr() {
        return nr;
    }

    @Override
    final String description() {
        return "vector " + bits + "-bit " + mr + "×" + nr;
    }

    /**
     * C[co + r·ldc + j] (r &lt; mr, j &lt; nr) set to ({@code overwrite}) or incremented by the
     * product of the A micro-panel at ap[ao] and the B micro-panel at bp[bo], kc steps deep.
     */
    abstract void tile(float[] ap, int ao, float[] bp, int bo, int kc, float[] c, int co, int ldc, boolean overwrite);

    /**
     * bp[dst + p·stride + j] = b[src + j·k + p] for j, p &lt; lanes, transposed in registers, the
     * lanes vectors stored in increasing p. Rows j ≥ mr are read at src + j·kTail instead:
     * B's panels pass kTail = k, A's pass 0 (re-reading row 0, as the tile has only mr rows).
     */
    abstract void transposeBlock(float[] b, int src, int k, int kTail, float[] bp, int dst, int stride);

    /**
     * Packs the first {@code whole} columns (whole panels) of row-major B[pc..pc+kc)[jc..):
     * each k step's nr floats of a panel as nr / lanes vector moves, which C2 does not make of
     * {@link Packing}'s loop (a 1200×1200 block: 870 → 530 µs on the Zen 3 VM).
     */
    abstract void packWholePanels(float[] b, int n, int pc, int kc, int jc, int whole, float[] bp);

    /**
     * Row-major A: each whole panel in blocks of lanes k steps, the panel's mr rows transposed in
     * registers into lanes vectors of one k step each, stored mr floats apart in increasing k so
     * that each store's lanes past mr (rows that do not exist) fall where the next store writes.
     * The last store of a panel's last block overhangs by lanes − mr floats into what is written
     * afterwards (the panel's remaining k steps, copied one by one, or the next panel) or past
     * the block, which the tile never reads; a block whose overhang would run past the end of
     * {@code ap} is copied one by one instead. Transposed A (the weight gradients' xᵀ·g) has
     * each k step's mr floats contiguous: one lanes-wide copy each, overlapping in the same way.
     * A last partial panel goes through {@link Packing}. Only moves values: the same bits as
     * {@link Packing#packA}. Against Packing's copy, per packed float on the Intel Xeon VM
     * (2026-12-02, a harness not kept; docs/BENCHMARKS.md): transposed A 0.61–0.97 → 0.13–0.16
     * ns, row-major A 0.43 → 0.35 on AVX-512 and no gain on AVX2, where 2 of the 8 transposed rows
     * and on AVX-512 6 of 16 are dummies.
     */
    @Override
    final void packA(float[] a, boolean ta, int m, int k, int ic, int mc, int pc, int kc, float[] ap, int ao) {
        int whole = mc / mr * mr;
        if (ta) {
            packTransposedA(a, m, ic, whole, pc, kc, ap, ao);
        } else {
            packRowMajorA(a, k, ic, whole, pc, kc, ap, ao);
        }
        if (whole < mc) {
            Packing.packA(mr, a, ta, m, k, ic + whole, mc - whole, pc, kc, ap, ao + whole * kc);
        }
    }

    /** The last lanes-wide store of a panel writes lanes − mr floats past it (see {@link #packA}). */
    @Override
    final int packAOverhang() {
        return Math.max(0, lanes - mr);
    }

    /**
     * c[co + j] = the FMA chain over p &lt; depth, in increasing p from 0f, of s[so + p]·v[vo +
     * p·vs + j], for j &lt; len: a thin product's outputs that lie contiguous in memory, vectorised
     * along them with this kernel's species ({@link ThinProduct}). The tile gives each element
     * the same chain, so the same bits.
     */
    abstract void strip(float[] s, int so, float[] v, int vo, int vs, int depth, float[] c, int co, int len);

    /**
     * c[co + j] = fma(x, v[vo + j], 0f) for j &lt; len: a row of a k = 1 product, the one-step
     * chain of {@link #strip} without its k loop ({@link ThinProduct}).
     */
    abstract void scaled(float x, float[] v, int vo, float[] c, int co, int len);

    /** a[src..src+lanes) to ap[dst..dst+lanes) as one vector. */
    abstract void copyLanes(float[] a, int src, float[] ap, int dst);

    private void packTransposedA(float[] a, int m, int ic, int whole, int pc, int kc, float[] ap, int ao) {
        for (int ir = 0; ir < whole; ir += mr) {
            int src = pc * m + ic + ir, base = ao + ir * kc;
            for (int p = 0; p < kc; p++) {
                int s = src + p * m, d = base + p * mr;
                if (s + lanes <= a.length && d + lanes <= ap.length) {
                    copyLanes(a, s, ap, d);
                } else {
                    System.arraycopy(a, s, ap, d, mr);
                }
            }
        }
    }

    private void packRowMajorA(float[] a, int k, int ic, int whole, int pc, int kc, float[] ap, int ao) {
        for (int ir = 0; ir < whole; ir += mr) {
            int src = (ic + ir) * k + pc, base = ao + ir * kc, p = 0;
            for (; p + lanes <= kc && base + (p + lanes - 1) * mr + lanes <= ap.length; p += lanes) {
                transposeBlock(a, src + p, k, 0, ap, base + p * mr, mr);
            }
            for (; p < kc; p++) {
                for (int r = 0; r < mr; r++) {
                    ap[base + p * mr + r] = a[src + r * k + p];
                }
            }
        }
    }

    /** Whole panels by the subclass's vector code, a last partial panel through {@link Packing}. */
    @Override
    final void packB(float[] b, boolean tb, int n, int k, int pc, int kc, int jc, int nc, float[] bp) {
        int whole = nc / nr * nr;
        if (tb) {
            packTransposedPanels(b, k, pc, kc, jc, whole, bp);
        } else {
            packWholePanels(b, n, pc, kc, jc, whole, bp);
        }
        if (whole < nc) {
            Packing.packB(nr, b, tb, n, k, pc, kc, jc + whole, nc - whole, bp, whole * kc);
        }
    }

    /**
     * k steps [k0, k0 + kc) of a whole panel of a gathered B, columns n0.. (n0 + nr), by vector
     * gathers, all of a k step's before the next: bp[d + p·nr + j] = src[offset + kIndex[k0 + p]
     * + nIndex[n0 + j]].
     */
    abstract void gatherPanel(float[] src, int offset, int[] kIndex, int k0, int kc, int[] nIndex, int n0,
                              float[] bp, int d);

    /** As {@link #gatherPanel} for one lane group, columns n0.. (n0 + lanes). */
    abstract void gatherLanes(float[] src, int offset, int[] kIndex, int k0, int kc, int[] nIndex, int n0,
                              float[] bp, int d);

    /**
     * As {@link #gatherLanes} for a group whose sources are {@code runs} contiguous runs (at most
     * {@link #maxRuns}), run i in lanes [s_i, s_(i+1)) with s0 = 0, lane j of it at src[kIndex[k0
     * + p] + a_i + j]: one whole-vector load per run, each blended over the lanes from its start
     * on. Unused splits and starts are lanes and a0. The caller checks that every load is in src.
     */
    abstract void copyRuns(float[] src, int[] kIndex, int k0, int kc, int runs, int s1, int s2, int s3,
                           int a0, int a1, int a2, int a3, float[] bp, int d);

    /** The most runs {@link #copyRuns} takes: past that a gather costs less than the loads and blends. */
    abstract int maxRuns();

    /**
     * Whole panels, each as its two lane groups: a group whose sources are at most {@link
     * #maxRuns} contiguous runs ({@link Packing.Gather#nRuns}) as that many whole-vector loads,
     * where each load, lanes outside its run included, stays within src for every k step; any
     * other by vector gathers, a panel of two such groups a whole k step at a time as before.
     * The plan depends on the columns only, so it is made once per panel and the k loop runs
     * inside each group. (k loops of 32 steps, so that the first group's source lines would still
     * be in L1 for the second, measured slower.) A last partial panel through {@link Packing}.
     */
    @Override
    final void packB(Packing.Gather b, int pc, int kc, int jc, int nc, float[] bp) {
        int whole = nc / nr * nr;
        float[] src = b.src();
        int[] kIndex = b.kIndex(), nIndex = b.nIndex();
        // A load at kIndex[p] + a is in bounds for every k step if it is for the least and greatest kIndex.
        long lo = Long.MAX_VALUE, hi = Long.MIN_VALUE;
        for (int p = pc; p < pc + kc; p++) {
            lo = Math.min(lo, kIndex[p]);
            hi = Math.max(hi, kIndex[p]);
        }
        for (int jr = 0; jr < whole; jr += nr) {
            int n0 = jc + jr, base = jr * kc;
            int plan0 = plan(b, lo, hi, n0), plan1 = plan(b, lo, hi, n0 + lanes);
            if ((plan0 | plan1) == 0) {
                gatherPanel(src, b.offset(), kIndex, pc, kc, nIndex, n0, bp, base);
            } else {
                packLanes(b, plan0, pc, kc, n0, bp, base);
                packLanes(b, plan1, pc, kc, n0 + lanes, bp, base + lanes);
            }
        }
        if (whole < nc) {
            Packing.packGathered(nr, b, pc, kc, jc + whole, nc - whole, bp, whole * kc);
        }
    }

    /**
     * How to pack the lane group at column n0: 0 to gather it, else its run count (bits 0-2)
     * and the lanes where runs 2, 3 and 4 start (5 bits each from bit 3; lanes where there is
     * none), for loads that stay in src for kIndex in [lo, hi].
     */
    private int plan(Packing.Gather b, long lo, long hi, int n0) {
        int[] runs = b.nRuns();
        if (runs == null) {
            return 0;
        }
        int s1 = split(runs, n0, 0), s2 = split(runs, n0, s1), s3 = split(runs, n0, s2);
        int count = s1 == lanes ? 1 : s2 == lanes ? 2 : s3 == lanes ? 3 : split(runs, n0, s3) == lanes ? 4 : 5;
        if (count > maxRuns()) {
            return 0;
        }
        int a0 = start(b, n0, 0), a1 = start(b, n0, s1), a2 = start(b, n0, s2), a3 = start(b, n0, s3);
        long min = Math.min(Math.min(a0, a1), Math.min(a2, a3)), max = Math.max(Math.max(a0, a1), Math.max(a2, a3));
        boolean inside = lo + min >= 0 && hi + max + lanes <= b.src().length;
        return inside ? count | s1 << 3 | s2 << 8 | s3 << 13 : 0;
    }

    /** Where the run after the one at lane s of the group at n0 starts (lanes: none), given s. */
    private int split(int[] runs, int n0, int s) {
        return s < lanes ? Math.min(lanes, s + runs[n0 + s]) : lanes;
    }

    /** The load start a_i of the run at lane s of the group at n0 (that of lane 0 where s is lanes). */
    private int start(Packing.Gather b, int n0, int s) {
        return s < lanes ? b.offset() + b.nIndex()[n0 + s] - s : b.offset() + b.nIndex()[n0];
    }

    /** k steps [k0, k0 + kc) of the lane group at n0 as its {@link #plan} says. */
    private void packLanes(Packing.Gather b, int plan, int k0, int kc, int n0, float[] bp, int d) {
        if (plan == 0) {
            gatherLanes(b.src(), b.offset(), b.kIndex(), k0, kc, b.nIndex(), n0, bp, d);
            return;
        }
        int s1 = plan >>> 3 & 31, s2 = plan >>> 8 & 31, s3 = plan >>> 13 & 31;
        copyRuns(b.src(), b.kIndex(), k0, kc, plan & 7, s1, s2, s3,
                start(b, n0, 0), start(b, n0, s1), start(b, n0, s2), start(b, n0, s3), bp, d);
    }

    /**
     * Transposed B (the forward products' x·Wᵀ): each whole panel in lanes×lanes blocks (lanes
     * rows of b, i.e. columns of op(B), by lanes k steps), transposed in registers; the k steps
     * after the last whole block by scalar copies. For a 1024×1200 block on one Zen 4 thread
     * (machine busy with other builds) the 16×16 blocks took 0.28 ns a float against 0.60 for
     * Packing's scalar copy.
     */
    private void packTransposedPanels(float[] b, int k, int pc, int kc, int jc, int whole, float[] bp) {
        for (int jr = 0; jr < whole; jr += nr) {
            int base = jr * kc;
            for (int h = 0; h < nr; h += lanes) {
                int src = (jc + jr + h) * k + pc, p = 0;
                for (; p + lanes <= kc; p += lanes) {
                    transposeBlock(b, src + p, k, k, bp, base + p * nr + h, nr);
                }
                for (; p < kc; p++) {
                    for (int j = 0; j < lanes; j++) {
                        bp[base + p * nr + h + j] = b[src + j * k + p];
                    }
                }
            }
        }
    }

    /**
     * jr outside ir: the B micro-panel (KC·NR floats, 16 KiB for 16 columns and 32 KiB for 32)
     * stays in L1 while the A micro-panels of the block stream past it from L2.
     */
    @Override
    final void multiply(float[] ap, int ao, float[] bp, int mc, int nc, int kc,
                        float[] c, int co, int ldc, boolean first, float[] scratch) {
        for (int jr = 0; jr < nc; jr += nr) {
            int cols = Math.min(nr, nc - jr), bo = jr * kc;
            for (int ir = 0; ir < mc; ir += mr) {
                int rows = Math.min(mr, mc - ir), ct = co + ir * ldc + jr;
                if (rows == mr && cols == nr) {
                    tile(ap, ao + ir * kc, bp, bo, kc, c, ct, ldc, first);
                } else if (cols == nr && rows < mr - 1 && Integer.bitCount(rows) <= 2) {
                    rowEdge(ap, ao + ir * kc, bp, bo, kc, rows, c, ct, ldc, first);
                } else {
                    edgeTile(ap, ao + ir * kc, bp, bo, kc, rows, cols, c, ct, ldc, first, scratch);
                }
            }
        }
    }

    /**
     * A row edge whose columns are whole (the last rows of m = 64, 128 or 16, say) runs as tiles
     * of 8, 4, 2 and 1 rows, the binary digits of {@code rows}, each writing C in place: no
     * scratch copies and no padding rows computed. Each sub-tile reads the panel's rows at their
     * offset in its mr-wide k steps and gives each element the full tile's FMA chain. Edges of
     * mr − 1 rows, or that split into three tiles, stay on the scratch tile: each piece re-reads
     * the B panel and the small ones wait on FMA latency (a 1-row tile has two accumulators), so
     * there the padding costs less. One thread, panels in L1, GFLOP/s of C's real rows, scratch
     * → in place (Intel Xeon VM, 2026-12-03, thread CPU time, a harness not kept): 6×16 rows 1,
     * 2, 4: 17 → 34, 34 → 63, 66 → 75; 10×32 rows 2, 4, 6, 8: 39 → 107, 77 → 136, 112 → 125,
     * 145 → 190, but 7 as 4 + 2 + 1: 128 → 107 (and 5 rows as 4 + 1 on 6×16 lost too).
     */
    private void rowEdge(float[] ap, int ao, float[] bp, int bo, int kc, int rows,
                         float[] c, int co, int ldc, boolean overwrite) {
        for (int h = Integer.highestOneBit(rows), r = 0; h > 0; h >>= 1) {
            if ((rows & h) != 0) {
                rowTile(h, ap, ao + r, bp, bo, kc, c, co + r * ldc, ldc, overwrite);
                r += h;
            }
        }
    }

    /**
     * As {@link #tile} for the first {@code rows} rows only, rows a power of two below mr: A is
     * still read in k steps mr floats apart, from ap[ao] on.
     */
    abstract void rowTile(int rows, float[] ap, int ao, float[] bp, int bo, int kc,
                          float[] c, int co, int ldc, boolean overwrite);

    /**
     * Other edge tiles go through a scratch tile: the part of C inside the tile is copied in first
     * (unless {@code overwrite}), so each element sees the same FMA chain as in a full tile, and
     * only that part is copied back. The rest of the scratch is not cleared: whatever it holds
     * only ever reaches lanes that are thrown away (clearing it was a tenth of the samples of
     * the DCGAN image layer's forward conv2d, whose 64 rows end in an edge tile).
     */
    private void edgeTile(float[] ap, int ao, float[] bp, int bo, int kc, int rows, int cols,
                          float[] c, int co, int ldc, boolean overwrite, float[] scratch) {
        if (!overwrite) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(c, co + r * ldc, scratch, r * nr, cols);
            }
        }
        tile(ap, ao, bp, bo, kc, scratch, 0, nr, overwrite);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(scratch, r * nr, c, co + r * ldc, cols);
        }
    }
}
