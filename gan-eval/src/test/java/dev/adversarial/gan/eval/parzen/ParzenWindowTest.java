package dev.adversarial.gan.eval.parzen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.adversarial.gan.api.Rng;
import org.junit.jupiter.api.Test;

class ParzenWindowTest {
    /**
     * The protocol written the obvious way: |x − s|² summed coordinate by coordinate in double,
     * a log-sum-exp shifted by the maximum, σ by argmax of the validation mean, std with ddof 0.
     */
    static double[] plainProtocol(float[] s, int ns, float[] v, int nv, float[] t, int nt, int d, double[] sigmas) {
        int best = 0;
        double bestMean = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < sigmas.length; k++) {
            double m = 0;
            for (double ll : plainLogLikelihoods(s, ns, v, nv, d, sigmas[k])) {
                m += ll / nv;
            }
            if (m > bestMean) {
                bestMean = m;
                best = k;
            }
        }
        double[] ll = plainLogLikelihoods(s, ns, t, nt, d, sigmas[best]);
        double mean = 0;
        for (double x : ll) {
            mean += x / nt;
        }
        double var = 0;
        for (double x : ll) {
            var += (x - mean) * (x - mean) / nt;
        }
        return new double[] {sigmas[best], mean, Math.sqrt(var) / Math.sqrt(nt), bestMean};
    }

    static double[] plainLogLikelihoods(float[] s, int ns, float[] x, int nx, int d, double sigma) {
        double[] out = new double[nx];
        for (int i = 0; i < nx; i++) {
            double[] e = new double[ns];
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < ns; j++) {
                double d2 = 0;
                for (int p = 0; p < d; p++) {
                    double diff = (double) x[i * d + p] - s[j * d + p];
                    d2 += diff * diff;
                }
                e[j] = -d2 / (2 * sigma * sigma);
                max = Math.max(max, e[j]);
            }
            double sum = 0;
            for (double v : e) {
                sum += Math.exp(v - max);
            }
            out[i] = max + Math.log(sum) - Math.log(ns) - d / 2.0 * Math.log(2 * Math.PI * sigma * sigma);
        }
        return out;
    }

    /** MNIST-like: 784 pixels, about a fifth of them lit, values in [0, 1]; samples share structure with the data. */
    static float[] images(Rng rng, float[] prototypes, int protoCount, int n, double noise) {
        int d = 784;
        float[] out = new float[n * d];
        for (int i = 0; i < n; i++) {
            int p = rng.nextInt(protoCount);
            for (int k = 0; k < d; k++) {
                float base = prototypes[p * d + k];
                out[i * d + k] = base == 0 ? 0 : (float) Math.min(1, Math.max(0, base + noise * rng.nextGaussian()));
            }
        }
        return out;
    }

    @Test
    void agreesWithAPlainDoubleImplementationToOnePartInAMillion() {
        Rng rng = new Rng(2014);
        int d = 784, protos = 12;
        float[] prototypes = new float[protos * d];
        for (int i = 0; i < prototypes.length; i++) {
            prototypes[i] = rng.nextDouble() < 0.19 ? rng.nextFloat() : 0f;
        }
        // Samples are arbitrary floats (a generator's sigmoid outputs), data is sparse.
        float[] samples = images(rng, prototypes, protos, 300, 0.35);
        for (int i = 0; i < samples.length; i++) {
            samples[i] = Math.min(1f, samples[i] + 0.01f * rng.nextFloat());
        }
        float[] validation = images(rng, prototypes, protos, 60, 0.35);
        float[] test = images(rng, prototypes, protos, 90, 0.35);

        ParzenWindow.Result r = new ParzenWindow(samples, 300, d).evaluate(validation, 60, test, 90);
        double[] want = plainProtocol(samples, 300, validation, 60, test, 90, d, ParzenWindow.PAPER_SIGMAS);

        assertThat(r.sigma()).isEqualTo(want[0]);
        assertThat(Math.abs(r.mean() - want[1]) / Math.abs(want[1])).isLessThan(1e-6);
        assertThat(Math.abs(r.standardError() - want[2]) / want[2]).isLessThan(1e-6);
        int chosen = java.util.Arrays.binarySearch(ParzenWindow.PAPER_SIGMAS, r.sigma());
        assertThat(Math.abs(r.validationMeans()[chosen] - want[3]) / Math.abs(want[3])).isLessThan(1e-6);
        // The chosen σ is interior here, so the selection is really exercised.
        assertThat(chosen).isBetween(1, 8);
        // In fact the agreement is far closer than required.
        assertThat(Math.abs(r.mean() - want[1]) / Math.abs(want[1])).isLessThan(1e-11);
    }

    @Test
    void bandwidthsAreNumpysLogspaceFromTenthToOne() {
        assertThat(ParzenWindow.PAPER_SIGMAS).hasSize(10);
        assertThat(ParzenWindow.PAPER_SIGMAS[0]).isEqualTo(0.1, within(1e-15));
        assertThat(ParzenWindow.PAPER_SIGMAS[2]).isEqualTo(0.16681005372000587, within(1e-15));
        assertThat(ParzenWindow.PAPER_SIGMAS[9]).isEqualTo(1.0, within(1e-15));
    }

    @Test
    void farAwayPointsKeepTheirExactLogDensityInsteadOfUnderflowing() {
        // One sample at the origin, a point at distance 1000: exp(-1e6 / 0.02) is 0 in double,
        // but the log-density is known exactly.
        int d = 3;
        ParzenWindow p = new ParzenWindow(new float[d], 1, d);
        double sigma = 0.1;
        double got = p.logLikelihoods(new float[] {1000f, 0f, 0f}, 1, new double[] {sigma})[0][0];
        double want = -1e6 / (2 * sigma * sigma) - d / 2.0 * Math.log(2 * Math.PI * sigma * sigma);
        assertThat(got).isCloseTo(want, within(1e-6 * Math.abs(want)));
    }

    @Test
    void twoEqualSamplesGiveTheDensityOfOne() {
        int d = 2;
        ParzenWindow one = new ParzenWindow(new float[] {0.5f, 0.5f}, 1, d);
        ParzenWindow two = new ParzenWindow(new float[] {0.5f, 0.5f, 0.5f, 0.5f}, 2, d);
        float[] x = {0.7f, 0.1f};
        assertThat(two.logLikelihoods(x, 1, new double[] {0.3})[0][0])
                .isCloseTo(one.logLikelihoods(x, 1, new double[] {0.3})[0][0], within(1e-12));
    }

    @Test
    void explainsMismatchedSizes() {
        ParzenWindow p = new ParzenWindow(new float[4], 2, 2);
        assertThatThrownBy(() -> p.logLikelihoods(new float[3], 1, ParzenWindow.PAPER_SIGMAS))
                .hasMessageContaining("same data set");
        assertThatThrownBy(() -> p.logLikelihoods(new float[2], 1, new double[] {0}))
                .hasMessageContaining("positive");
    }
}
