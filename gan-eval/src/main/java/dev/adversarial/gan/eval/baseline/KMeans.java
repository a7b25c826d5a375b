package dev.adversarial.gan.eval.baseline;

import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.eval.linalg.PairwiseProducts;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Lloyd's k-means with k-means++ seeding (Arthur and Vassilvitskii 2007), seeded and capped in
 * iterations: the "k-means centroids" baseline of Theis et al. (2016), who showed that 10,000
 * centroids of the MNIST training set outscore the real data under the Parzen protocol.
 *
 * <p>Why not a library: the sizes here (50,000 points of 784 values, k = 10,000) cost about
 * 4·10¹¹ multiply-adds per Lloyd iteration done densely. Apache Commons Math 3.6.1 (in the local
 * Maven cache, last released 2016) computes every point-to-centroid distance one pair at a time,
 * on one thread; Smile is GPL-3.0, and Tribuo's k-means is not available offline here. This
 * class instead takes the assignment step's inner products from {@link PairwiseProducts}, which
 * skips the zero pixels (four fifths of MNIST) and runs on every core, and the k-means++ step's
 * from a sparse copy of the points; both in double, so results do not depend on the thread count.
 *
 * <p>Conventions: ties go to the lowest centroid index; a cluster that loses all its points
 * keeps its previous centroid (counted in {@link Result#emptyClusters()}); iterations stop when
 * no assignment changes or after {@code maxIterations}.
 */
public final class KMeans {
    private KMeans() {
    }

    /**
     * The fitted centroids ([k, dim], row-major), each point's cluster, and how the fit went.
     *
     * @param inertiaByIteration sum of squared distances to the nearest centroid at each assignment step
     * @param emptyClusters clusters left without points by the last update
     */
    public record Result(float[] centroids, int k, int dim, int[] assignment, int iterations, boolean converged,
                         double[] inertiaByIteration, int emptyClusters, double seedingSeconds, double seconds) {
        /** The inertia at the last assignment step. */
        public double inertia() {
            return inertiaByIteration[inertiaByIteration.length - 1];
        }
    }

    /**
     * Clusters the n rows of {@code x} ([n, dim], row-major) into k. {@code rng} picks the
     * k-means++ seeds; {@code log} hears about progress (it may be a no-op).
     */
    public static Result fit(float[] x, int n, int dim, int k, int maxIterations, Rng rng, Consumer<String> log) {
        if (n <= 0 || dim <= 0 || (long) n * dim != x.length) {
            throw new IllegalArgumentException("k-means needs [n, dim] points, got " + x.length + " values for n = " + n
                    + " and dim = " + dim);
        }
        if (k <= 0 || k > n) {
            throw new IllegalArgumentException("k must be between 1 and the number of points (" + n + "), got " + k);
        }
        if (maxIterations <= 0) {
            throw new IllegalArgumentException("The iteration cap must be positive, got " + maxIterations);
        }
        long t0 = System.nanoTime();
        double[] norms = PairwiseProducts.squaredNorms(x, n, dim);
        float[] centroids = seedPlusPlus(x, n, dim, k, norms, rng, log);
        double seedingSeconds = (System.nanoTime() - t0) / 1e9;
        log.accept(String.format(java.util.Locale.ROOT, "k-means++ chose %d seeds in %.1f s", k, seedingSeconds));

        int[] assignment = new int[n];
        Arrays.fill(assignment, -1);
        double[] inertia = new double[maxIterations];
        int iterations = 0;
        boolean converged = false;
        int empty = 0;
        while (iterations < maxIterations) {
            long ti = System.nanoTime();
            int changed = assign(x, n, dim, centroids, k, norms, assignment, inertia, iterations);
            iterations++;
            if (changed == 0) {
                converged = true;
                break;
            }
            empty = update(x, n, dim, centroids, k, assignment);
            log.accept(String.format(java.util.Locale.ROOT, "k-means iteration %d: inertia %.6g, %d points moved,"
                    + " %d empty clusters (%.1f s)", iterations, inertia[iterations - 1], changed, empty,
                    (System.nanoTime() - ti) / 1e9));
        }
        return new Result(centroids, k, dim, assignment, iterations, converged, Arrays.copyOf(inertia, iterations),
                empty, seedingSeconds, (System.nanoTime() - t0) / 1e9);
    }

    /**
     * k-means++: the first seed uniformly, each next one with probability proportional to its
     * squared distance from the nearest seed so far. The k × n distance updates are the costly
     * part; each is a sparse dot product against the new seed, spread over the cores by rows.
     */
    static float[] seedPlusPlus(float[] x, int n, int dim, int k, double[] norms, Rng rng, Consumer<String> log) {
        SparseRows rows = SparseRows.of(x, n, dim);
        float[] centroids = new float[k * dim];
        double[] nearest = new double[n];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        double[] seed = new double[dim];
        int chunk = 1024;
        int chunks = (n + chunk - 1) / chunk;
        int pick = rng.nextInt(n);
        for (int c = 0; c < k; c++) {
            System.arraycopy(x, pick * dim, centroids, c * dim, dim);
            for (int p = 0; p < dim; p++) {
                seed[p] = x[pick * dim + p];
            }
            double seedNorm = norms[pick];
            IntStream.range(0, chunks).parallel().forEach(b -> {
                for (int i = b * chunk, end = Math.min(n, i + chunk); i < end; i++) {
                    double d2 = Math.max(0.0, norms[i] + seedNorm - 2 * rows.dot(i, seed));
                    if (d2 < nearest[i]) {
                        nearest[i] = d2;
                    }
                }
            });
            if (c + 1 < k) {
                pick = drawProportional(nearest, rng);
            }
            if ((c + 1) % 2000 == 0) {
                log.accept("k-means++: " + (c + 1) + " of " + k + " seeds");
            }
        }
        return centroids;
    }

    /** An index drawn with probability weight[i] / Σ weight; uniformly when every weight is zero. */
    static int drawProportional(double[] weight, Rng rng) {
        double total = 0;
        for (double w : weight) {
            total += w;
        }
        if (!(total > 0)) {
            return rng.nextInt(weight.length);
        }
        double u = rng.nextDouble() * total;
        double cumulative = 0;
        int last = -1;
        for (int i = 0; i < weight.length; i++) {
            if (weight[i] > 0) {
                cumulative += weight[i];
                last = i;
                if (u < cumulative) {
                    return i;
                }
            }
        }
        // Rounding in the running sum can leave u just past the end: the last positive weight.
        return last;
    }

    /** The assignment step; returns how many points changed cluster and records the inertia. */
    private static int assign(float[] x, int n, int dim, float[] centroids, int k, double[] norms, int[] assignment,
                              double[] inertia, int iteration) {
        double[] centroidNorms = PairwiseProducts.squaredNorms(centroids, k, dim);
        double[] distance = new double[n];
        int[] changed = new int[1];
        PairwiseProducts.forEachBlock(x, n, centroids, k, dim, (r0, r1, dots) -> {
            int moved = 0;
            for (int i = r0; i < r1; i++) {
                int o = (i - r0) * k;
                int best = 0;
                double bestValue = Double.POSITIVE_INFINITY;
                for (int j = 0; j < k; j++) {
                    // |x|² is the same for every centroid, so it is left out of the comparison.
                    double v = centroidNorms[j] - 2 * dots[o + j];
                    if (v < bestValue) {
                        bestValue = v;
                        best = j;
                    }
                }
                distance[i] = Math.max(0.0, norms[i] + bestValue);
                if (assignment[i] != best) {
                    assignment[i] = best;
                    moved++;
                }
            }
            synchronized (changed) {
                changed[0] += moved;
            }
        });
        double sum = 0;
        for (double d : distance) {
            sum += d;
        }
        inertia[iteration] = sum;
        return changed[0];
    }

    /** The update step: each centroid becomes the mean of its points; returns the empty clusters. */
    private static int update(float[] x, int n, int dim, float[] centroids, int k, int[] assignment) {
        double[] sums = new double[k * dim];
        int[] counts = new int[k];
        for (int i = 0; i < n; i++) {
            int c = assignment[i];
            counts[c]++;
            for (int p = 0, o = c * dim, xo = i * dim; p < dim; p++) {
                sums[o + p] += x[xo + p];
            }
        }
        int empty = 0;
        for (int c = 0; c < k; c++) {
            if (counts[c] == 0) {
                empty++;
                continue;
            }
            for (int p = 0, o = c * dim; p < dim; p++) {
                centroids[o + p] = (float) (sums[o + p] / counts[c]);
            }
        }
        return empty;
    }

    /** The non-zero values of each row (compressed sparse rows), for dot products with a dense vector. */
    record SparseRows(int[] start, int[] index, float[] value) {
        static SparseRows of(float[] x, int n, int dim) {
            int nonZero = 0;
            for (float v : x) {
                if (v != 0f) {
                    nonZero++;
                }
            }
            int[] start = new int[n + 1];
            int[] index = new int[nonZero];
            float[] value = new float[nonZero];
            int q = 0;
            for (int i = 0; i < n; i++) {
                start[i] = q;
                for (int p = 0; p < dim; p++) {
                    float v = x[i * dim + p];
                    if (v != 0f) {
                        index[q] = p;
                        value[q++] = v;
                    }
                }
            }
            start[n] = q;
            return new SparseRows(start, index, value);
        }

        double dot(int row, double[] dense) {
            double s = 0;
            for (int q = start[row], end = start[row + 1]; q < end; q++) {
                s += value[q] * dense[index[q]];
            }
            return s;
        }
    }
}
