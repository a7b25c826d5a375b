package dev.adversarial.gan.cpu;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * C = op(A)·op(B) in float32, cache-blocked in the Goto style: a KC×NC panel of op(B) and an
 * MC×KC block of op(A) are packed row-major into per-thread buffers (which also absorbs the
 * transposes), and the inner loop is an unrolled row update that C2 vectorises. Large products
 * are split by output rows or columns across threads; every output element is summed over k
 * in the same order whatever the split, so results do not depend on the number of threads.
 */
final class MatMul {
    static final int KC = 256;
    static final int NC = 512;
    static final int MC = 64;
    /** Below this many multiply-adds the product runs on the calling thread alone. */
    private static final long PARALLEL_THRESHOLD = 1L << 18;

    private static final ThreadLocal<float[]> PACK_A = ThreadLocal.withInitial(() -> new float[MC * KC]);
    private static final ThreadLocal<float[]> PACK_B = ThreadLocal.withInitial(() -> new float[KC * NC]);

    private final int threads;
    private final ExecutorService helpers;

    MatMul(int threads) {
        this.threads = Math.max(1, threads);
        this.helpers = this.threads == 1 ? null : Executors.newFixedThreadPool(this.threads - 1, r -> {
            Thread t = new Thread(r, "gan-cpu-matmul");
            t.setDaemon(true);
            return t;
        });
    }

    int threads() {
        return threads;
    }

    /** A is [m,k] (or [k,m] if ta), B is [k,n] (or [n,k] if tb), C is [m,n] and fully overwritten. */
    void multiply(float[] a, boolean ta, float[] b, boolean tb, float[] c, int m, int n, int k) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            java.util.Arrays.fill(c, 0, m * n, 0f);
            return;
        }
        long work = (long) m * n * k;
        if (helpers == null || work < PARALLEL_THRESHOLD) {
            block(a, ta, b, tb, c, m, n, k, 0, m, 0, n);
            return;
        }
        boolean splitColumns = n >= m;
        int extent = splitColumns ? n : m;
        int chunk = (extent + threads - 1) / threads;
        chunk = (chunk + 7) & ~7; // keep the vectorised inner loop long and aligned
        List<Future<?>> pending = new ArrayList<>(threads - 1);
        int start = chunk;
        while (start < extent) {
            int s = start, e = Math.min(extent, start + chunk);
            pending.add(helpers.submit(() -> {
                if (splitColumns) {
                    block(a, ta, b, tb, c, m, n, k, 0, m, s, e);
                } else {
                    block(a, ta, b, tb, c, m, n, k, s, e, 0, n);
                }
            }));
            start = e;
        }
        int e0 = Math.min(extent, chunk);
        if (splitColumns) {
            block(a, ta, b, tb, c, m, n, k, 0, m, 0, e0);
        } else {
            block(a, ta, b, tb, c, m, n, k, 0, e0, 0, n);
        }
        for (Future<?> f : pending) {
            try {
                f.get();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted during matmul", ie);
            } catch (ExecutionException ee) {
                throw new IllegalStateException("matmul worker failed", ee.getCause());
            }
        }
    }

    /** Computes C[i0:i1, j0:j1]. */
    private static void block(float[] a, boolean ta, float[] b, boolean tb, float[] c,
                              int m, int n, int k, int i0, int i1, int j0, int j1) {
        float[] ap = PACK_A.get();
        float[] bp = PACK_B.get();
        for (int jc = j0; jc < j1; jc += NC) {
            int nc = Math.min(NC, j1 - jc);
            for (int pc = 0; pc < k; pc += KC) {
                int kc = Math.min(KC, k - pc);
                packB(b, tb, n, k, pc, kc, jc, nc, bp);
                for (int ic = i0; ic < i1; ic += MC) {
                    int mc = Math.min(MC, i1 - ic);
                    packA(a, ta, m, k, ic, mc, pc, kc, ap);
                    kernel(ap, bp, c, n, ic, mc, jc, nc, kc, pc == 0);
                }
            }
        }
    }

    private static void packA(float[] a, boolean ta, int m, int k, int ic, int mc, int pc, int kc, float[] ap) {
        if (!ta) {
            for (int i = 0; i < mc; i++) {
                System.arraycopy(a, (ic + i) * k + pc, ap, i * kc, kc);
            }
        } else {
            for (int p = 0; p < kc; p++) {
                int row = (pc + p) * m + ic;
                for (int i = 0; i < mc; i++) {
                    ap[i * kc + p] = a[row + i];
                }
            }
        }
    }

    private static void packB(float[] b, boolean tb, int n, int k, int pc, int kc, int jc, int nc, float[] bp) {
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

    /** C[ic:ic+mc, jc:jc+nc] (+)= Ap · Bp, four k-steps per pass over each C row. */
    private static void kernel(float[] ap, float[] bp, float[] c, int n, int ic, int mc, int jc, int nc, int kc,
                               boolean first) {
        for (int i = 0; i < mc; i++) {
            int co = (ic + i) * n + jc;
            if (first) {
                java.util.Arrays.fill(c, co, co + nc, 0f);
            }
            int ao = i * kc;
            int p = 0;
            for (; p + 3 < kc; p += 4) {
                float a0 = ap[ao + p], a1 = ap[ao + p + 1], a2 = ap[ao + p + 2], a3 = ap[ao + p + 3];
                int b0 = p * nc, b1 = b0 + nc, b2 = b1 + nc, b3 = b2 + nc;
                for (int j = 0; j < nc; j++) {
                    c[co + j] += a0 * bp[b0 + j] + a1 * bp[b1 + j] + a2 * bp[b2 + j] + a3 * bp[b3 + j];
                }
            }
            for (; p < kc; p++) {
                float a0 = ap[ao + p];
                int b0 = p * nc;
                for (int j = 0; j < nc; j++) {
                    c[co + j] += a0 * bp[b0 + j];
                }
            }
        }
    }
}
