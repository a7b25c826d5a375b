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

    /** Rows G evaluates at once in {@link #sample}; enough to keep a backend busy, small enough for any memory. */
    static final int SAMPLE_BATCH = 256;

    /**
     * {@code n} samples of an unconditional model, one row of {@code dataSize()} values each, from
     * n noise vectors drawn with {@code rng} (G in eval mode).
     */
    public static float[][] sample(GanModel model, Backend backend, int n, Rng rng) {
        if (model.isConditional()) {
            throw new IllegalArgumentException("This generator is conditional (" + model.classes() + " classes): say which"
                    + " class each sample is with Sampler.sample(model, backend, labels, rng)");
        }
        return rows(generate(model, backend, noise(model.prior(), rng, requireCount(n)), null, n, SAMPLE_BATCH), n);
    }

    /**
     * One sample of a conditional model per entry of {@code labels} (classes 0 to classes − 1),
     * each row {@code dataSize()} values, from noise drawn with {@code rng}.
     */
    public static float[][] sample(GanModel model, Backend backend, int[] labels, Rng rng) {
        if (!model.isConditional()) {
            throw new IllegalArgumentException("This generator takes no labels; use Sampler.sample(model, backend, n, rng)");
        }
        int n = requireCount(labels.length);
        for (int y : labels) {
            if (y < 0 || y >= model.classes()) {
                throw new IllegalArgumentException("Label " + y + " is not a class of this model (0 to "
                        + (model.classes() - 1) + ")");
            }
        }
        return rows(generate(model, backend, noise(model.prior(), rng, n), labels, n, SAMPLE_BATCH), n);
    }

    /**
     * {@code n} samples of an unconditional model as one tensor of shape [n, dataShape…] on
     * {@code backend}, owned like any new tensor by the caller's open {@link Scope} if there is one.
     */
    public static Tensor sampleTensor(GanModel model, Backend backend, int n, Rng rng) {
        float[][] rows = sample(model, backend, n, rng);
        int size = model.dataSize();
        float[] flat = new float[n * size];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows[i], 0, flat, i * size, size);
        }
        int[] dims = new int[model.dataShape().length + 1];
        dims[0] = n;
        System.arraycopy(model.dataShape(), 0, dims, 1, dims.length - 1);
        return backend.tensor(flat, dims);
    }

    private static int requireCount(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("The number of samples must be positive, got " + n);
        }
        return n;
    }

    private static float[][] rows(float[] flat, int n) {
        int size = flat.length / n;
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = Arrays.copyOfRange(flat, i * size, (i + 1) * size);
        }
        return out;
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
