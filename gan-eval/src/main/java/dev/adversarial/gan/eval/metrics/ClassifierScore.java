package dev.adversarial.gan.eval.metrics;

/**
 * The classifier score, the Inception score of Salimans et al. (2016) with a classifier trained
 * on the data set itself: exp(E_x KL(p(y|x) ‖ p(y))), where p(y) is the mean of p(y|x) over the
 * samples. It is high when each sample is classified confidently (sharp p(y|x)) and the classes
 * are used evenly (flat p(y)); with K classes it lies between 1 (every sample gets the same
 * distribution, e.g. a collapse to one class) and K (confident and perfectly balanced).
 *
 * <p>Reported over the whole set and, as Salimans et al. did, as mean ± standard deviation over
 * equal splits (10 by default), which is the number most papers quote.
 */
public final class ClassifierScore {
    public static final int DEFAULT_SPLITS = 10;

    private ClassifierScore() {
    }

    /** The score over all samples, and its mean and standard deviation over the splits. */
    public record Result(double score, double splitMean, double splitStd, int splits) {
    }

    /** {@code probabilities} is [n, classes], each row a distribution over the classes. */
    public static Result compute(double[] probabilities, int n, int classes, int splits) {
        if (n < 1 || (long) n * classes != probabilities.length) {
            throw new IllegalArgumentException("Need " + n + " rows of " + classes + " class probabilities, got "
                    + probabilities.length + " values");
        }
        if (splits < 1 || splits > n) {
            throw new IllegalArgumentException("Splits must be between 1 and the number of samples (" + n + "), got "
                    + splits);
        }
        for (int i = 0; i < n; i++) {
            double total = 0;
            for (int k = 0; k < classes; k++) {
                double p = probabilities[i * classes + k];
                if (!(p >= 0) || p > 1) {
                    throw new IllegalArgumentException("Row " + i + " has probability " + p + "; give softmax outputs");
                }
                total += p;
            }
            if (Math.abs(total - 1) > 1e-4) {
                throw new IllegalArgumentException("Row " + i + " sums to " + total + ", not 1; give softmax outputs");
            }
        }
        double whole = score(probabilities, 0, n, classes);
        double[] parts = new double[splits];
        for (int s = 0; s < splits; s++) {
            parts[s] = score(probabilities, (int) ((long) s * n / splits), (int) ((long) (s + 1) * n / splits), classes);
        }
        double mean = 0;
        for (double p : parts) {
            mean += p;
        }
        mean /= splits;
        double var = 0;
        for (double p : parts) {
            var += (p - mean) * (p - mean);
        }
        return new Result(whole, mean, Math.sqrt(var / splits), splits);
    }

    /** exp of the mean KL divergence of rows [from, to) from their own marginal. */
    static double score(double[] p, int from, int to, int classes) {
        double[] marginal = new double[classes];
        for (int i = from; i < to; i++) {
            for (int k = 0; k < classes; k++) {
                marginal[k] += p[i * classes + k];
            }
        }
        int n = to - from;
        for (int k = 0; k < classes; k++) {
            marginal[k] /= n;
        }
        double kl = 0;
        for (int i = from; i < to; i++) {
            for (int k = 0; k < classes; k++) {
                double q = p[i * classes + k];
                // 0·log 0 = 0; and q > 0 implies marginal[k] > 0.
                if (q > 0) {
                    kl += q * (Math.log(q) - Math.log(marginal[k]));
                }
            }
        }
        return Math.exp(kl / n);
    }
}
