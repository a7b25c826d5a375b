package dev.adversarial.gan.cpu;

import dev.adversarial.gan.api.Kernels.BatchNormGradients;
import dev.adversarial.gan.api.Kernels.BatchNormOutput;
import dev.adversarial.gan.api.Shape;
import dev.adversarial.gan.api.Storage;

/**
 * Batch norm's training mode over x viewed as [N, C, P] (see
 * {@link dev.adversarial.gan.api.Kernels#batchNormForward}), fused: forward in three passes
 * (sum, sum of squared deviations from the mean, output), backward in two (Σg and Σg·(x − m),
 * then dx), where the composed ops took about 7 and 20 passes over the activations.
 *
 * <p>Each channel's statistics are sums in double, the variance over values already centred
 * (no cancellation however large the mean), in an order fixed by the channel alone. Channels are
 * split over the workers, so the bits of every result are the same for any thread count.
 *
 * <p>Two layouts: for P &gt; 1 (BatchNorm2d) each (image, channel) pair is a contiguous run of P
 * values, walked one channel at a time; for P = 1 (BatchNorm1d, e.g. [64, 6272]) a channel's
 * values are a whole row apart, so the passes walk the rows and keep one accumulator per
 * channel of the range, which keeps every inner loop at unit stride.
 */
final class BatchNormKernel {
    private final Workers workers;
    private final BufferPool pool;

    BatchNormKernel(Workers workers, BufferPool pool) {
        this.workers = workers;
        this.pool = pool;
    }

    BatchNormOutput forward(Storage x, Shape shape, Storage weight, Storage bias, float eps) {
        int n = shape.dim(0), c = shape.dim(1), per = shape.dim(2);
        CpuStorage y = take(shape.size()), mean = take(c), var = take(c);
        float[] xd = CpuStorage.of(x), w = weight == null ? null : CpuStorage.of(weight);
        float[] b = bias == null ? null : CpuStorage.of(bias);
        Channels ch = new Channels(n, c, per);
        workers.forRange(c, ch.minPerPart(), (from, to) -> {
            if (per == 1) {
                forwardRows(ch, xd, w, b, eps, y.data, mean.data, var.data, from, to);
            } else {
                forwardRuns(ch, xd, w, b, eps, y.data, mean.data, var.data, from, to);
            }
        });
        return new BatchNormOutput(y, mean, var);
    }

    BatchNormGradients backward(Storage g, Storage x, Shape shape, Storage mean, Storage variance, Storage weight,
                                float eps, boolean input, boolean wantWeight, boolean wantBias) {
        int n = shape.dim(0), c = shape.dim(1), per = shape.dim(2);
        CpuStorage dx = input ? take(shape.size()) : null;
        // The two sums are needed for dx in any case; they are written for every channel.
        CpuStorage dw = take(c), db = take(c);
        float[] gd = CpuStorage.of(g), xd = CpuStorage.of(x), m = CpuStorage.of(mean), v = CpuStorage.of(variance);
        float[] w = weight == null ? null : CpuStorage.of(weight), dxd = dx == null ? null : dx.data;
        Channels ch = new Channels(n, c, per);
        workers.forRange(c, ch.minPerPart(), (from, to) -> {
            if (per == 1) {
                backwardRows(ch, gd, xd, m, v, w, eps, dxd, dw.data, db.data, from, to);
            } else {
                backwardRuns(ch, gd, xd, m, v, w, eps, dxd, dw.data, db.data, from, to);
            }
        });
        if (!wantWeight) {
            dw.release();
        }
        if (!wantBias) {
            db.release();
        }
        return new BatchNormGradients(dx, wantWeight ? dw : null, wantBias ? db : null);
    }

    private CpuStorage take(int length) {
        return new CpuStorage(pool.takeForOverwrite(length), pool);
    }

    /** The [N, C, P] view and how many channels make a part worth a helper thread. */
    private record Channels(int n, int c, int per) {
        long count() {
            return (long) n * per;
        }

