package dev.adversarial.gan.cpu;

/**
 * The plain-Java kernel, for JVMs without the Vector API. Blocks are packed row-major (A as
 * mc×kc, B as kc×nc) and C is updated one row at a time, four k steps per pass over the row:
 * {@code c[j] += a0·b0[j] + a1·b1[j] + a2·b2[j] + a3·b3[j]}. That long, simple inner loop is what
 * C2's auto-vectoriser handles; register-tile formulations in plain Java (short constant-length
 * loops, or sixteen scalar accumulators) measured 1.5–5.7 GFLOP/s on one core here and C2 did
 * not vectorise them, against about 4.5 for this one inside the whole product.
 *
 * <p>Each C element gets its k terms in groups of four in increasing k, then the remainder, so
 * its value depends only on its own row and column: see the contract in {@link BlockKernel}.
 * Multiply and add stay separate (no {@code Math.fma}: without FMA hardware it is emulated and
 * very slow), so results differ from the vector kernel's in the last bits.
 */
final class ScalarKernel extends BlockKernel {
    /** Columns per strip: a KC×512 strip of B is 512 KiB, what one core's L2 holds. */
    private static final int STRIP = 512;

    /** Not a register tile: the unit in which MatMul splits rows between threads, as before. */
    @Override
    int mr() {
        return 6;
    }

    /** The unit in which MatMul splits columns between threads. */
    @Override
    int nr() {
        return 16;
    }

    @Override
    String description() {
        return "scalar";
    }

    @Override
    void packA(float[] a, boolean ta, int m, int k, int ic, int mc, int pc, int kc, float[] ap, int ao) {
        if (!ta) {
            for (int i = 0; i < mc; i++) {
                System.arraycopy(a, (ic + i) * k + pc, ap, ao + i * kc, kc);
            }
        } else {
            for (int p = 0; p < kc; p++) {
                int row = (pc + p) * m + ic;
                for (int i = 0; i < mc; i++) {
                    ap[ao + i * kc + p] = a[row + i];
                }
            }
        }
    }

    @Override
    void packB(float[] b, boolean tb, int n, int k, int pc, int kc, int jc, int nc, float[] bp) {
        if (!tb) {
            for (int p = 0; p < kc; p++) {
                System.arraycopy(b, (pc + p) * n + jc, bp, p * nc, nc);
            }
        } else {
            for (int j = 0; j < nc; j++) {
                int row = (jc + j) * k + pc;
                for (int p = 0; p < kc; p++) {
                    bp[p * nc + j] = b[row + p];
                }
            }
        }
    }

    /** The same row-major kc×nc block: one panel nc columns wide. */
    @Override
    void packB(Packing.Gather b, int pc, int kc, int jc, int nc, float[] bp) {
        Packing.packGathered(nc, b, pc, kc, jc, nc, bp, 0);
    }

    @Override
    void multiply(float[] ap, int ao, float[] bp, int mc, int nc, int kc,
                  float[] c, int co, int ldc, boolean first, float[] scratch) {
        // Every row of A streams the whole kc×w strip of B: keep the strip within L2.
        for (int j0 = 0; j0 < nc; j0 += STRIP) {
            int w = Math.min(STRIP, nc - j0);
            for (int i = 0; i < mc; i++) {
                row(ap, ao + i * kc, bp, j0, nc, kc, c, co + i * ldc + j0, w, first);
            }
        }
    }

    /** c[0..w) (+)= a·B[0..kc)[j0..j0+w) for one packed row a of A, four k steps per pass. */
    private static void row(float[] ap, int ao, float[] bp, int j0, int nc, int kc,
                            float[] c, int ci, int w, boolean first) {
        if (first) {
            java.util.Arrays.fill(c, ci, ci + w, 0f);
        }
        int p = 0;
        for (; p + 3 < kc; p += 4) {
            float a0 = ap[ao + p], a1 = ap[ao + p + 1], a2 = ap[ao + p + 2], a3 = ap[ao + p + 3];
            int b0 = p * nc + j0, b1 = b0 + nc, b2 = b1 + nc, b3 = b2 + nc;
            for (int j = 0; j < w; j++) {
                c[ci + j] += a0 * bp[b0 + j] + a1 * bp[b1 + j] + a2 * bp[b2 + j] + a3 * bp[b3 + j];
            }
        }
        for (; p < kc; p++) {
            float a0 = ap[ao + p];
            int b0 = p * nc + j0;
            for (int j = 0; j < w; j++) {
                c[ci + j] += a0 * bp[b0 + j];
            }
        }
    }
}
