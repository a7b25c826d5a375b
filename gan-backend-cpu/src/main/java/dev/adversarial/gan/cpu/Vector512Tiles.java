package dev.adversarial.gan.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link Vector512Kernel}'s row-edge tiles: its 10×32 tile's code for 8, 4, 2 and 1 rows (16, 8, 4
 * and 2 accumulators), reading A in the same 10-float k steps, so that 128 = 12·10 + 8 rows end
 * in an 8-row tile and 64 = 6·10 + 4 in a 4-row one, written in place, rather than in a 10-row
 * tile on scratch. Each element's FMA chain is the full tile's. A class of its own only to keep
 * Vector512Kernel's length in bounds; loaded with it, never without.
 */
final class Vector512Tiles {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    private static final int MR = Vector512Kernel.MR, NR = Vector512Kernel.NR;

    private Vector512Tiles() {
    }

    static void tile8(float[] ap, int ao, float[] bp, int bo, int kc,
                      float[] c, int co, int ldc, boolean overwrite) {
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31;
        FloatVector c40, c41, c50, c51, c60, c61, c70, c71;
        if (overwrite) {
            c00 = FloatVector.zero(S);
            c01 = c00; c10 = c00; c11 = c00; c20 = c00; c21 = c00; c30 = c00; c31 = c00; c40 = c00;
            c41 = c00; c50 = c00; c51 = c00; c60 = c00; c61 = c00; c70 = c00; c71 = c00;
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
        }
        for (int a = ao, b = bo, end = bo + kc * NR; b < end; a += MR, b += NR) {
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
    }

    static void tile4(float[] ap, int ao, float[] bp, int bo, int kc,
                      float[] c, int co, int ldc, boolean overwrite) {
        FloatVector c00, c01, c10, c11, c20, c21, c30, c31;
        if (overwrite) {
            c00 = FloatVector.zero(S);
            c01 = c00; c10 = c00; c11 = c00; c20 = c00; c21 = c00; c30 = c00; c31 = c00;
        } else {
            c00 = FloatVector.fromArray(S, c, co);
            c01 = FloatVector.fromArray(S, c, co + 16);
            c10 = FloatVector.fromArray(S, c, co + ldc);
            c11 = FloatVector.fromArray(S, c, co + ldc + 16);
            c20 = FloatVector.fromArray(S, c, co + 2 * ldc);
            c21 = FloatVector.fromArray(S, c, co + 2 * ldc + 16);
            c30 = FloatVector.fromArray(S, c, co + 3 * ldc);
            c31 = FloatVector.fromArray(S, c, co + 3 * ldc + 16);
        }
        for (int a = ao, b = bo, end = bo + kc * NR; b < end; a += MR, b += NR) {
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
        }
        c00.intoArray(c, co);
        c01.intoArray(c, co + 16);
        c10.intoArray(c, co + ldc);
        c11.intoArray(c, co + ldc + 16);
        c20.intoArray(c, co + 2 * ldc);
        c21.intoArray(c, co + 2 * ldc + 16);
        c30.intoArray(c, co + 3 * ldc);
        c31.intoArray(c, co + 3 * ldc + 16);
    }

    static void tile2(float[] ap, int ao, float[] bp, int bo, int kc,
                      float[] c, int co, int ldc, boolean overwrite) {
        FloatVector c00, c01, c10, c11;
        if (overwrite) {
            c00 = FloatVector.zero(S);
            c01 = c00; c10 = c00; c11 = c00;
        } else {
            c00 = FloatVector.fromArray(S, c, co);
            c01 = FloatVector.fromArray(S, c, co + 16);
            c10 = FloatVector.fromArray(S, c, co + ldc);
            c11 = FloatVector.fromArray(S, c, co + ldc + 16);
        }
        for (int a = ao, b = bo, end = bo + kc * NR; b < end; a += MR, b += NR) {
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + 16);
            FloatVector x = FloatVector.broadcast(S, ap[a]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, ap[a + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
        }
        c00.intoArray(c, co);
        c01.intoArray(c, co + 16);
        c10.intoArray(c, co + ldc);
        c11.intoArray(c, co + ldc + 16);
    }

    static void tile1(float[] ap, int ao, float[] bp, int bo, int kc,
                      float[] c, int co, int ldc, boolean overwrite) {
        FloatVector c00, c01;
        if (overwrite) {
            c00 = FloatVector.zero(S);
            c01 = c00;
        } else {
            c00 = FloatVector.fromArray(S, c, co);
            c01 = FloatVector.fromArray(S, c, co + 16);
        }
        for (int a = ao, b = bo, end = bo + kc * NR; b < end; a += MR, b += NR) {
            FloatVector b0 = FloatVector.fromArray(S, bp, b);
            FloatVector b1 = FloatVector.fromArray(S, bp, b + 16);
            FloatVector x = FloatVector.broadcast(S, ap[a]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
        }
        c00.intoArray(c, co);
        c01.intoArray(c, co + 16);
    }
}
