package dev.adversarial.gan.eval.metrics;

import dev.adversarial.gan.api.Rng;

/** Test data with known answers: Gaussian clouds and well-separated clusters of feature vectors. */
final class Gaussians {
    private Gaussians() {
    }

    /** n rows of N(mean, diag(std²)) in dim dimensions. */
    static float[] normal(Rng rng, int n, int dim, double mean, double std) {
        float[] v = new float[n * dim];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (mean + std * rng.nextGaussian());
        }
        return v;
    }

    static float[] shifted(float[] v, int dim, double[] shift) {
        float[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (out[i] + shift[i % dim]);
        }
        return out;
    }

    /**
     * n points from {@code clusters} tight, far-apart clusters in dim dimensions (centre c at 10
     * along axis c, spread 0.3), drawing only clusters below {@code useClusters}, evenly.
     */
    static float[] clusters(Rng rng, int n, int dim, int clusters, int useClusters) {
        if (useClusters > clusters) {
            throw new IllegalArgumentException("useClusters > clusters");
        }
        float[] v = new float[n * dim];
        for (int i = 0; i < n; i++) {
            int c = i % useClusters;
            for (int k = 0; k < dim; k++) {
                v[i * dim + k] = (float) ((k == c % dim ? 10.0 * (1 + c / dim) : 0.0) + 0.3 * rng.nextGaussian());
            }
        }
        return v;
    }
}
