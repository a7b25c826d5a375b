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

    /**
     * The prior that {@link #describe()} described (its exact inverse: floats are written with
     * Float.toString, which reads back to the same float). This is how an exported model's
     * metadata gives its noise distribution back; a missing or malformed entry is named.
     */
    public static NoisePrior fromDescription(Map<String, String> d) {
        String kind = entry(d, "noise_prior");
        int dim;
        try {
            dim = Integer.parseInt(entry(d, "latent_size"));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("latent_size must be a whole number, got '" + d.get("latent_size") + "'");
        }
        return switch (kind) {
            case "uniform" -> new NoisePrior(Kind.UNIFORM, dim, number(d, "noise_low"), number(d, "noise_high"));
            case "normal" -> new NoisePrior(Kind.NORMAL, dim, number(d, "noise_mean"), number(d, "noise_std"));
            default -> throw new IllegalArgumentException("noise_prior must be 'uniform' or 'normal', got '" + kind + "'");
        };
    }

    private static String entry(Map<String, String> d, String key) {
        String v = d.get(key);
        if (v == null) {
            throw new IllegalArgumentException("The noise prior's description has no '" + key + "' entry (it has "
                    + d.keySet() + ")");
        }
        return v.trim();
    }

    private static float number(Map<String, String> d, String key) {
        try {
            return Float.parseFloat(entry(d, key));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, got '" + d.get(key) + "'");
        }
    }

    @Override
    public String toString() {
        return kind == Kind.UNIFORM ? "uniform[" + a + ", " + b + ")^" + dim : "normal(" + a + ", " + b + ")^" + dim;
    }
}
