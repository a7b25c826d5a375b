package dev.adversarial.gan.cpu;

import jdk.incubator.vector.FloatVector;
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
 * <p>Operands are packed into micro-panels ({@link Packing}) so both stream with unit stride.
 * Edge tiles run the same full-tile code on zero-padded panels into scratch and copy out only
 * the part inside C, so an element's arithmetic never depends on where the tile boundaries fall.
 *
 * <p>Uses 256-bit vectors even where wider ones exist: the tile shape is fixed by MR and NR.
 * Refuses to run where 256-bit vectors are not native (a 128-bit machine would emulate them, far
 * slower than the scalar kernel).
 */
final class VectorKernel extends BlockKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_256;

    VectorKernel() {
        if (FloatVector.SPECIES_PREFERRED.vectorBitSize() < S.vectorBitSize()) {
            throw new UnsupportedOperationException("native float vectors are only "
                    + FloatVector.SPECIES_PREFERRED.vectorBitSize() + " bits wide");
        }
        if (MR != 6 || NR != 2 * S.length()) {
            throw new IllegalStateException("tile() is written for a 6×16 tile, not " + MR + "×" + NR);
        }
    }

    @Override
    String description() {
        return "vector " + S.vectorBitSize() + "-bit";
    }

    @Override
    void packA(float[] a, boolean ta, int m, int k, int ic, int mc, int pc, int kc, float[] ap) {
        Packing.packA(a, ta, m, k, ic, mc, pc, kc, ap);
    }

    @Override
    void packB(float[] b, boolean tb, int n, int k, int pc, int kc, int jc, int nc, float[] bp) {
        Packing.packB(b, tb, n, k, pc, kc, jc, nc, bp);
    }

    /**
     * jr outside ir: the B micro-panel (KC·NR floats = 16 KiB, half of L1) stays in L1 while the
     * A micro-panels of the block stream past it from L2.
     */
    @Override
    void multiply(float[] ap, float[] bp, int mc, int nc, int kc,
                  float[] c, int co, int ldc, boolean first, float[] scratch) {
        for (int jr = 0; jr < nc; jr += NR) {
            int cols = Math.min(NR, nc - jr), bo = jr * kc;
            for (int ir = 0; ir < mc; ir += MR) {
                int rows = Math.min(MR, mc - ir), ct = co + ir * ldc + jr;
                if (rows == MR && cols == NR) {
                    tile(ap, ir * kc, bp, bo, kc, c, ct, ldc, first);
                } else {
                    tile(ap, ir * kc, bp, bo, kc, scratch, 0, NR, true);
                    merge(scratch, rows, cols, c, ct, ldc, first);
                }
            }
        }
    }

    /** C[co + r·ldc + j] (r &lt; 6, j &lt; 16) set to or incremented by the micro-panel product. */
    private static void tile(float[] ap, int ao, float[] bp, int bo, int kc,
                             float[] c, int co, int ldc, boolean overwrite) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        // Separate locals, not an array: C2 keeps only scalar-replaced vector values in registers.
        for (int p = 0; p < kc; p++) {
            int a = ao + p * MR, b = bo + p * NR;
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
        put(c00, c, co, overwrite);
        put(c01, c, co + 8, overwrite);
        put(c10, c, co + ldc, overwrite);
        put(c11, c, co + ldc + 8, overwrite);
        put(c20, c, co + 2 * ldc, overwrite);
        put(c21, c, co + 2 * ldc + 8, overwrite);
        put(c30, c, co + 3 * ldc, overwrite);
        put(c31, c, co + 3 * ldc + 8, overwrite);
        put(c40, c, co + 4 * ldc, overwrite);
        put(c41, c, co + 4 * ldc + 8, overwrite);
        put(c50, c, co + 5 * ldc, overwrite);
        put(c51, c, co + 5 * ldc + 8, overwrite);
    }

    /** Small enough to be inlined, which matters: a call that is not inlined boxes the vector. */
    private static void put(FloatVector v, float[] c, int o, boolean overwrite) {
        if (!overwrite) {
            v = FloatVector.fromArray(S, c, o).add(v);
        }
        v.intoArray(c, o);
    }

    /** The first rows×cols of an edge tile held in {@code t} (row stride NR), stored or added. */
    private static void merge(float[] t, int rows, int cols, float[] c, int co, int ldc, boolean overwrite) {
        for (int r = 0; r < rows; r++) {
            int to = r * NR, o = co + r * ldc;
            if (overwrite) {
                System.arraycopy(t, to, c, o, cols);
            } else {
                for (int j = 0; j < cols; j++) {
                    c[o + j] += t[to + j]; // as put(): C + tile, one rounding
                }
            }
        }
    }
}
