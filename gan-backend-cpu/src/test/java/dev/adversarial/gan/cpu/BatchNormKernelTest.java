package dev.adversarial.gan.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.adversarial.gan.api.Kernels.BatchNormGradients;
import dev.adversarial.gan.api.Kernels.BatchNormOutput;
import dev.adversarial.gan.api.Shape;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fused batch-norm kernels at the DCGAN's sizes, which the contract suite's small tensors do
 * not reach: the same bits on one thread as on three (channels split unevenly), in both layouts
 * (runs of P values, and P = 1), and values within float rounding of a double-precision
 * reference even when the mean is a hundred standard deviations from zero.
 */
class BatchNormKernelTest {
    private static final float EPS = 1e-5f;
    private final CpuKernels one = new CpuKernels(1, 1L << 24);
    private final CpuKernels three = new CpuKernels(3, 1L << 24);
    private final Random random = new Random(23);

    private float[] values(int n, double offset) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (offset + random.nextGaussian());
        }
        return v;
    }

    /** y, mean, variance, dx, dweight, dbias from one backend. */
    private static float[][] run(CpuKernels k, Shape s, float[] x, float[] g, float[] w, float[] b) {
        Shape ch = Shape.of(s.dim(1));
        BatchNormOutput out = k.batchNormForward(k.upload(x, s), s, k.upload(w, ch), k.upload(b, ch), EPS);
        BatchNormGradients grads = k.batchNormBackward(k.upload(g, s), k.upload(x, s), s, out.mean(), out.variance(),
                k.upload(w, ch), EPS, true, true, true);
        return new float[][] {k.download(out.y(), s), k.download(out.mean(), ch), k.download(out.variance(), ch),
            k.download(grads.input(), s), k.download(grads.weight(), ch), k.download(grads.bias(), ch)};
    }

    @Test
    void resultsAreTheSameBitsForAnyThreadCount() {
        for (Shape s : new Shape[] {Shape.of(64, 64, 196), Shape.of(64, 6272, 1), Shape.of(17, 33, 301)}) {
            float[] x = values(s.size(), 0.3), g = values(s.size(), 0), w = values(s.dim(1), 1), b = values(s.dim(1), 0);
            assertThat(s.size()).as("large enough to split").isGreaterThan(2 * CpuKernels.PARALLEL_FLOATS);
            float[][] single = run(one, s, x, g, w, b), split = run(three, s, x, g, w, b);
            for (int i = 0; i < single.length; i++) {
                assertThat(split[i]).as("%s result %d", s, i).isEqualTo(single[i]);
            }
        }
    }

    @Test
    void valuesMatchADoubleReferenceWithAFarOffMean() {
        for (Shape s : new Shape[] {Shape.of(16, 8, 50), Shape.of(32, 300, 1)}) {
            float[] x = values(s.size(), 100), g = values(s.size(), 0), w = values(s.dim(1), 1), b = values(s.dim(1), 0);
            float[][] got = run(three, s, x, g, w, b);
            double[][] want = reference(s, x, g, w, b);
            for (int i = 0; i < got.length; i++) {
                // The mean is rounded to float (ulp(100) = 7.6e-6, a standard deviation of 1):
                // that bounds y's and dx's error near 1e-5 relative to their scale.
                double scale = 0;
                for (double v : want[i]) {
                    scale = Math.max(scale, Math.abs(v));
                }
                for (int j = 0; j < got[i].length; j++) {
                    assertThat((double) got[i][j]).as("%s result %d element %d", s, i, j)
                            .isCloseTo(want[i][j], within(1e-4 * Math.max(1, scale)));
                }
            }
        }
    }

    private static double[][] reference(Shape s, float[] x, float[] g, float[] w, float[] b) {
        int n = s.dim(0), c = s.dim(1), per = s.dim(2), count = n * per;
        double[][] r = {new double[x.length], new double[c], new double[c], new double[x.length], new double[c],
            new double[c]};
        for (int ch = 0; ch < c; ch++) {
            double mean = 0, var = 0, sumG = 0, sumGx = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < per; j++) {
                    mean += x[(i * c + ch) * per + j];
                }
            }
            mean /= count;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < per; j++) {
                    int k = (i * c + ch) * per + j;
                    var += (x[k] - mean) * (x[k] - mean);
                }
            }
            var /= count;
            double istd = 1 / Math.sqrt(var + EPS);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < per; j++) {
                    int k = (i * c + ch) * per + j;
                    r[0][k] = (x[k] - mean) * istd * w[ch] + b[ch];
                    sumG += g[k];
                    sumGx += g[k] * (x[k] - mean) * istd;
                }
            }
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < per; j++) {
                    int k = (i * c + ch) * per + j;
                    r[3][k] = w[ch] * istd * (g[k] - sumG / count - (x[k] - mean) * istd * sumGx / count);
                }
            }
            r[1][ch] = mean;
            r[2][ch] = var;
            r[4][ch] = sumGx;
            r[5][ch] = sumG;
        }
        return r;
    }
}