        int minPerPart() {
            return (int) Math.max(1, CpuKernels.PARALLEL_FLOATS / Math.max(1, count()));
        }

        int run(int image, int channel) {
            return (image * c + channel) * per;
        }
    }

    static float invStd(float variance, float eps) {
        return (float) (1.0 / Math.sqrt((double) variance + eps));
    }

    // ---- P > 1: contiguous runs of P values per (image, channel) ---------------------------------

    private static void forwardRuns(Channels s, float[] x, float[] w, float[] b, float eps, float[] y, float[] mean,
                                    float[] var, int from, int to) {
        int per = s.per();
        for (int ch = from; ch < to; ch++) {
            double sum = 0;
            for (int i = 0; i < s.n(); i++) {
                sum += sum(x, s.run(i, ch), per);
            }
            float m = (float) (sum / s.count());
            double squares = 0;
            for (int i = 0; i < s.n(); i++) {
                squares += squaredDeviations(x, s.run(i, ch), per, m);
            }
            float v = (float) (squares / s.count());
            mean[ch] = m;
            var[ch] = v;
            float scale = (w == null ? 1f : w[ch]) * invStd(v, eps), shift = b == null ? 0f : b[ch];
            for (int i = 0; i < s.n(); i++) {
                int base = s.run(i, ch);
                for (int j = base; j < base + per; j++) {
                    y[j] = (x[j] - m) * scale + shift;
                }
            }
        }
    }

    /** Σ x[base, base + len) in double, in four interleaved partial sums (one would wait out each add's latency). */
    private static double sum(float[] x, int base, int len) {
        double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        int k = base, end = base + len;
        for (; k + 3 < end; k += 4) {
            a0 += x[k];
            a1 += x[k + 1];
            a2 += x[k + 2];
            a3 += x[k + 3];
        }
        for (; k < end; k++) {
            a0 += x[k];
        }
        return (a0 + a1) + (a2 + a3);
    }

    private static double squaredDeviations(float[] x, int base, int len, float m) {
        double a0 = 0, a1 = 0, a2 = 0, a3 = 0;
        int k = base, end = base + len;
        for (; k + 3 < end; k += 4) {
            double d0 = x[k] - m, d1 = x[k + 1] - m, d2 = x[k + 2] - m, d3 = x[k + 3] - m;
            a0 += d0 * d0;
            a1 += d1 * d1;
            a2 += d2 * d2;
            a3 += d3 * d3;
        }
        for (; k < end; k++) {
            double d = x[k] - m;
            a0 += d * d;
        }
        return (a0 + a1) + (a2 + a3);
    }

    private static void backwardRuns(Channels s, float[] g, float[] x, float[] mean, float[] var, float[] w, float eps,
                                     float[] dx, float[] dw, float[] db, int from, int to) {
        int per = s.per();
        for (int ch = from; ch < to; ch++) {
            float m = mean[ch];
            double sumG = 0, sumGx = 0;
            for (int i = 0; i < s.n(); i++) {
                int base = s.run(i, ch), k = base, end = base + per;
                double g0 = 0, g1 = 0, p0 = 0, p1 = 0;
                for (; k + 1 < end; k += 2) {
                    g0 += g[k];
                    g1 += g[k + 1];
                    p0 += (double) g[k] * (x[k] - m);
                    p1 += (double) g[k + 1] * (x[k + 1] - m);
                }
                for (; k < end; k++) {
                    g0 += g[k];
                    p0 += (double) g[k] * (x[k] - m);
                }
                sumG += g0 + g1;
                sumGx += p0 + p1;
            }
            Coefficients co = Coefficients.of(sumG, sumGx, var[ch], w == null ? 1f : w[ch], eps, s.count());
            dw[ch] = co.dWeight();
            db[ch] = (float) sumG;
            if (dx != null) {
                float gScale = co.gScale(), xScale = co.xScale(), shift = co.shift();
                for (int i = 0; i < s.n(); i++) {
                    int base = s.run(i, ch);
                    for (int j = base; j < base + per; j++) {
                        dx[j] = g[j] * gScale + (x[j] - m) * xScale + shift;
                    }
                }
            }
        }
    }

