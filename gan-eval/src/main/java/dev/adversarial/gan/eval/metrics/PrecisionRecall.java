package dev.adversarial.gan.eval.metrics;

import dev.adversarial.gan.eval.linalg.PairwiseProducts;
import java.util.Arrays;

/**
 * Improved precision and recall (Kynkäänniemi et al., 2019). Each set of feature vectors
 * defines a manifold: the union of balls around its points, each ball reaching the point's k-th
 * nearest neighbour within the same set (k = 3 as in the paper). Precision is the share of
 * generated samples that fall inside the real manifold (are they realistic?); recall is the share
 * of real samples inside the generated manifold (is the data's variety covered?). A generator
 * that drops a fraction of the modes keeps its precision and loses that fraction of recall.
 *
 * <p>As in the authors' code, squared distances are compared with squared radii, a point's
 * neighbourhood counts itself at distance 0 (so the k-th neighbour is the k-th other point), and
 * a point on the boundary of a ball is inside it.
 */
public final class PrecisionRecall {
    public static final int DEFAULT_K = 3;

    private PrecisionRecall() {
    }

    public record Result(double precision, double recall, int k, int realCount, int fakeCount) {
    }

    /**
     * Squared distance from each of the n rows to its k-th nearest other row of the same set.
     * Cached with the evaluation classifier for the real reference set, so that only the
     * generated set's radii are computed per evaluation.
     */
    public static double[] squaredRadii(float[] x, int n, int dim, int k) {
        if (k < 1 || k >= n) {
            throw new IllegalArgumentException("The k-th nearest neighbour needs 1 <= k < n, got k = " + k + " for "
                    + n + " points");
        }
        double[] norms = PairwiseProducts.squaredNorms(x, n, dim);
        double[] radii = new double[n];
        PairwiseProducts.forEachBlock(x, n, x, n, dim, (r0, r1, dots) -> {
            double[] smallest = new double[k + 1];
            for (int i = r0; i < r1; i++) {
                Arrays.fill(smallest, Double.POSITIVE_INFINITY);
                int o = (i - r0) * n;
                for (int j = 0; j < n; j++) {
                    // The point itself is exactly 0 away (rounding could say otherwise).
                    double d2 = i == j ? 0 : Math.max(0, norms[i] + norms[j] - 2 * dots[o + j]);
                    if (d2 < smallest[k]) {
                        int p = k;
                        while (p > 0 && smallest[p - 1] > d2) {
                            smallest[p] = smallest[p - 1];
                            p--;
                        }
                        smallest[p] = d2;
                    }
                }
                radii[i] = smallest[k];
            }
        });
        return radii;
    }

    /** Precision and recall from scratch: both sets' radii are computed here. */
    public static Result compute(float[] real, int nReal, float[] fake, int nFake, int dim, int k) {
        return compute(real, nReal, squaredRadii(real, nReal, dim, k), fake, nFake, squaredRadii(fake, nFake, dim, k),
                dim, k);
    }

    /** Precision and recall given both sets' squared k-NN radii. One pass over all real-fake pairs. */
    public static Result compute(float[] real, int nReal, double[] realRadii, float[] fake, int nFake, double[] fakeRadii,
                                 int dim, int k) {
        if (realRadii.length != nReal || fakeRadii.length != nFake) {
            throw new IllegalArgumentException("Need one radius per point: " + realRadii.length + " for " + nReal
                    + " real and " + fakeRadii.length + " for " + nFake + " generated points");
        }
        double[] realNorms = PairwiseProducts.squaredNorms(real, nReal, dim);
        double[] fakeNorms = PairwiseProducts.squaredNorms(fake, nFake, dim);
        boolean[] fakeInReal = new boolean[nFake];
        boolean[] realInFake = new boolean[nReal];
        // Rows are generated samples, columns real ones. Several threads may set the same
        // realInFake[j] to true; that race is benign, and the pool's join publishes the writes.
        PairwiseProducts.forEachBlock(fake, nFake, real, nReal, dim, (r0, r1, dots) -> {
            for (int i = r0; i < r1; i++) {
                int o = (i - r0) * nReal;
                boolean inside = false;
                for (int j = 0; j < nReal; j++) {
                    double d2 = Math.max(0, fakeNorms[i] + realNorms[j] - 2 * dots[o + j]);
                    if (d2 <= realRadii[j]) {
                        inside = true;
                    }
                    if (d2 <= fakeRadii[i] && !realInFake[j]) {
                        realInFake[j] = true;
                    }
                }
                fakeInReal[i] = inside;
            }
        });
        return new Result(share(fakeInReal), share(realInFake), k, nReal, nFake);
    }

    private static double share(boolean[] flags) {
        int c = 0;
        for (boolean f : flags) {
            if (f) {
                c++;
            }
        }
        return (double) c / flags.length;
    }
}
