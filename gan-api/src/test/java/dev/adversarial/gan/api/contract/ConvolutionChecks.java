package dev.adversarial.gan.api.contract;

import static dev.adversarial.gan.api.contract.OpCase.Domain.ANY;
import static dev.adversarial.gan.api.contract.OpCase.Domain.POSITIVE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Conv2dSpec;
import dev.adversarial.gan.api.GradientTape;
import dev.adversarial.gan.api.Normalization;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What convolutional GANs need beyond single-op gradients: second derivatives through a
 * conv → activation → conv stack and through batch normalization (gradient penalties), and batch
 * normalization in both modes with its running statistics.
 */
final class ConvolutionChecks {
    private static final float EPS = 1e-5f;

    private ConvolutionChecks() {
    }

    /** Batch norm as a function of (x, weight, bias) in training mode, and of running stats in eval mode. */
    static List<OpCase> batchNorm() {
        List<OpCase> cases = new ArrayList<>();
        for (int[] s : new int[][] {{4, 3}, {5, 2}, {2, 3, 3, 2}, {3, 2, 1, 5}}) {
            int c = s[1];
            cases.add(OpCase.of("batchNorm train", new int[][] {s, {c}, {c}}, ANY,
                    t -> Normalization.batchNorm(t[0], null, null, t[1], t[2], true, 0.1f, EPS),
                    r -> refBatchNorm(r[0], null, null, r[1], r[2])));
            cases.add(OpCase.of("batchNorm train without affine", new int[][] {s}, ANY,
                    t -> Normalization.batchNorm(t[0], null, null, null, null, true, 0.1f, EPS),
                    r -> refBatchNorm(r[0], null, null, null, null)));
            cases.add(OpCase.of("batchNorm train, weight only", new int[][] {s, {c}}, ANY,
                    t -> Normalization.batchNorm(t[0], null, null, t[1], null, true, 0.1f, EPS),
                    r -> refBatchNorm(r[0], null, null, r[1], null)));
            cases.add(OpCase.of("batchNorm eval", new int[][] {s, {c}, {c}, {c}, {c}}, ANY,
                    t -> Normalization.batchNorm(t[0], t[1], t[2], t[3], t[4], false, 0.1f, EPS),
                    r -> refBatchNorm(r[0], r[1], r[2], r[3], r[4])).domains(ANY, ANY, POSITIVE, ANY, ANY));
        }
        return cases;
    }

