package dev.adversarial.gan.cpu;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-tile kernel for JVMs with 512-bit vectors (AVX-512: UseAVX=3, MaxVectorSize=64).
 * Loaded only by {@link BlockKernel#vectorOrNull(int)}, by name, as {@link VectorKernel} is, and
 * refuses to run where 512-bit vectors are not native (on AVX2 the Vector API would emulate them).
 *
 * <p>The tile is MR×NR = 10×32: per k step it loads one packed B row (two 16-lane vectors),
 * broadcasts each of ten packed A values in turn and issues 20 FMAs into accumulators that stay
 * in registers for the whole k loop. 20 accumulators, two B vectors and the broadcast use 23 of
 * AVX-512's 32 zmm registers (AVX2's 16 fit only {@link VectorKernel}'s 6×16), and each B load
 * feeds ten FMAs instead of six. Ten rows divide the paper model's batches (100 for G, 200 for D)
 * without an edge tile. Measured on the 2-core Zen 4 development VM (2026-12-02, one thread,
 * other builds running, one JVM per kernel in alternation, best of three passes; see
 * docs/BENCHMARKS.md): the paper model's fourteen products took 33.8 ms in all with 10×32,
 * 35.6 with 8×48, 35.7 with 12×32, 36.3 with 14×32 (28 accumulators) and 42.2 with the 6×16
 * 256-bit kernel; a 1024³ product ran at 96 GFLOP/s against 77.
 *
 * <p>Everything else follows {@link VectorKernel}: micro-panels from {@link Packing}, edge tiles
 * on a zero-padded scratch copy so that an element's FMA chain never depends on where the tile
 * boundaries fall (the contract in {@link BlockKernel}). Its results are bit-identical to the
 * 256-bit kernel's: both compute each element as one FMA per k term, in increasing k, over the
 * same KC blocks, and lane width does not enter into it (MatMulTest checks this).
 */
final class Vector512Kernel extends BlockKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    /** The register tile, fixed by tile()'s 20 accumulators. */
    private static final int MR = 10, NR = 32;

    Vector512Kernel() {
        if (FloatVector.SPECIES_PREFERRED.vectorBitSize() < S.vectorBitSize()) {
            throw new UnsupportedOperationException("native float vectors are only "
                    + FloatVector.SPECIES_PREFERRED.vectorBitSize() + " bits wide");
        }
    }

    @Override
    int mr() {
        return MR;
    }

    @Override
    int nr() {
        return NR;
    }

    @Override
    String description() {
        return "vector " + S.vectorBitSize() + "-bit " + MR + "×" + NR;
    }

    @Override
    void packA(float[] a, boolean ta, int m, int k, int ic, int mc, int pc, int kc, float[] ap) {
        Packing.packA(MR, a, ta, m, k, ic, mc, pc, kc, ap);
    }

    /** Row-major B: whole panels' rows as vector moves, as in {@link VectorKernel}; the rest through Packing. */
    @Override
    void packB(float[] b, boolean tb, int n, int k, int pc, int kc, int jc, int nc, float[] bp) {
        if (tb) {
            Packing.packB(NR, b, true, n, k, pc, kc, jc, nc, bp);
            return;
        }
        int whole = nc / NR * NR;
        for (int p = 0; p < kc; p++) {
            int src = (pc + p) * n + jc;
            for (int jr = 0; jr < whole; jr += NR) {
                int dst = jr * kc + p * NR;
                FloatVector.fromArray(S, b, src + jr).intoArray(bp, dst);
                FloatVector.fromArray(S, b, src + jr + 16).intoArray(bp, dst + 16);
            }
        }
        if (whole < nc) {
            Packing.packB(NR, b, false, n, k, pc, kc, jc + whole, nc - whole, bp, whole * kc);
        }
    }

    /** As in {@link VectorKernel}: the B micro-panel stays in L1 while the block's A panels stream past. */
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
                    edgeTile(ap, ir * kc, bp, bo, kc, rows, cols, c, ct, ldc, first, scratch);
                }
            }
        }
    }

    /**
     * C[co + r·ldc + j] (r &lt; MR, j &lt; NR) set to ({@code overwrite}) or incremented by the
     * micro-panel product, starting the accumulators from C as {@link VectorKernel} does.
     */
    private static void tile(float[] ap, int ao, float[] bp, int bo, int kc,
                             float[] c, int co, int ldc, boolean overwrite) {
        FloatVector c00, c01;
        FloatVector c10, c11;
        FloatVector c20, c21;
        FloatVector c30, c31;
        FloatVector c40, c41;
        FloatVector c50, c51;
        FloatVector c60, c61;
        FloatVector c70, c71;
        FloatVector c80, c81;
        FloatVector c90, c91;
        // Separate locals, not an array: C2 keeps only scalar-replaced vector values in registers.
        if (overwrite) {
            c00 = FloatVector.zero(S);
            c01 = c00; c10 = c00; c11 = c00; c20 = c00; c21 = c00; c30 = c00; c31 = c00; c40 = c00;
            c41 = c00; c50 = c00; c51 = c00; c60 = c00; c61 = c00; c70 = c00; c71 = c00; c80 = c00;
            c81 = c00; c90 = c00; c91 = c00;
        } else {
            c00 = FloatVector.fromArray(S, c, co);
            c01 = FloatVector.fromArray(S, c, co + 16);
            c10 = FloatVector.fromArray(S, c, co + ldc);
            c11 = FloatVector.fromArray(S, c, co + ldc + 16);
            c20 = FloatVector.fromArray(S, c, co + 2 * ldc);
            c21 = FloatVector.fromArray(S, c, co + 2 * ldc + 16);
            c30 = FloatVector.fromArray(S, c, co + 3 * ldc);
            c31 = FloatVector.fromArray(S, c, co + 3 * ldc + 16);
            c40 = FloatVector.fromArray(S, c, co + 4 * ldc);
            c41 = FloatVector.fromArray(S, c, co + 4 * ldc + 16);
            c50 = FloatVector.fromArray(S, c, co + 5 * ldc);
            c51 = FloatVector.fromArray(S, c, co + 5 * ldc + 16);
            c60 = FloatVector.fromArray(S, c, co + 6 * ldc);
            c61 = FloatVector.fromArray(S, c, co + 6 * ldc + 16);
            c70 = FloatVector.fromArray(S, c, co + 7 * ldc);
            c71 = FloatVector.fromArray(S, c, co + 7 * ldc + 16);
            c80 = FloatVector.fromArray(S, c, co + 8 * ldc);
            c81 = FloatVector.fromArray(S, c, co + 8 * ldc + 16);
            c90 = FloatVector.fromArray(S, c, co + 9 * ldc);
            c91 = FloatVector.fromArray(S, c, co + 9 * ldc + 16);
        }
        for (int p = 0; p < kc; p++) {
            int a = ao + p * MR, b = bo + p * NR;
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + 16);
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
            x = FloatVector.broadcast(S, ap[a + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, ap[a + 7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
            x = FloatVector.broadcast(S, ap[a + 8]);
            c80 = x.fma(b0, c80);
            c81 = x.fma(b1, c81);
            x = FloatVector.broadcast(S, ap[a + 9]);
            c90 = x.fma(b0, c90);
            c91 = x.fma(b1, c91);
        }
        c00.intoArray(c, co);
        c01.intoArray(c, co + 16);
        c10.intoArray(c, co + ldc);
        c11.intoArray(c, co + ldc + 16);
        c20.intoArray(c, co + 2 * ldc);
        c21.intoArray(c, co + 2 * ldc + 16);
        c30.intoArray(c, co + 3 * ldc);
        c31.intoArray(c, co + 3 * ldc + 16);
        c40.intoArray(c, co + 4 * ldc);
        c41.intoArray(c, co + 4 * ldc + 16);
        c50.intoArray(c, co + 5 * ldc);
        c51.intoArray(c, co + 5 * ldc + 16);
        c60.intoArray(c, co + 6 * ldc);
        c61.intoArray(c, co + 6 * ldc + 16);
        c70.intoArray(c, co + 7 * ldc);
        c71.intoArray(c, co + 7 * ldc + 16);
        c80.intoArray(c, co + 8 * ldc);
        c81.intoArray(c, co + 8 * ldc + 16);
        c90.intoArray(c, co + 9 * ldc);
        c91.intoArray(c, co + 9 * ldc + 16);
    }

    /** Edge tiles through a zero-padded scratch tile, as in {@link VectorKernel}: the same FMA chain per element. */
    private static void edgeTile(float[] ap, int ao, float[] bp, int bo, int kc, int rows, int cols,
                                 float[] c, int co, int ldc, boolean overwrite, float[] scratch) {
        Arrays.fill(scratch, 0, MR * NR, 0f);
        if (!overwrite) {
            for (int r = 0; r < rows; r++) {
                System.arraycopy(c, co + r * ldc, scratch, r * NR, cols);
            }
        }
        tile(ap, ao, bp, bo, kc, scratch, 0, NR, overwrite);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(scratch, r * NR, c, co + r * ldc, cols);
        }
    }
}