    /**
     * One channel's backward in the form dx = gScale·g + xScale·(x − m) + shift, from
     * dx = a·(g − Σg/count − x̂·Σg·x̂/count) with a = weight/√(v + eps) and x̂ = (x − m)/√(v + eps);
     * {@code sumGx} is Σ g·(x − m), so dweight = Σ g·x̂ = sumGx/√(v + eps).
     */
    private record Coefficients(float gScale, float xScale, float shift, float dWeight) {
        static Coefficients of(double sumG, double sumGx, float variance, float weight, float eps, long count) {
            double istd = 1.0 / Math.sqrt((double) variance + eps), a = weight * istd;
            return new Coefficients((float) a, (float) (-a * istd * istd * sumGx / count), (float) (-a * sumG / count),
                    (float) (sumGx * istd));
        }
    }

    // ---- P = 1: a row of C values per image; per-channel accumulators over a channel range -------

    private static void forwardRows(Channels s, float[] x, float[] w, float[] b, float eps, float[] y, float[] mean,
                                    float[] var, int from, int to) {
        int len = to - from, c = s.c();
        double[] acc = new double[len];
        for (int i = 0; i < s.n(); i++) {
            int base = i * c + from;
            for (int k = 0; k < len; k++) {
                acc[k] += x[base + k];
            }
        }
        float[] m = new float[len];
        for (int k = 0; k < len; k++) {
            m[k] = (float) (acc[k] / s.count());
            acc[k] = 0;
        }
        for (int i = 0; i < s.n(); i++) {
            int base = i * c + from;
            for (int k = 0; k < len; k++) {
                double d = x[base + k] - m[k];
                acc[k] += d * d;
            }
        }
        float[] scale = new float[len], shift = new float[len];
        for (int k = 0; k < len; k++) {
            float v = (float) (acc[k] / s.count());
            mean[from + k] = m[k];
            var[from + k] = v;
            scale[k] = (w == null ? 1f : w[from + k]) * invStd(v, eps);
            shift[k] = b == null ? 0f : b[from + k];
        }
        for (int i = 0; i < s.n(); i++) {
            int base = i * c + from;
            for (int k = 0; k < len; k++) {
                y[base + k] = (x[base + k] - m[k]) * scale[k] + shift[k];
            }
        }
    }

    private static void backwardRows(Channels s, float[] g, float[] x, float[] mean, float[] var, float[] w, float eps,
                                     float[] dx, float[] dw, float[] db, int from, int to) {
        int len = to - from, c = s.c();
        double[] sumG = new double[len], sumGx = new double[len];
        for (int i = 0; i < s.n(); i++) {
            int base = i * c + from;
            for (int k = 0; k < len; k++) {
                float gk = g[base + k];
                sumG[k] += gk;
                sumGx[k] += (double) gk * (x[base + k] - mean[from + k]);
            }
        }
        float[] gScale = new float[len], xScale = new float[len], shift = new float[len];
        for (int k = 0; k < len; k++) {
            int ch = from + k;
            Coefficients co = Coefficients.of(sumG[k], sumGx[k], var[ch], w == null ? 1f : w[ch], eps, s.count());
            dw[ch] = co.dWeight();
            db[ch] = (float) sumG[k];
            gScale[k] = co.gScale();
            xScale[k] = co.xScale();
            shift[k] = co.shift();
        }
        if (dx == null) {
            return;
        }
        for (int i = 0; i < s.n(); i++) {
            int base = i * c + from;
            for (int k = 0; k < len; k++) {
                dx[base + k] = g[base + k] * gScale[k] + (x[base + k] - mean[from + k]) * xScale[k] + shift[k];
            }
        }
    }
}
