package dev.adversarial.gan.core.data;

import dev.adversarial.gan.api.Rng;
import java.util.Arrays;

/**
 * A mixture of Gaussians on the real line: the data density p_data of a Figure-1 style
 * experiment. Its density is known in closed form, which is what lets a test compare a trained
 * discriminator with the optimum D*(x) = p_data(x) / (p_data(x) + p_g(x)) of the paper's
 * Proposition 1, and draw the black curve of Figure 1.
 */
public final class GaussianMixture1D {
    private static final double LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

    private final double[] means;
    private final double[] stds;
    private final double[] weights;
    private final double[] cumulative;

    /**
     * @param means component means, all finite
     * @param stds component standard deviations, all finite and positive
     * @param weights non-negative mixing weights, not all zero; normalised to sum to 1
     */
    public GaussianMixture1D(double[] means, double[] stds, double[] weights) {
        if (means == null || stds == null || weights == null) {
            throw new IllegalArgumentException("means, stds and weights must not be null");
        }
        if (means.length == 0 || means.length != stds.length || means.length != weights.length) {
            throw new IllegalArgumentException("A mixture needs at least one component and as many stds and weights"
                    + " as means; got " + means.length + " means, " + stds.length + " stds, " + weights.length
                    + " weights");
        }
        double total = 0;
        for (int i = 0; i < means.length; i++) {
            if (!Double.isFinite(means[i])) {
                throw new IllegalArgumentException("Mean " + i + " is " + means[i] + "; means must be finite");
            }
            if (!(stds[i] > 0) || !Double.isFinite(stds[i])) {
                throw new IllegalArgumentException("Standard deviation " + i + " is " + stds[i]
                        + "; it must be finite and positive");
            }
            if (!(weights[i] >= 0) || !Double.isFinite(weights[i])) {
                throw new IllegalArgumentException("Weight " + i + " is " + weights[i]
                        + "; weights must be finite and non-negative");
            }
            total += weights[i];
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("Weights " + Arrays.toString(weights) + " sum to zero; at least one"
                    + " component needs a positive weight");
        }
        this.means = means.clone();
        this.stds = stds.clone();
        this.weights = new double[weights.length];
        this.cumulative = new double[weights.length];
        double c = 0;
        for (int i = 0; i < weights.length; i++) {
            this.weights[i] = weights[i] / total;
            c += this.weights[i];
            cumulative[i] = c;
        }
        // Rounding can leave the last sum a hair below 1; pin it so sampling never falls off the end.
        cumulative[cumulative.length - 1] = 1.0;
    }

    /** A single Gaussian, the simplest p_data (the paper's Figure 1 draws one such bump). */
    public static GaussianMixture1D gaussian(double mean, double std) {
        return new GaussianMixture1D(new double[] {mean}, new double[] {std}, new double[] {1});
    }

    /**
     * The default for Figure-1 style demos: two equally weighted modes at -2 and +2 with standard
     * deviation 0.5. The modes are 8 standard deviations apart, so the density is clearly bimodal
     * and a generator that covers only one mode is easy to see, yet both fit in a plot over
     * [-4, 4], and a small MLP generator can learn it in seconds.
     */
    public static GaussianMixture1D figure1Default() {
        return new GaussianMixture1D(new double[] {-2, 2}, new double[] {0.5, 0.5}, new double[] {0.5, 0.5});
    }

    public int components() {
        return means.length;
    }

    public double[] means() {
        return means.clone();
    }

    public double[] stds() {
        return stds.clone();
    }

    /** The normalised mixing weights (they sum to 1). */
    public double[] weights() {
        return weights.clone();
    }

    /** The probability density at {@code x}. */
    public double density(double x) {
        double p = 0;
        for (int i = 0; i < means.length; i++) {
            double z = (x - means[i]) / stds[i];
            p += weights[i] * Math.exp(-0.5 * z * z - LOG_SQRT_2PI) / stds[i];
        }
        return p;
    }

    /** log density, computed by log-sum-exp so that it stays finite far out in the tails. */
    public double logDensity(double x) {
        double[] terms = new double[means.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < means.length; i++) {
            double z = (x - means[i]) / stds[i];
            terms[i] = Math.log(weights[i]) - 0.5 * z * z - LOG_SQRT_2PI - Math.log(stds[i]);
            max = Math.max(max, terms[i]);
        }
        double s = 0;
        for (double t : terms) {
            s += Math.exp(t - max);
        }
        return max + Math.log(s);
    }

    /** The mixture's mean, Σ wᵢ μᵢ. */
    public double mean() {
        double m = 0;
        for (int i = 0; i < means.length; i++) {
            m += weights[i] * means[i];
        }
        return m;
    }

    /** The mixture's variance, Σ wᵢ (σᵢ² + μᵢ²) − mean². */
    public double variance() {
        double second = 0;
        for (int i = 0; i < means.length; i++) {
            second += weights[i] * (stds[i] * stds[i] + means[i] * means[i]);
        }
        double m = mean();
        return second - m * m;
    }

    /** {@code n} draws as a data set of exampleDims [1], labelled with the component each came from. */
    public ArrayDataset sample(Rng rng, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("Cannot draw " + n + " samples");
        }
        float[] v = new float[n];
        int[] labels = new int[n];
        for (int k = 0; k < n; k++) {
            int c = component(rng.nextDouble());
            labels[k] = c;
            v[k] = (float) (means[c] + stds[c] * rng.nextGaussian());
        }
        return ArrayDataset.owning("gaussian-mixture-1d", v, new int[] {1}, labels);
    }

    /** The component whose cumulative-weight interval holds {@code u} in [0, 1). */
    private int component(double u) {
        for (int i = 0; i < cumulative.length; i++) {
            if (u < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }

    @Override
    public String toString() {
        return "GaussianMixture1D[means=" + Arrays.toString(means) + ", stds=" + Arrays.toString(stds) + ", weights="
                + Arrays.toString(weights) + "]";
    }
}
