package dev.adversarial.gan.eval.parzen;

import dev.adversarial.gan.eval.linalg.PairwiseProducts;
import java.util.Arrays;

/**
 * The Parzen-window log-likelihood of Goodfellow et al. (2014), Table 1, as the original
 * parzen_ll.py computes it: an isotropic Gaussian kernel density with bandwidth σ is centred on
 * each of N generator samples; σ is chosen from {@link #PAPER_SIGMAS} (numpy's logspace(-1, 0, 10))
 * by the mean log-likelihood of the first 1,000 validation images; the reported number is the
 * mean log-likelihood of the test images, ± the standard error std/√n (numpy's std, ddof = 0).
 *
 * <p>Per image: log p(x) = logsumexp_i(−|x − s_i|² / 2σ²) − log N − (d/2)·log(2πσ²).
 *
 * <p>Squared distances are |x|² + |s|² − 2·x·s with every term in double (see
 * {@link PairwiseProducts} for why not float32), so one matrix product per image set serves all
 * ten bandwidths. The log-sum-exp subtracts each image's smallest distance before exponentiating,
 * so nothing overflows or underflows to a wrong answer whatever σ is.
 */
public final class ParzenWindow {
    /** numpy.logspace(-1, 0, 10): 10^(-1 + k/9), k = 0..9. */
    public static final double[] PAPER_SIGMAS = logspace(-1, 0, 10);
    /** The protocol's sizes: samples drawn, validation images used to choose σ. */
    public static final int PAPER_SAMPLES = 10_000;
    public static final int PAPER_VALIDATION = 1_000;

    private final float[] samples;
    private final int count;
    private final int dim;
    private final double[] sampleNorms;

    /** A density centred on {@code count} samples of {@code dim} values each, row-major. */
    public ParzenWindow(float[] samples, int count, int dim) {
        if (count <= 0 || dim <= 0) {
            throw new IllegalArgumentException("A Parzen window needs at least one sample of at least one value, got "
                    + count + " samples of " + dim);
        }
        this.samples = samples;
        this.count = count;
        this.dim = dim;
        this.sampleNorms = PairwiseProducts.squaredNorms(samples, count, dim);
    }

    /** The outcome of the whole protocol. */
    public record Result(double sigma, double mean, double standardError, int samples, int validationImages,
                         int testImages, double[] sigmas, double[] validationMeans, double seconds) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "Parzen log-likelihood %.2f ± %.2f (σ = %.4f, %d samples,"
                    + " %d test images)", mean, standardError, sigma, samples, testImages);
        }
    }

    /**
     * Runs the protocol: σ from {@code sigmas} by the mean log-likelihood of {@code validation}
     * (the first 1,000 validation images in the paper's protocol), then the mean and standard
     * error on {@code test}.
     */
    public Result evaluate(float[] validation, int validationCount, float[] test, int testCount, double[] sigmas) {
        long t0 = System.nanoTime();
        if (validationCount <= 0 || testCount <= 0) {
            throw new IllegalArgumentException("The protocol needs validation and test images, got " + validationCount
                    + " and " + testCount);
        }
        double[][] v = logLikelihoods(validation, validationCount, sigmas);
        double[] means = new double[sigmas.length];
        int best = 0;
        for (int s = 0; s < sigmas.length; s++) {
            means[s] = mean(v[s]);
            // The first σ wins a tie, as numpy's argmax does.
            if (means[s] > means[best]) {
                best = s;
            }
        }
        double[] ll = logLikelihoods(test, testCount, new double[] {sigmas[best]})[0];
        double mean = mean(ll);
        double var = 0;
        for (double x : ll) {
            var += (x - mean) * (x - mean);
        }
        double se = Math.sqrt(var / testCount) / Math.sqrt(testCount);
        return new Result(sigmas[best], mean, se, count, validationCount, testCount, sigmas.clone(), means,
                (System.nanoTime() - t0) / 1e9);
    }

    /** {@link #evaluate(float[], int, float[], int, double[])} with the paper's ten bandwidths. */
    public Result evaluate(float[] validation, int validationCount, float[] test, int testCount) {
        return evaluate(validation, validationCount, test, testCount, PAPER_SIGMAS);
    }

    /**
     * log p(x) for every row of {@code x} ([n, dim]) under each bandwidth: {@code [sigmas][n]}.
     */
    public double[][] logLikelihoods(float[] x, int n, double[] sigmas) {
        if (sigmas.length == 0) {
            throw new IllegalArgumentException("Give at least one bandwidth σ");
        }
        for (double s : sigmas) {
            if (!(s > 0) || !Double.isFinite(s)) {
                throw new IllegalArgumentException("Bandwidths must be finite and positive, got " + s);
            }
        }
        if ((long) n * dim != x.length) {
            throw new IllegalArgumentException("The images hold " + x.length + " values, not " + n + " images of " + dim
                    + " values like the samples; are samples and data from the same data set?");
        }
        double[] norms = PairwiseProducts.squaredNorms(x, n, dim);
        double[][] out = new double[sigmas.length][n];
        double[] constant = new double[sigmas.length];
        double[] scale = new double[sigmas.length];
        for (int s = 0; s < sigmas.length; s++) {
            double var = sigmas[s] * sigmas[s];
            constant[s] = -Math.log(count) - dim / 2.0 * Math.log(2 * Math.PI * var);
            scale[s] = 1 / (2 * var);
        }
        PairwiseProducts.forEachBlock(x, n, samples, count, dim, (r0, r1, dots) -> {
            double[] dist = new double[count];
            for (int i = r0; i < r1; i++) {
                int o = (i - r0) * count;
                double min = Double.POSITIVE_INFINITY;
                for (int j = 0; j < count; j++) {
                    // Rounding can make the distance of (nearly) equal vectors slightly negative.
                    double d2 = Math.max(0.0, norms[i] + sampleNorms[j] - 2 * dots[o + j]);
                    dist[j] = d2;
                    min = Math.min(min, d2);
                }
                for (int s = 0; s < sigmas.length; s++) {
                    double sum = 0;
                    double k = scale[s];
                    for (int j = 0; j < count; j++) {
                        sum += Math.exp(-(dist[j] - min) * k);
                    }
                    out[s][i] = -min * k + Math.log(sum) + constant[s];
                }
            }
        });
        return out;
    }

    public int count() {
        return count;
    }

    public int dim() {
        return dim;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    static double[] logspace(double from, double to, int n) {
        double[] out = new double[n];
        for (int k = 0; k < n; k++) {
            out[k] = Math.pow(10, from + (to - from) * k / (n - 1));
        }
        return out;
    }

    @Override
    public String toString() {
        return "ParzenWindow[" + count + " samples of " + dim + ", sigmas " + Arrays.toString(PAPER_SIGMAS) + "]";
    }
}
