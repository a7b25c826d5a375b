package dev.adversarial.gan.eval.classifier;

import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.core.data.ArrayDataset;

/** A tiny labelled data set a small classifier learns in a second: Gaussian blobs, one per class. */
final class Blobs {
    private Blobs() {
    }

    static ArrayDataset make(String name, Rng rng, int n, int dim, int classes) {
        float[] v = new float[n * dim];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int c = rng.nextInt(classes);
            labels[i] = c;
            for (int k = 0; k < dim; k++) {
                v[i * dim + k] = (float) ((k % classes == c ? 1.5 : 0.0) + 0.5 * rng.nextGaussian());
            }
        }
        return new ArrayDataset(name, v, new int[] {dim}, labels);
    }
}
