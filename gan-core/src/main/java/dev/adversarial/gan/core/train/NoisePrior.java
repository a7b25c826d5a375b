package dev.adversarial.gan.core.train;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Tensor;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * p_z, the generator's noise: {@code dim} independent draws, uniform on [a, b) or Gaussian
 * with mean a and standard deviation b. The paper's MNIST model uses uniform on [−√3, √3]
 * (unit variance).
 */
public record NoisePrior(Kind kind, int dim, float a, float b) {
    /** The distribution family. */
    public enum Kind {
        UNIFORM, NORMAL
    }

    public NoisePrior {
        if (dim <= 0) {
            throw new IllegalArgumentException("Noise dimension must be positive, got " + dim);
        }
        if (kind == Kind.UNIFORM && !(a < b)) {
            throw new IllegalArgumentException("Uniform noise needs low < high, got [" + a + ", " + b + ")");
        }
        if (kind == Kind.NORMAL && !(b > 0)) {
            throw new IllegalArgumentException("Normal noise needs a positive standard deviation, got " + b);
        }
    }

    public static NoisePrior uniform(int dim, double low, double high) {
        return new NoisePrior(Kind.UNIFORM, dim, (float) low, (float) high);
    }

    public static NoisePrior normal(int dim, double mean, double std) {
        return new NoisePrior(Kind.NORMAL, dim, (float) mean, (float) std);
    }

    /** n noise vectors as an [n, dim] tensor, drawn on the host so every backend sees the same values. */
    public Tensor sample(Backend backend, Rng rng, int n) {
        return kind == Kind.UNIFORM ? backend.uniform(rng, a, b, n, dim) : backend.normal(rng, a, b, n, dim);
    }

    /** What exporters and provenance record about the prior. */
    public Map<String, String> describe() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("noise_prior", kind.name().toLowerCase(Locale.ROOT));
        m.put("latent_size", Integer.toString(dim));
        if (kind == Kind.UNIFORM) {
            m.put("noise_low", Float.toString(a));
            m.put("noise_high", Float.toString(b));
        } else {
            m.put("noise_mean", Float.toString(a));
            m.put("noise_std", Float.toString(b));
        }
        return m;
    }

    @Override
    public String toString() {
        return kind == Kind.UNIFORM ? "uniform[" + a + ", " + b + ")^" + dim : "normal(" + a + ", " + b + ")^" + dim;
    }
}
