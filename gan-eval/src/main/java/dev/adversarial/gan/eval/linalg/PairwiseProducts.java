package dev.adversarial.gan.eval.linalg;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * All inner products x_i·y_j between the rows of two float matrices, in double precision, handed
 * out one block of rows at a time so that a 10,000 × 10,000 result never has to exist at once.
 *
 * <p>Why double and not the backend's float32 matmul: the evaluation metrics need squared
 * distances |x|² + |y|² − 2·x·y, and on MNIST |x|² is about 100 while the distances that decide
 * a Parzen estimate are a few units, so float32's rounding of x·y (measured up to 7.5e-5 on
 * 784 pixels) moved single-image Parzen log-likelihoods by up to 5e-4 relative at σ = 0.1 (the
 * mean over 200 test images by 8e-7), against 1e-6 required. In double the same error is about
 * 1e-13. Splitting the float inputs into high and low halves would not help, because the
 * backend also accumulates in float32. Nor does double cost speed here: measured on the
 * development machine's 2 shared cores for 2,000 × 10,000 MNIST images of 784 pixels, the CPU
 * backend's float32 matmul took 5.4 s, this kernel 5.3–6.4 s on dense rows and 1.3 s on the
 * MNIST rows themselves, thanks to the zero skipping below.
 *
 * <p>Speed comes from three things: y is transposed once into a double array so that the inner
 * loop walks a contiguous run of y values for one coordinate p; a block of {@value #KC}
 * coordinates × {@value #NC} columns of it is reused by every row of a row block while it sits in
 * cache; and zeros in x are skipped, which on MNIST images (about 19% non-zero pixels) removes
 * four fifths of the work: a skipped term is an exact zero (0·y = 0 for finite y, and inputs are
 * checked to be finite), so only the grouping of the roundings changes. Row blocks run on all available processors
 * (or {@code -Dgan.eval.threads=N}); every product is summed in the same order whatever the
 * split, so results do not depend on the number of threads.
 */
public final class PairwiseProducts {
    static final int KC = 128;
    static final int NC = 256;
    /** Rows per block handed to the consumer. */
    public static final int BLOCK_ROWS = 64;

    private PairwiseProducts() {
    }

    /** Receives x_i·y_j for rows [rowStart, rowEnd) of x: {@code dots[(i - rowStart) * n + j]}. */
    @FunctionalInterface
    public interface BlockConsumer {
        /** Called from worker threads, each time for a different row range; must be safe for that. */
        void accept(int rowStart, int rowEnd, double[] dots);
    }

    /**
     * Computes x·yᵀ block by block. {@code x} is [m, d] and {@code y} is [n, d], row-major.
     * Blocks arrive in no particular order and possibly concurrently.
     */
    public static void forEachBlock(float[] x, int m, float[] y, int n, int d, BlockConsumer consumer) {
        run(x, m, y, n, d, false, consumer);
    }

    /**
     * x·xᵀ for sums over pairs that are symmetric in (i, j): a block of rows [r0, r1) gets only
     * the columns j ≥ r0 computed (the others hold zeros), halving the work. The consumer must
     * read only j > i (or j ≥ i) of row i.
     */
    public static void forEachUpperBlock(float[] x, int n, int d, BlockConsumer consumer) {
        run(x, n, x, n, d, true, consumer);
    }

    private static void run(float[] x, int m, float[] y, int n, int d, boolean upper, BlockConsumer consumer) {
        check(x, m, d, "x");
        if (y != x) {
            check(y, n, d, "y");
        }
        if (m == 0) {
            return;
        }
        double[] yt = transpose(y, n, d);
        int blocks = (m + BLOCK_ROWS - 1) / BLOCK_ROWS;
        int threads = Math.min(threads(), blocks);
        if (threads <= 1) {
            double[] buf = new double[Math.min(BLOCK_ROWS, m) * n];
            for (int b = 0; b < blocks; b++) {
                runBlock(x, m, yt, n, d, b, upper, buf, consumer);
            }
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "gan-eval-pairwise");
            t.setDaemon(true);
            return t;
        });
        try {
            java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
            List<Future<?>> running = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                running.add(pool.submit(() -> {
                    double[] buf = new double[Math.min(BLOCK_ROWS, m) * n];
                    for (int b = next.getAndIncrement(); b < blocks; b = next.getAndIncrement()) {
                        runBlock(x, m, yt, n, d, b, upper, buf, consumer);
                    }
                }));
            }
            for (Future<?> f : running) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while computing pairwise products", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("A pairwise-product worker failed: " + cause, cause);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The whole x·yᵀ as one [m, n] array; for small inputs and tests. */
    public static double[] all(float[] x, int m, float[] y, int n, int d) {
        double[] out = new double[Math.multiplyExact(m, n)];
        forEachBlock(x, m, y, n, d, (r0, r1, dots) -> System.arraycopy(dots, 0, out, r0 * n, (r1 - r0) * n));
        return out;
    }

    /** Squared Euclidean norm of every row, in double. */
    public static double[] squaredNorms(float[] x, int m, int d) {
        check(x, m, d, "x");
        double[] out = new double[m];
        for (int i = 0; i < m; i++) {
            double s = 0;
            for (int p = i * d, end = p + d; p < end; p++) {
                s += (double) x[p] * x[p];
            }
            out[i] = s;
        }
        return out;
    }

    /** Worker threads: -Dgan.eval.threads, else the available processors. */
    public static int threads() {
        int t = Integer.getInteger("gan.eval.threads", Runtime.getRuntime().availableProcessors());
        if (t < 1) {
            throw new IllegalArgumentException("-Dgan.eval.threads must be at least 1, got " + t);
        }
        return t;
    }

    private static void runBlock(float[] x, int m, double[] yt, int n, int d, int block, boolean upper, double[] buf,
                                 BlockConsumer consumer) {
        int r0 = block * BLOCK_ROWS, r1 = Math.min(m, r0 + BLOCK_ROWS);
        multiplyRows(x, r0, r1, yt, n, d, upper ? r0 : 0, buf);
        consumer.accept(r0, r1, buf);
    }

    /** buf[(i - r0)·n + j] = x_i·y_j for r0 ≤ i < r1 and c0 ≤ j < n, with yt the [d, n] transpose of y. */
    static void multiplyRows(float[] x, int r0, int r1, double[] yt, int n, int d, int c0, double[] buf) {
        java.util.Arrays.fill(buf, 0, (r1 - r0) * n, 0.0);
        int[] nz = new int[KC];
        double[] a = new double[KC];
        for (int pc = 0; pc < d; pc += KC) {
            int kc = Math.min(KC, d - pc);
            for (int jc = c0; jc < n; jc += NC) {
                int nc = Math.min(NC, n - jc);
                for (int i = r0; i < r1; i++) {
                    // The non-zero coordinates of this row within the block, in increasing order.
                    int count = 0;
                    int xo = i * d + pc;
                    for (int p = 0; p < kc; p++) {
                        float v = x[xo + p];
                        if (v != 0f) {
                            nz[count] = pc + p;
                            a[count++] = v;
                        }
                    }
                    int co = (i - r0) * n + jc;
                    int q = 0;
                    for (; q + 3 < count; q += 4) {
                        double a0 = a[q], a1 = a[q + 1], a2 = a[q + 2], a3 = a[q + 3];
                        int b0 = nz[q] * n + jc, b1 = nz[q + 1] * n + jc, b2 = nz[q + 2] * n + jc, b3 = nz[q + 3] * n + jc;
                        for (int j = 0; j < nc; j++) {
                            buf[co + j] += a0 * yt[b0 + j] + a1 * yt[b1 + j] + a2 * yt[b2 + j] + a3 * yt[b3 + j];
                        }
                    }
                    for (; q < count; q++) {
                        double a0 = a[q];
                        int b0 = nz[q] * n + jc;
                        for (int j = 0; j < nc; j++) {
                            buf[co + j] += a0 * yt[b0 + j];
                        }
                    }
                }
            }
        }
    }

    private static double[] transpose(float[] y, int n, int d) {
        double[] yt = new double[Math.multiplyExact(n, d)];
        for (int j = 0; j < n; j++) {
            int yo = j * d;
            for (int p = 0; p < d; p++) {
                yt[p * n + j] = y[yo + p];
            }
        }
        return yt;
    }

    private static void check(float[] v, int rows, int d, String name) {
        if (rows < 0 || d <= 0 || (long) rows * d != v.length) {
            throw new IllegalArgumentException(name + " holds " + v.length + " values, not " + rows + " rows of " + d);
        }
        for (float f : v) {
            if (!Float.isFinite(f)) {
                throw new IllegalArgumentException(name + " contains " + f + "; metrics need finite values (a generator"
                        + " that produced NaN or infinity has diverged: evaluate an earlier checkpoint)");
            }
        }
    }
}
