package dev.adversarial.gan.core.train;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Layer;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Scope;
import dev.adversarial.gan.api.Tensor;
import java.util.Arrays;

/** Draws samples from a generator in evaluation mode, batch by batch, onto the host. */
public final class Sampler {
    private Sampler() {
    }

    /** n fresh noise vectors from the prior, drawn with {@code rng}, as an [n, latent] row-major array. */
    public static float[] noise(NoisePrior prior, Rng rng, int n) {
        float[] z = new float[n * prior.dim()];
        if (prior.kind() == NoisePrior.Kind.UNIFORM) {
            rng.fillUniform(z, prior.a(), prior.b());
        } else {
            rng.fillNormal(z, prior.a(), prior.b());
        }
        return z;
    }

    /** G(z) for the n rows of z ([n, latent]) of an unconditional model; returns [n, dataSize] row-major. */
    public static float[] generate(GanModel model, Backend backend, float[] z, int n, int batch) {
        return generate(model, backend, z, null, n, batch);
    }

    /**
     * G(z, label) for the n rows of z ([n, latent]) and, for a conditional model, one label per
     * row (null for an unconditional one); returns [n, dataSize] row-major.
     */
    public static float[] generate(GanModel model, Backend backend, float[] z, int[] labels, int n, int batch) {
        int latent = model.prior().dim(), size = model.dataSize();
        if (z.length != (long) n * latent) {
            throw new IllegalArgumentException("Noise of " + z.length + " values is not " + n + " vectors of " + latent);
        }
        if (model.isConditional() && (labels == null || labels.length != n)) {
            throw new IllegalArgumentException("A conditional generator needs one label per sample: " + n + " samples, "
                    + (labels == null ? "no" : labels.length) + " labels");
        }
        Layer g = model.generator();
        boolean wasTraining = g.isTraining();
        g.eval();
        float[] out = new float[n * size];
        float[] zb = new float[Math.min(batch, n) * latent];
        try {
            for (int start = 0; start < n; start += batch) {
                int m = Math.min(batch, n - start);
                if (zb.length != m * latent) {
                    zb = new float[m * latent];
                }
                System.arraycopy(z, start * latent, zb, 0, m * latent);
                int[] yb = labels == null ? null : Arrays.copyOfRange(labels, start, start + m);
                try (Scope s = Scope.open()) {
                    Tensor x = g.forward(Conditioning.withLabels(model, backend.tensor(zb, m, latent), yb));
                    System.arraycopy(x.toArray(), 0, out, start * size, m * size);
                }
            }
        } finally {
            if (wasTraining) {
                g.train();
            }
        }
        return out;
    }
}
