package dev.adversarial.gan.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-tile kernel on the Vector API. Only {@link BlockKernel#vectorOrNull()} loads this
 * class, by name and after checking that the JVM has the jdk.incubator.vector module, so a JVM
 * started without {@code --add-modules jdk.incubator.vector} never tries to link it.
 *
 * <p>The tile is MR×NR = 6×16: per k step it loads one packed B row (two 8-lane vectors),
 * broadcasts each of six packed A values in turn and issues 12 FMAs into accumulators that stay
 * in registers for the whole k loop; C is read and written once per tile. 12 accumulators, two B
 * vectors and the broadcast use 15 of AVX2's 16 ymm registers, and each B load feeds six FMAs.
 * Measured on this machine's Zen 3 core, tile kernel alone on L1/L2-resident panels (best of
 * repeated runs, machine shared): 6×16 73–80 GFLOP/s, 4×16 69–75, 5×16 and 4×24 (16 registers,
 * so C2 spills) 37–40.
 *
 * <p>The loops around the tile, edge tiles and packing are {@link TileKernel}'s; this class
 * supplies the 256-bit code: the tile, an 8×8 in-register transpose, row-major B's copy and
 * the loops of {@link ThinProduct}'s thin products.
 *
 * <p>The AVX2 path: where the JVM has 512-bit vectors, {@link Vector512Kernel} is chosen instead
 * unless {@code -Dgan.cpu.kernel=vector256} forces this one. Refuses to run where 256-bit vectors
 * are not native (a 128-bit machine would emulate them, far slower than the scalar kernel).
 */
