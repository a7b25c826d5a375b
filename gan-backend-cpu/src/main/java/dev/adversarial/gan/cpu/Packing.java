package dev.adversarial.gan.cpu;

/**
 * Copies blocks of op(A) and op(B) into the order the vector kernels read them, for a register
 * tile of MR×NR ({@link BlockKernel#mr()}, {@link BlockKernel#nr()}), which also absorbs
 * the transposes: the kernel then streams both operands front to back with unit stride.
 *
 * <pre>
 * A block (mc×kc) → micro-panels of MR rows; panel q holds, for p = 0..kc-1, the MR values
 *                   A[q·MR + r][p] (r = 0..MR-1) at ap[q·MR·kc + p·MR + r].
 * B block (kc×nc) → micro-panels of NR columns; panel q holds, for p = 0..kc-1, the NR values
 *                   B[p][q·NR + j] (j = 0..NR-1) at bp[q·NR·kc + p·NR + j].
 * </pre>
 *
 * A last partial panel is padded with zeros, so the kernel always runs on full tiles and the
 * padding only adds 0·x terms to rows and columns that are thrown away.
 */
final class Packing {
    private Packing() {
    }

    /**
     * Packs A[ic..ic+mc)[pc..pc+kc) into {@code ap}. A is [m,k] row-major, or [k,m] when
     * {@code ta} (then the rows of the block are contiguous in memory and each k step copies MR
     * neighbours).
     */
    static void packA(int mr, float[] a, boolean ta, int m, int k, int ic, int mc, int pc, int kc, float[] ap) {
        packA(mr, a, ta, m, k, ic, mc, pc, kc, ap, 0);
    }

    /** As above, with the block's panels starting at {@code ap[ao]} (a kernel packs the rest itself). */
    static void packA(int mr, float[] a, boolean ta, int m, int k, int ic, int mc, int pc, int kc, float[] ap, int ao) {
        for (int ir = 0; ir < mc; ir += mr) {
            int rows = Math.min(mr, mc - ir), base = ao + ir * kc;
            if (ta) {
                for (int p = 0; p < kc; p++) {
                    int src = (pc + p) * m + ic + ir, dst = base + p * mr;
                    for (int r = 0; r < rows; r++) {
                        ap[dst + r] = a[src + r];
                    }
                    for (int r = rows; r < mr; r++) {
                        ap[dst + r] = 0f;
                    }
                }
            } else {
                for (int r = 0; r < mr; r++) {
                    int dst = base + r;
                    if (r < rows) {
                        int src = (ic + ir + r) * k + pc;
                        for (int p = 0; p < kc; p++) {
                            ap[dst + p * mr] = a[src + p];
                        }
                    } else {
                        for (int p = 0; p < kc; p++) {
                            ap[dst + p * mr] = 0f;
                        }
                    }
                }
            }
        }
    }

    /**
     * Packs B[pc..pc+kc)[jc..jc+nc) into {@code bp}. B is [k,n] row-major, or [n,k] when
     * {@code tb}. Both orders read the source front to back, which the hardware prefetcher
     * streams well: at batch size 100 packing B is the memory-bound part of the product.
     */
    static void packB(int nr, float[] b, boolean tb, int n, int k, int pc, int kc, int jc, int nc, float[] bp) {
        packB(nr, b, tb, n, k, pc, kc, jc, nc, bp, 0);
    }

    /** As above, with the block's panels starting at {@code bp[bo]} (a kernel packs the rest itself). */
    static void packB(int nr, float[] b, boolean tb, int n, int k, int pc, int kc, int jc, int nc, float[] bp, int bo) {
        if (tb) {
            // Each column of op(B) is a contiguous row of b: read it once, write it with stride NR.
            for (int jr = 0; jr < nc; jr += nr) {
                int cols = Math.min(nr, nc - jr), base = bo + jr * kc;
                for (int j = 0; j < cols; j++) {
                    int src = (jc + jr + j) * k + pc;
                    for (int p = 0; p < kc; p++) {
                        bp[base + p * nr + j] = b[src + p];
                    }
                }
                if (cols < nr) {
                    for (int p = 0; p < kc; p++) {
                        java.util.Arrays.fill(bp, base + p * nr + cols, base + (p + 1) * nr, 0f);
                    }
                }
            }
            return;
        }
        // Row by row, handing NR-float pieces to consecutive panels. (Panel by panel instead, each
        // step down a column jumps a whole row of b; measured twice as slow for 100x1200x1200.)
        for (int p = 0; p < kc; p++) {
            int src = (pc + p) * n + jc;
            for (int jr = 0; jr < nc; jr += nr) {
                int cols = Math.min(nr, nc - jr), dst = bo + jr * kc + p * nr;
                if (cols == nr) {
                    for (int j = 0; j < nr; j++) {
                        bp[dst + j] = b[src + jr + j];
                    }
                } else {
                    System.arraycopy(b, src + jr, bp, dst, cols);
                    java.util.Arrays.fill(bp, dst + cols, dst + nr, 0f);
                }
            }
        }
    }

    /**
     * A B operand that is never stored: B[p][j] = src[offset + kIndex[p] + nIndex[j]]. A
     * convolution's patch matrix is one (p a kernel tap and channel, j an image and output
     * position, or the reverse for the weight gradient, over a zero-padded copy of the images),
     * so the packing can gather the patches straight from the images into the kernel's panels
     * instead of writing the whole patch matrix first and copying it again.
     *
     * <p>{@code nRuns} ({@link #runLengths}), or null where not known, tells the vector kernels
     * which lane groups are a few contiguous runs of src, so that they load those as whole
     * vectors instead of gathering them lane by lane.
     */
    record Gather(float[] src, int offset, int[] kIndex, int[] nIndex, int[] nRuns) {
    }

    /**
     * Fills runs[j], j &lt; n, with the length of the contiguous run of sources that starts at
     * column j: the largest r with index[j + i] = index[j] + i for all i &lt; r, within n; returns
     * runs, or a new array if it is shorter than n. A convolution's index tables hold long runs
     * (a padded image row of output positions, a kernel row of taps); strided ones hold runs of 1.
     */
    static int[] runLengths(int[] index, int n, int[] runs) {
        int[] r = runs.length < n ? new int[n] : runs;
        for (int j = n - 1; j >= 0; j--) {
            r[j] = j + 1 < n && index[j + 1] == index[j] + 1 ? r[j + 1] + 1 : 1;
        }
        return r;
    }

    /**
     * Packs B[pc..pc+kc)[jc..jc+nc) of a gathered B into panels of {@code width} columns (a
     * tile kernel's NR, or nc for the scalar kernel's row-major block), the last one padded
     * with zeros, starting at bp[bo]. Panel by panel, so each panel is written front to back.
     */
    static void packGathered(int width, Gather b, int pc, int kc, int jc, int nc, float[] bp, int bo) {
        float[] src = b.src();
        int[] kIndex = b.kIndex(), nIndex = b.nIndex();
        for (int jr = 0; jr < nc; jr += width) {
            int cols = Math.min(width, nc - jr), base = bo + jr * kc, n0 = jc + jr;
            for (int p = 0; p < kc; p++) {
                int s = b.offset() + kIndex[pc + p], d = base + p * width;
                for (int j = 0; j < cols; j++) {
                    bp[d + j] = src[s + nIndex[n0 + j]];
                }
                for (int j = cols; j < width; j++) {
                    bp[d + j] = 0f; // a loop: a few floats per k step, where Arrays.fill's call dominated
                }
            }
        }
    }
}
