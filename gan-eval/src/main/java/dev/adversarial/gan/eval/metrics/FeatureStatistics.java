package dev.adversarial.gan.eval.metrics;

import dev.adversarial.gan.eval.linalg.PairwiseProducts;

/**
 * The mean and covariance of a set of feature vectors, in double: what the Fréchet distance
 * compares. The covariance is the unbiased one (divided by n − 1), as numpy.cov computes it in
 * the reference FID implementations.
 *
 * @param mean       [dim]
 * @param covariance [dim·dim], row-major and symmetric
 */
public record FeatureStatistics(int dim, int count, double[] mean, double[] covariance) {
    public FeatureStatistics {
        if (mean.length != dim || covariance.length != (long) dim * dim) {
            throw new IllegalArgumentException("Statistics of dimension " + dim + " need a mean of " + dim
                    + " and a covariance of " + dim * dim + " values, got " + mean.length + " and " + covariance.length);
        }
        if (count < 2) {
            throw new IllegalArgumentException("A covariance needs at least 2 feature vectors, got " + count);
        }
    }

    /** Statistics of {@code n} rows of {@code dim} features, row-major. */
    public static FeatureStatistics of(float[] features, int n, int dim) {
        if (n < 2 || (long) n * dim != features.length) {
            throw new IllegalArgumentException("Need at least 2 rows of " + dim + " features, got " + features.length
                    + " values for " + n + " rows");
        }
        double[] mean = new double[dim];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < dim; k++) {
                mean[k] += features[i * dim + k];
            }
        }
        for (int k = 0; k < dim; k++) {
            mean[k] /= n;
        }
        // Σ x xᵀ over the (often sparse, post-ReLU) raw features through the blocked kernel, then
        // the mean correction: in double the cancellation costs nothing that matters here.
        float[] columns = new float[features.length];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < dim; k++) {
                columns[k * n + i] = features[i * dim + k];
            }
        }
        double[] moment = PairwiseProducts.all(columns, dim, columns, dim, n);
        double[] cov = new double[dim * dim];
        for (int a = 0; a < dim; a++) {
            for (int b = 0; b < dim; b++) {
                cov[a * dim + b] = (moment[a * dim + b] - n * mean[a] * mean[b]) / (n - 1);
            }
        }
        // Symmetric up to rounding already; make it exactly so for the eigensolver.
        for (int a = 0; a < dim; a++) {
            for (int b = a + 1; b < dim; b++) {
                double s = 0.5 * (cov[a * dim + b] + cov[b * dim + a]);
                cov[a * dim + b] = s;
                cov[b * dim + a] = s;
            }
        }
        return new FeatureStatistics(dim, n, mean, cov);
    }
}