    /** (x − mean)/√(var + eps)·w + b per channel; batch statistics (biased) when mean is null. */
    static Ref refBatchNorm(Ref x, Ref mean, Ref var, Ref w, Ref b) {
        int n = x.dims()[0], c = x.dims()[1], per = x.size() / (n * c);
        double[] m = new double[c], v = new double[c];
        for (int ch = 0; ch < c; ch++) {
            if (mean != null) {
                m[ch] = mean.v()[ch];
                v[ch] = var.v()[ch];
                continue;
            }
            double sum = 0, sq = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < per; j++) {
                    sum += x.v()[(i * c + ch) * per + j];
                }
            }
            m[ch] = sum / (n * per);
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < per; j++) {
                    double d = x.v()[(i * c + ch) * per + j] - m[ch];
                    sq += d * d;
                }
            }
            v[ch] = sq / (n * per);
        }
        double[] out = new double[x.size()];
        for (int k = 0; k < out.length; k++) {
            int ch = (k / per) % c;
            out[k] = (x.v()[k] - m[ch]) / Math.sqrt(v[ch] + EPS) * (w == null ? 1 : w.v()[ch]) + (b == null ? 0 : b.v()[ch]);
        }
        return Ref.of(out, x.dims());
    }

    static Map<String, Consumer<Backend>> all() {
        return Map.of(
            "second derivatives through conv, leakyRelu, conv", b -> secondOrder(b, false),
            "second derivatives through conv, tanh, conv", b -> secondOrder(b, true),
            "batchNorm updates running statistics as PyTorch does", ConvolutionChecks::runningStatistics,
            "second derivatives through batchNorm, tanh [5, 3]", b -> batchNormSecondOrder(b, new int[] {5, 3}),
            "second derivatives through batchNorm, tanh [3, 2, 2, 2]", b -> batchNormSecondOrder(b, new int[] {3, 2, 2, 2}));
    }

    /**
     * P = Σ r ⊙ ∇ₓ⟨stack(x; w1, w2), c⟩, the shape of a gradient penalty. The backend
     * differentiates P again (createGraph); the reference computes ∇ₓ analytically in double
     * (the adjoint of each convolution is its transposed convolution) and differentiates P by
     * central differences.
     */
    private static void secondOrder(Backend b, boolean smooth) {
        Rng rng = new Rng(smooth ? 17 : 18);
        int[][] shapes = {{2, 2, 6, 6}, {3, 2, 3, 3}, {2, 3, 3, 3}};
        double[][] in = new double[3][];
        for (int i = 0; i < 3; i++) {
            in[i] = GradCheck.draw(rng, Ref.count(shapes[i]), ANY);
        }
        double[] c = GradCheck.draw(rng, 2 * 2 * 3 * 3, ANY);
        double[] r = GradCheck.draw(rng, Ref.count(shapes[0]), ANY);
        try (GradientTape tape = GradientTape.open()) {
            Tensor[] t = new Tensor[3];
            for (int i = 0; i < 3; i++) {
                t[i] = b.tensor(GradCheck.toFloat(in[i]), shapes[i]).requiresGrad(true);
            }
            Tensor y = ConvCases.stack(t[0], t[1], t[2], smooth);
            Tensor gx = tape.gradients(y.mul(b.tensor(GradCheck.toFloat(c), y.shape())).sum(), List.of(t[0]), true).get(0);
            Tensor penalty = gx.mul(b.tensor(GradCheck.toFloat(r), gx.shape())).sum();
            Function<double[][], Double> ref = v -> penaltyRef(v, shapes, c, r, smooth);
            assertThat((double) penalty.item()).isCloseTo(ref.apply(in), within(1e-3));
            List<Tensor> second = tape.gradients(penalty, List.of(t), false);
            for (int i = 0; i < 3; i++) {
                double[] fd = finiteDifference(ref, in, i);
                float[] got = second.get(i) == null ? new float[fd.length] : second.get(i).toArray();
                GradCheck.assertClose("second derivative w.r.t. input " + i, got, fd, 1e-3, 1e-3);
            }
        }
    }

    /**
     * P = Σ r ⊙ ∇ₓ⟨tanh(batchNorm(x; w, b)), c⟩ in training mode, differentiated again with
     * respect to x, w and b; the output gradient reaching batch norm depends on x, w and b through
     * tanh, so every path of the backward rule's own derivative is exercised. The reference
     * computes ∇ₓ analytically in double and P's gradients by central differences.
     */
    private static void batchNormSecondOrder(Backend b, int[] shape) {
        Rng rng = new Rng(Arrays.hashCode(shape));
        int ch = shape[1];
        int[][] shapes = {shape, {ch}, {ch}};
        double[][] in = new double[3][];
        for (int i = 0; i < 3; i++) {
            in[i] = GradCheck.draw(rng, Ref.count(shapes[i]), ANY);
        }
        double[] c = GradCheck.draw(rng, in[0].length, ANY);
        double[] r = GradCheck.draw(rng, in[0].length, ANY);
        try (GradientTape tape = GradientTape.open()) {
            Tensor[] t = new Tensor[3];
            for (int i = 0; i < 3; i++) {
                t[i] = b.tensor(GradCheck.toFloat(in[i]), shapes[i]).requiresGrad(true);
            }
            Tensor y = Normalization.batchNorm(t[0], null, null, t[1], t[2], true, 0.1f, EPS).tanh();
            Tensor gx = tape.gradients(y.mul(b.tensor(GradCheck.toFloat(c), shape)).sum(), List.of(t[0]), true).get(0);
            Tensor penalty = gx.mul(b.tensor(GradCheck.toFloat(r), shape)).sum();
            Function<double[][], Double> ref = v -> batchNormPenaltyRef(v, shape, c, r);
            assertThat((double) penalty.item()).isCloseTo(ref.apply(in), within(1e-3));
            List<Tensor> second = tape.gradients(penalty, List.of(t), false);
            for (int i = 0; i < 3; i++) {
                double[] fd = finiteDifference(ref, in, i);
                float[] got = second.get(i) == null ? new float[fd.length] : second.get(i).toArray();
                GradCheck.assertClose("second derivative w.r.t. input " + i, got, fd, 1e-3, 1e-3);
            }
        }
    }

    /** Σ r ⊙ ∇ₓ⟨tanh(batchNorm(x; w, b)), c⟩ in double, with batch norm's backward formula written out. */
    private static double batchNormPenaltyRef(double[][] v, int[] shape, double[] c, double[] r) {
        double[] x = v[0], w = v[1], bias = v[2];
        int n = shape[0], channels = shape[1], per = x.length / (n * channels), count = n * per;
        double penalty = 0;
        for (int ch = 0; ch < channels; ch++) {
            int[] at = new int[count];
            double mean = 0, var = 0;
            for (int i = 0, k = 0; i < n; i++) {
                for (int j = 0; j < per; j++) {
                    at[k] = (i * channels + ch) * per + j;
                    mean += x[at[k++]] / count;
                }
            }
            for (int k : at) {
                var += (x[k] - mean) * (x[k] - mean) / count;
            }
            double istd = 1 / Math.sqrt(var + EPS), sumG = 0, sumGx = 0;
            double[] xHat = new double[count], g = new double[count];
            for (int k = 0; k < count; k++) {
                xHat[k] = (x[at[k]] - mean) * istd;
                double th = Math.tanh(xHat[k] * w[ch] + bias[ch]);
                g[k] = c[at[k]] * (1 - th * th) * w[ch];
                sumG += g[k];
                sumGx += g[k] * xHat[k];
            }
            for (int k = 0; k < count; k++) {
                penalty += r[at[k]] * istd * (g[k] - sumG / count - xHat[k] * sumGx / count);
            }
        }
        return penalty;
    }

    private static double penaltyRef(double[][] v, int[][] shapes, double[] c, double[] r, boolean smooth) {
        Ref x = Ref.of(v[0], shapes[0]), w1 = Ref.of(v[1], shapes[1]), w2 = Ref.of(v[2], shapes[2]);
        Conv2dSpec s1 = Conv2dSpec.of(2, 1), s2 = Conv2dSpec.of(1, 1);
        Ref pre = ConvRef.conv2d(x, w1, null, s1);
        // The adjoint of each conv is its transposed conv, with output padding to reach the input size.
        Ref up = ConvRef.convTranspose2d(Ref.of(c, 2, 2, 3, 3), w2, null, s2);
        Ref local = pre.zip(up, (p, u) -> u * (smooth ? 1 - Math.tanh(p) * Math.tanh(p) : p > 0 ? 1 : 0.2));
        Ref gx = ConvRef.convTranspose2d(local, w1, null, s1.withOutputPadding(1, 1));
        double sum = 0;
        for (int i = 0; i < r.length; i++) {
            sum += gx.v()[i] * r[i];
        }
        return sum;
    }

    private static double[] finiteDifference(Function<double[][], Double> f, double[][] in, int which) {
        double h = 1e-6;
        double[] x = in[which], out = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            double keep = x[j];
            x[j] = keep + h;
            double up = f.apply(in);
            x[j] = keep - h;
            double down = f.apply(in);
            x[j] = keep;
            out[j] = (up - down) / (2 * h);
        }
        return out;
    }

    private static void runningStatistics(Backend b) {
        float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, -1, 0, 2, 2};   // [2, 2, 2, 2]
        Tensor mean = b.tensor(new float[] {0.5f, -1f}, 2).keep();
        Tensor var = b.tensor(new float[] {2f, 1f}, 2).keep();
        try (mean; var) {
            Tensor in = b.tensor(x, 2, 2, 2, 2);
            Tensor y = Normalization.batchNorm(in, mean, var, null, null, true, 0.1f, EPS);
            // Channel 0 holds 1,2,3,4,9,10,11,13 and channel 1 holds 5,6,7,8,-1,0,2,2.
            double[][] ch = {{1, 2, 3, 4, 9, 10, 11, 13}, {5, 6, 7, 8, -1, 0, 2, 2}};
            double[] m0 = {0.5, -1}, v0 = {2, 1};
            for (int c = 0; c < 2; c++) {
                double mu = Arrays.stream(ch[c]).average().orElseThrow();
                double ss = Arrays.stream(ch[c]).map(v -> (v - mu) * (v - mu)).sum();
                assertThat((double) mean.toArray()[c]).as("running mean %d", c)
                        .isCloseTo(0.9 * m0[c] + 0.1 * mu, within(1e-6));
                assertThat((double) var.toArray()[c]).as("running variance %d (unbiased)", c)
                        .isCloseTo(0.9 * v0[c] + 0.1 * ss / 7, within(1e-5));
                assertThat((double) y.toArray()[c * 4]).as("normalized by the batch (biased) variance")
                        .isCloseTo((ch[c][0] - mu) / Math.sqrt(ss / 8 + EPS), within(1e-5));
            }
            float[] before = mean.toArray();
            Tensor e = Normalization.batchNorm(in, mean, var, null, null, false, 0.1f, EPS);
            assertThat(mean.toArray()).as("eval mode leaves the running mean").containsExactly(before);
            assertThat((double) e.toArray()[0]).as("eval mode uses the running statistics")
                    .isCloseTo((1 - before[0]) / Math.sqrt(var.toArray()[0] + EPS), within(1e-5));
        }
    }
}
