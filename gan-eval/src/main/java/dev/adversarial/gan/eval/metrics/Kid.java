package dev.adversarial.gan.eval.metrics;

import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.eval.linalg.PairwiseProducts;

/**
 * The kernel inception distance (Bińkowski et al., 2018): the unbiased estimate of the squared
 * maximum mean discrepancy between real and generated features under the cubic polynomial kernel
 * k(x, y) = (xᵀy / d + 1)³, averaged over random subsets. Unlike FID it has an unbiased
 * estimator, so identical distributions score 0 in expectation (individual subsets can go
 * slightly negative) whatever the number of samples.
 *
 * <p>On each subset of m real features X and m generated features Y:
 * MMD²_u = Σ_{i≠j} k(x_i, x_j) / m(m−1) + Σ_{i≠j} k(y_i, y_j) / m(m−1) − 2·Σ_{i,j} k(x_i, y_j) / m².
 * The defaults (100 subsets of 1,000, each drawn without replacement) are those of the
 * reference implementations; the reported spread is the standard deviation over subsets.
 */
public final class Kid {
    public static final int DEFAULT_SUBSETS = 100;
    public static final int DEFAULT_SUBSET_SIZE = 1000;

    private Kid() {
    }

    /** Mean and standard deviation of MMD² over the subsets. */
    public record Result(double mean, double std, int subsets, int subsetSize) {
    }

    /**
     * KID between {@code nReal} real and {@code nFake} generated feature rows of {@code dim}
     * values. The subset size is capped at the smaller set; subsets come from {@code rng}.
     */
    public static Result compute(float[] real, int nReal, float[] fake, int nFake, int dim, int subsets, int subsetSize,
                                 Rng rng) {
        if (subsets < 1 || subsetSize < 2) {
            throw new IllegalArgumentException("KID needs at least 1 subset of at least 2 features, got " + subsets
                    + " subsets of " + subsetSize);
        }
        int m = Math.min(subsetSize, Math.min(nReal, nFake));
        if (m < 2) {
            throw new IllegalArgumentException("KID needs at least 2 real and 2 generated feature vectors, got " + nReal
                    + " and " + nFake);
        }
        double[] values = new double[subsets];
        for (int s = 0; s < subsets; s++) {
            float[] x = gather(real, rng.permutation(nReal), m, dim);
            float[] y = gather(fake, rng.permutation(nFake), m, dim);
            values[s] = mmd2(x, y, m, dim);
        }
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= subsets;
        double var = 0;
        for (double v : values) {
            var += (v - mean) * (v - mean);
        }
        return new Result(mean, Math.sqrt(var / subsets), subsets, m);
    }

    /** The unbiased MMD² between the m rows of x and the m rows of y. */
    public static double mmd2(float[] x, float[] y, int m, int dim) {
        double xx = offDiagonalKernelSum(x, m, dim);
        double yy = offDiagonalKernelSum(y, m, dim);
        double xy = kernelSum(x, m, y, m, dim);
        return xx / ((double) m * (m - 1)) + yy / ((double) m * (m - 1)) - 2 * xy / ((double) m * m);
    }

    /** Σ k(a_i, b_j) over all pairs. */
    static double kernelSum(float[] a, int na, float[] b, int nb, int dim) {
        double[] partial = new double[blocks(na)];
        PairwiseProducts.forEachBlock(a, na, b, nb, dim, (r0, r1, dots) -> {
            double sum = 0;
            for (int i = r0; i < r1; i++) {
                for (int j = 0, o = (i - r0) * nb; j < nb; j++) {
                    sum += kernel(dots[o + j], dim);
                }
            }
            // One slot per block, written by one thread, summed in block order: deterministic.
            partial[r0 / PairwiseProducts.BLOCK_ROWS] = sum;
        });
        return total(partial);
    }

    /** Σ_{i≠j} k(a_i, a_j), from the pairs i < j only (the kernel is symmetric). */
    static double offDiagonalKernelSum(float[] a, int n, int dim) {
        double[] partial = new double[blocks(n)];
        PairwiseProducts.forEachUpperBlock(a, n, dim, (r0, r1, dots) -> {
            double sum = 0;
            for (int i = r0; i < r1; i++) {
                for (int j = i + 1, o = (i - r0) * n; j < n; j++) {
                    sum += kernel(dots[o + j], dim);
                }
            }
            partial[r0 / PairwiseProducts.BLOCK_ROWS] = sum;
        });
        return 2 * total(partial);
    }

    private static double kernel(double dot, int dim) {
        double t = dot / dim + 1;
        return t * t * t;
    }

    private static int blocks(int n) {
        return (n + PairwiseProducts.BLOCK_ROWS - 1) / PairwiseProducts.BLOCK_ROWS;
    }

    private static double total(double[] partial) {
        double t = 0;
        for (double p : partial) {
            t += p;
        }
        return t;
    }

    private static float[] gather(float[] rows, int[] order, int m, int dim) {
        float[] out = new float[m * dim];
        for (int i = 0; i < m; i++) {
            System.arraycopy(rows, order[i] * dim, out, i * dim, dim);
        }
        return out;
    }
}