final class VectorKernel extends TileKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;
    /**
     * Constants of the in-register 8×8 transpose (transposeBlock): stage s swaps bit s of the
     * row index with bit s of the lane index, moving the lanes with that bit set down by s (DOWN,
     * into HIGH lanes) and those without it up (UP, into LOW lanes).
     */
    private static final VectorShuffle<Float> DOWN4 = VectorShuffle.fromOp(S, l -> (l & 4) != 0 ? l - 4 : l);
    private static final VectorShuffle<Float> UP4 = VectorShuffle.fromOp(S, l -> (l & 4) == 0 ? l + 4 : l);
    private static final VectorMask<Float> HIGH4 = VectorMask.fromLong(S, 0xF0L);
    private static final VectorMask<Float> LOW4 = HIGH4.not();
    private static final VectorShuffle<Float> DOWN2 = VectorShuffle.fromOp(S, l -> (l & 2) != 0 ? l - 2 : l);
    private static final VectorShuffle<Float> UP2 = VectorShuffle.fromOp(S, l -> (l & 2) == 0 ? l + 2 : l);
    private static final VectorMask<Float> HIGH2 = VectorMask.fromLong(S, 0xCCL);
    private static final VectorMask<Float> LOW2 = HIGH2.not();
    private static final VectorShuffle<Float> DOWN1 = VectorShuffle.fromOp(S, l -> (l & 1) != 0 ? l - 1 : l);
    private static final VectorShuffle<Float> UP1 = VectorShuffle.fromOp(S, l -> (l & 1) == 0 ? l + 1 : l);
    private static final VectorMask<Float> HIGH1 = VectorMask.fromLong(S, 0xAAL);
    private static final VectorMask<Float> LOW1 = HIGH1.not();
    /** Row s: the lanes from s on, the blend mask of a run that starts at lane s (copyRuns). */
    private static final boolean[] FROM = new boolean[8 * 8];

    static {
        for (int i = 0; i < FROM.length; i++) {
            FROM[i] = i % 8 >= i / 8;
        }
    }

    /** The register tile, fixed by tile()'s twelve accumulators. */
    private static final int MR = 6, NR = 16;

    VectorKernel() {
        super(S.vectorBitSize(), FloatVector.SPECIES_PREFERRED.vectorBitSize(), MR, NR);
    }

    @Override
    void packWholePanels(float[] b, int n, int pc, int kc, int jc, int whole, float[] bp) {
        for (int p = 0; p < kc; p++) {
            int src = (pc + p) * n + jc;
            for (int jr = 0; jr < whole; jr += NR) {
                int dst = jr * kc + p * NR;
                FloatVector.fromArray(S, b, src + jr).intoArray(bp, dst);
                FloatVector.fromArray(S, b, src + jr + 8).intoArray(bp, dst + 8);
            }
        }
    }

    /**
     * Four vectors of outputs at a time (four independent chains to cover the FMA latency), then
     * one, then {@link ThinProduct#stripTail} for the last len mod 8.
     */
    @Override
    void strip(float[] s, int so, float[] v, int vo, int vs, int depth, float[] c, int co, int len) {
        int j = 0;
        for (; j + 32 <= len; j += 32) {
            FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0;
            for (int p = 0, o = vo + j; p < depth; p++, o += vs) {
                FloatVector x = FloatVector.broadcast(S, s[so + p]);
                c0 = x.fma(FloatVector.fromArray(S, v, o), c0);
                c1 = x.fma(FloatVector.fromArray(S, v, o + 8), c1);
                c2 = x.fma(FloatVector.fromArray(S, v, o + 16), c2);
                c3 = x.fma(FloatVector.fromArray(S, v, o + 24), c3);
            }
            c0.intoArray(c, co + j);
            c1.intoArray(c, co + j + 8);
            c2.intoArray(c, co + j + 16);
            c3.intoArray(c, co + j + 24);
        }
        for (; j + 8 <= len; j += 8) {
            FloatVector c0 = FloatVector.zero(S);
            for (int p = 0, o = vo + j; p < depth; p++, o += vs) {
                c0 = FloatVector.broadcast(S, s[so + p]).fma(FloatVector.fromArray(S, v, o), c0);
            }
            c0.intoArray(c, co + j);
        }
        ThinProduct.stripTail(s, so, v, vo + j, vs, depth, c, co + j, len - j);
    }

    /** {@link ThinProduct#scaled} at this kernel's species, which C2 needs to be a constant. */
    @Override
    void scaled(float x, float[] v, int vo, float[] c, int co, int len) {
        ThinProduct.scaled(S, x, v, vo, c, co, len);
    }

    @Override
    void copyLanes(float[] a, int src, float[] ap, int dst) {
        FloatVector.fromArray(S, a, src).intoArray(ap, dst);
    }

    @Override
    void gatherPanel(float[] src, int offset, int[] kIndex, int k0, int kc, int[] nIndex, int n0, float[] bp, int d) {
        for (int p = 0; p < kc; p++) {
            int s = offset + kIndex[k0 + p], dp = d + p * NR;
            FloatVector.fromArray(S, src, s, nIndex, n0).intoArray(bp, dp);
            FloatVector.fromArray(S, src, s, nIndex, n0 + 8).intoArray(bp, dp + 8);
        }
    }

    @Override
    void gatherLanes(float[] src, int offset, int[] kIndex, int k0, int kc, int[] nIndex, int n0, float[] bp, int d) {
        for (int p = 0; p < kc; p++) {
            FloatVector.fromArray(S, src, offset + kIndex[k0 + p], nIndex, n0).intoArray(bp, d + p * NR);
        }
    }

    /**
     * Up to two runs: the DCGAN's runs (7 output positions, 4 kernel taps) never put more than
     * two in 8 lanes, and nothing measured three or four against the gather here.
     */
    @Override
    int maxRuns() {
        return 2;
    }

    @Override
    void copyRuns(float[] src, int[] kIndex, int k0, int kc, int runs, int s1, int s2, int s3,
                  int a0, int a1, int a2, int a3, float[] bp, int d) {
        if (runs == 1) {
            for (int p = 0; p < kc; p++) {
                FloatVector.fromArray(S, src, kIndex[k0 + p] + a0).intoArray(bp, d + p * NR);
            }
            return;
        }
        VectorMask<Float> m1 = VectorMask.fromArray(S, FROM, s1 * 8);
        for (int p = 0; p < kc; p++) {
            int s = kIndex[k0 + p];
            FloatVector.fromArray(S, src, s + a0).blend(FloatVector.fromArray(S, src, s + a1), m1).intoArray(bp, d + p * NR);
        }
    }

    /**
     * bp[dst + p·stride + j] = b[src + j·k + p] for j &lt; 6 and p &lt; 8, rows j ≥ 6 read at
     * src + j·kTail: the bit-swap transpose, one stage per bit of the lane index, stored in
     * increasing p.
     */
    @Override
    void transposeBlock(float[] b, int src, int k, int kTail, float[] bp, int dst, int stride) {
        FloatVector r0 = FloatVector.fromArray(S, b, src);
        FloatVector r1 = FloatVector.fromArray(S, b, src + k);
        FloatVector r2 = FloatVector.fromArray(S, b, src + 2 * k);
        FloatVector r3 = FloatVector.fromArray(S, b, src + 3 * k);
        FloatVector r4 = FloatVector.fromArray(S, b, src + 4 * k);
        FloatVector r5 = FloatVector.fromArray(S, b, src + 5 * k);
        FloatVector r6 = FloatVector.fromArray(S, b, src + 6 * kTail);
        FloatVector r7 = FloatVector.fromArray(S, b, src + 7 * kTail);
        FloatVector t;
        t = r0.blend(r4.rearrange(DOWN4), HIGH4);
        r4 = r4.blend(r0.rearrange(UP4), LOW4);
        r0 = t;
        t = r1.blend(r5.rearrange(DOWN4), HIGH4);
        r5 = r5.blend(r1.rearrange(UP4), LOW4);
        r1 = t;
        t = r2.blend(r6.rearrange(DOWN4), HIGH4);
        r6 = r6.blend(r2.rearrange(UP4), LOW4);
        r2 = t;
        t = r3.blend(r7.rearrange(DOWN4), HIGH4);
        r7 = r7.blend(r3.rearrange(UP4), LOW4);
        r3 = t;
        t = r0.blend(r2.rearrange(DOWN2), HIGH2);
        r2 = r2.blend(r0.rearrange(UP2), LOW2);
        r0 = t;
        t = r1.blend(r3.rearrange(DOWN2), HIGH2);
        r3 = r3.blend(r1.rearrange(UP2), LOW2);
        r1 = t;
        t = r4.blend(r6.rearrange(DOWN2), HIGH2);
        r6 = r6.blend(r4.rearrange(UP2), LOW2);
        r4 = t;
        t = r5.blend(r7.rearrange(DOWN2), HIGH2);
        r7 = r7.blend(r5.rearrange(UP2), LOW2);
        r5 = t;
        t = r0.blend(r1.rearrange(DOWN1), HIGH1);
        r1 = r1.blend(r0.rearrange(UP1), LOW1);
        r0 = t;
        t = r2.blend(r3.rearrange(DOWN1), HIGH1);
        r3 = r3.blend(r2.rearrange(UP1), LOW1);
        r2 = t;
        t = r4.blend(r5.rearrange(DOWN1), HIGH1);
        r5 = r5.blend(r4.rearrange(UP1), LOW1);
        r4 = t;
        t = r6.blend(r7.rearrange(DOWN1), HIGH1);
        r7 = r7.blend(r6.rearrange(UP1), LOW1);
        r6 = t;
        r0.intoArray(bp, dst);
        r1.intoArray(bp, dst + stride);
        r2.intoArray(bp, dst + 2 * stride);
        r3.intoArray(bp, dst + 3 * stride);
        r4.intoArray(bp, dst + 4 * stride);
        r5.intoArray(bp, dst + 5 * stride);
        r6.intoArray(bp, dst + 6 * stride);
        r7.intoArray(bp, dst + 7 * stride);
    }

    /**
     * C[co + r·ldc + j] (r &lt; 6, j &lt; 16) set to ({@code overwrite}) or incremented by the
     * micro-panel product. Incrementing starts the accumulators from C itself rather than adding C
     * at the end: no vector outlives a helper call, so C2 never has to box one (an earlier
     * store-and-add helper allocated ~700 KB per 100×1200·1200×1200 product on JDK 17).
     */
    @Override
    void tile(float[] ap, int ao, float[] bp, int bo, int kc, float[] c, int co, int ldc, boolean overwrite) {
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51;
        // Separate locals, not an array: C2 keeps only scalar-replaced vector values in registers.
        if (overwrite) {
            c00 = FloatVector.zero(S);
            c01 = c00; c10 = c00; c11 = c00; c20 = c00; c21 = c00;
            c30 = c00; c31 = c00; c40 = c00; c41 = c00; c50 = c00; c51 = c00;
        } else {
            c00 = FloatVector.fromArray(S, c, co);
            c01 = FloatVector.fromArray(S, c, co + 8);
            c10 = FloatVector.fromArray(S, c, co + ldc);
            c11 = FloatVector.fromArray(S, c, co + ldc + 8);
            c20 = FloatVector.fromArray(S, c, co + 2 * ldc);
            c21 = FloatVector.fromArray(S, c, co + 2 * ldc + 8);
            c30 = FloatVector.fromArray(S, c, co + 3 * ldc);
            c31 = FloatVector.fromArray(S, c, co + 3 * ldc + 8);
            c40 = FloatVector.fromArray(S, c, co + 4 * ldc);
            c41 = FloatVector.fromArray(S, c, co + 4 * ldc + 8);
            c50 = FloatVector.fromArray(S, c, co + 5 * ldc);
            c51 = FloatVector.fromArray(S, c, co + 5 * ldc + 8);
        }
        // B's index is the loop variable, A's stepped beside it: C2 then hoists B's range checks
        // out of the loop and steps both indices by adds, 32 instructions for 12 FMAs on AVX2.
        // With p as the loop variable it recomputed a and b from p each step and kept A's two
        // checks (43, more than the core issues in the FMAs' 6 cycles); with a, B's two checks
        // stayed and two registers were reloaded each step (35). gan bench dcgan-mnist cpu-only,
        // AVX2 JVM, Intel Xeon, 2026-12-03, alternating: p 112.4, 114.3 → a 108.3, 109.2 ms;
        // a 108.1, 107.7, 110.4 → b 103.5, 104.7, 100.8 ms. No change on AVX-512.
        for (int a = ao, b = bo, end = bo + kc * NR; b < end; a += MR, b += NR) {
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + 8);
            FloatVector x = FloatVector.broadcast(S, ap[a]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, ap[a + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, ap[a + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, ap[a + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, ap[a + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, ap[a + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
        }
        c00.intoArray(c, co);
        c01.intoArray(c, co + 8);
        c10.intoArray(c, co + ldc);
        c11.intoArray(c, co + ldc + 8);
        c20.intoArray(c, co + 2 * ldc);
        c21.intoArray(c, co + 2 * ldc + 8);
        c30.intoArray(c, co + 3 * ldc);
        c31.intoArray(c, co + 3 * ldc + 8);
        c40.intoArray(c, co + 4 * ldc);
        c41.intoArray(c, co + 4 * ldc + 8);
        c50.intoArray(c, co + 5 * ldc);
        c51.intoArray(c, co + 5 * ldc + 8);
    }

    /**
     * The row-edge tiles: {@link #tile}'s code for 4, 2 and 1 rows (8, 4 and 2 accumulators), so
     * 64 = 10·6 + 4 rows end in a 4-row tile rather than a 6-row one on scratch.
     */
    @Override
    void rowTile(int rows, float[] ap, int ao, float[] bp, int bo, int kc,
                 float[] c, int co, int ldc, boolean overwrite) {
        switch (rows) {
            case 4 -> tile4(ap, ao, bp, bo, kc, c, co, ldc, overwrite);
            case 2 -> tile2(ap, ao, bp, bo, kc, c, co, ldc, overwrite);
            default -> tile1(ap, ao, bp, bo, kc, c, co, ldc, overwrite);
        }
    }

    private static void tile4(float[] ap, int ao, float[] bp, int bo, int kc,
                              float[] c, int co, int ldc, boolean overwrite) {
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31;
        if (overwrite) {
            c00 = FloatVector.zero(S);
            c01 = c00; c10 = c00; c11 = c00; c20 = c00; c21 = c00; c30 = c00; c31 = c00;
        } else {
            c00 = FloatVector.fromArray(S, c, co);
            c01 = FloatVector.fromArray(S, c, co + 8);
            c10 = FloatVector.fromArray(S, c, co + ldc);
            c11 = FloatVector.fromArray(S, c, co + ldc + 8);
            c20 = FloatVector.fromArray(S, c, co + 2 * ldc);
            c21 = FloatVector.fromArray(S, c, co + 2 * ldc + 8);
            c30 = FloatVector.fromArray(S, c, co + 3 * ldc);
            c31 = FloatVector.fromArray(S, c, co + 3 * ldc + 8);
        }
        for (int a = ao, b = bo, end = bo + kc * NR; b < end; a += MR, b += NR) {
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + 8);
            FloatVector x = FloatVector.broadcast(S, ap[a]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, ap[a + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, ap[a + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, ap[a + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
        }
        c00.intoArray(c, co);
        c01.intoArray(c, co + 8);
        c10.intoArray(c, co + ldc);
        c11.intoArray(c, co + ldc + 8);
        c20.intoArray(c, co + 2 * ldc);
        c21.intoArray(c, co + 2 * ldc + 8);
        c30.intoArray(c, co + 3 * ldc);
        c31.intoArray(c, co + 3 * ldc + 8);
    }

    private static void tile2(float[] ap, int ao, float[] bp, int bo, int kc,
                              float[] c, int co, int ldc, boolean overwrite) {
        FloatVector c00, c01, c10, c11;
        if (overwrite) {
            c00 = FloatVector.zero(S);
            c01 = c00; c10 = c00; c11 = c00;
        } else {
            c00 = FloatVector.fromArray(S, c, co);
            c01 = FloatVector.fromArray(S, c, co + 8);
            c10 = FloatVector.fromArray(S, c, co + ldc);
            c11 = FloatVector.fromArray(S, c, co + ldc + 8);
        }
        for (int a = ao, b = bo, end = bo + kc * NR; b < end; a += MR, b += NR) {
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + 8);
            FloatVector x = FloatVector.broadcast(S, ap[a]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, ap[a + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
        }
        c00.intoArray(c, co);
        c01.intoArray(c, co + 8);
        c10.intoArray(c, co + ldc);
        c11.intoArray(c, co + ldc + 8);
    }

    private static void tile1(float[] ap, int ao, float[] bp, int bo, int kc,
                              float[] c, int co, int ldc, boolean overwrite) {
        FloatVector c00, c01;
        if (overwrite) {
            c00 = FloatVector.zero(S);
            c01 = c00;
        } else {
            c00 = FloatVector.fromArray(S, c, co);
            c01 = FloatVector.fromArray(S, c, co + 8);
        }
        for (int a = ao, b = bo, end = bo + kc * NR; b < end; a += MR, b += NR) {
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + 8);
            FloatVector x = FloatVector.broadcast(S, ap[a]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
        }
        c00.intoArray(c, co);
        c01.intoArray(c, co + 8);
    }
}
