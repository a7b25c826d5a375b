package dev.adversarial.gan.cpu;

import dev.adversarial.gan.api.Kernels.BatchNormGradients;
import dev.adversarial.gan.api.Kernels.BatchNormOutput;
import dev.adversarial.gan.api.Shape;
import dev.adversarial.gan.api.Storage;

/**
 * Batch norm's training mode over x viewed as [N, C, P] (see
 * {@link dev.adversarial.gan.api.Kernels#batchNormForward}), fused: forward in three passes
 * (sum; sums of deviations and squared deviations from that first mean; output), backward in
 * two (Σg and Σg·(x − m), then dx), where the composed ops took about 7 and 20 passes over the
 * activations.
 *
 * <p>For P &gt; 1 (BatchNorm2d) each channel is N contiguous runs of P values, walked here one
 * channel at a time (its values then stay in cache between passes): sums in eight float
 * accumulators per run, added up in double across runs; outputs in loops over the run's own
 * indices with per-channel scalars, the form C2 vectorizes best (measured: a loop indexed
 * {@code base + j} ran at half the speed). For P = 1 (BatchNorm1d, e.g. [64, 6272]) a channel's
 * values are a row apart, so {@link BatchNormRows} walks rows with one accumulator per channel.
 *
 * <p>The variance comes from deviations from the first pass's mean (the shifted-data formula),
 * so a mean far from zero costs no precision. The order of every sum is fixed by the shape alone
 * and channels are split over the workers, so every result has the same bits for any thread
 * count.
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
                BatchNormRows.forward(n, c, xd, w, b, eps, y.data, mean.data, var.data, from, to);
            } else {
                for (int channel = from; channel < to; channel++) {
                    forwardChannel(ch, channel, xd, w, b, eps, y.data, mean.data, var.data);
                }
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
                BatchNormRows.backward(n, c, gd, xd, m, v, w, eps, dxd, dw.data, db.data, from, to);
            } else {
                for (int channel = from; channel < to; channel++) {
                    backwardChannel(ch, channel, gd, xd, m, v, w, eps, dxd, dw.data, db.data);
                }
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

    /** The biased variance from Σ(x − m0) and Σ(x − m0)² over count values (the shifted-data formula). */
    static float variance(double deviations, double squares, long count) {
        double shift = deviations / count;
        return (float) Math.max(0, squares / count - shift * shift);
    }

    private static void forwardChannel(Channels s, int ch, float[] x, float[] w, float[] b, float eps, float[] y,
                                       float[] mean, float[] var) {
        int per = s.per();
        double sum = 0;
        for (int i = 0; i < s.n(); i++) {
            sum += sum(x, s.run(i, ch), per);
        }
        float m0 = (float) (sum / s.count());
        double deviations = 0, squares = 0;
        for (int i = 0; i < s.n(); i++) {
            int j = s.run(i, ch), end = j + per;
            float d0 = 0, d1 = 0, d2 = 0, d3 = 0, q0 = 0, q1 = 0, q2 = 0, q3 = 0;
            for (; j + 3 < end; j += 4) {
                float e0 = x[j] - m0, e1 = x[j + 1] - m0, e2 = x[j + 2] - m0, e3 = x[j + 3] - m0;
                d0 += e0;
                d1 += e1;
                d2 += e2;
                d3 += e3;
                q0 += e0 * e0;
                q1 += e1 * e1;
                q2 += e2 * e2;
                q3 += e3 * e3;
            }
            for (; j < end; j++) {
                float e = x[j] - m0;
                d0 += e;
                q0 += e * e;
            }
            deviations += (d0 + d1) + (d2 + d3);
            squares += (q0 + q1) + (q2 + q3);
        }
        float m = (float) (m0 + deviations / s.count()), v = variance(deviations, squares, s.count());
        mean[ch] = m;
        var[ch] = v;
        float scale = (w == null ? 1f : w[ch]) * invStd(v, eps), shift = b == null ? 0f : b[ch];
        for (int i = 0; i < s.n(); i++) {
            int base = s.run(i, ch), end = base + per;
            for (int j = base; j < end; j++) {
                y[j] = (x[j] - m) * scale + shift;
            }
        }
    }

    /** Σ x[base, base + len) in eight float partial sums (one would wait out each add's latency). */
    private static double sum(float[] x, int base, int len) {
        float a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
        int k = base, end = base + len;
        for (; k + 7 < end; k += 8) {
            a0 += x[k];
            a1 += x[k + 1];
            a2 += x[k + 2];
            a3 += x[k + 3];
            a4 += x[k + 4];
            a5 += x[k + 5];
            a6 += x[k + 6];
            a7 += x[k + 7];
        }
        for (; k < end; k++) {
            a0 += x[k];
        }
        return ((double) (a0 + a1) + (a2 + a3)) + ((double) (a4 + a5) + (a6 + a7));
    }

    private static void backwardChannel(Channels s, int ch, float[] g, float[] x, float[] mean, float[] var, float[] w,
                                        float eps, float[] dx, float[] dw, float[] db) {
        int per = s.per();
        float m = mean[ch];
        double sumG = 0, sumGx = 0;
        for (int i = 0; i < s.n(); i++) {
            int j = s.run(i, ch), end = j + per;
            float g0 = 0, g1 = 0, g2 = 0, g3 = 0, p0 = 0, p1 = 0, p2 = 0, p3 = 0;
            for (; j + 3 < end; j += 4) {
                g0 += g[j];
                g1 += g[j + 1];
                g2 += g[j + 2];
                g3 += g[j + 3];
                p0 += g[j] * (x[j] - m);
                p1 += g[j + 1] * (x[j + 1] - m);
                p2 += g[j + 2] * (x[j + 2] - m);
                p3 += g[j + 3] * (x[j + 3] - m);
            }
            for (; j < end; j++) {
                g0 += g[j];
                p0 += g[j] * (x[j] - m);
            }
            sumG += (g0 + g1) + (g2 + g3);
            sumGx += (p0 + p1) + (p2 + p3);
        }
        Coefficients co = Coefficients.of(sumG, sumGx, var[ch], w == null ? 1f : w[ch], eps, s.count());
        dw[ch] = co.dWeight();
        db[ch] = (float) sumG;
        if (dx == null) {
            return;
        }
        float gScale = co.gScale(), xScale = co.xScale(), shift = co.shift();
        for (int i = 0; i < s.n(); i++) {
            int base = s.run(i, ch), end = base + per;
            for (int j = base; j < end; j++) {
                dx[j] = g[j] * gScale + (x[j] - m) * xScale + shift;
            }
        }
    }

    /**
     * One channel's backward in the form dx = gScale·g + xScale·(x − m) + shift, from
     * dx = a·(g − Σg/count − x̂·Σg·x̂/count) with a = weight/√(v + eps) and x̂ = (x − m)/√(v + eps);
     * {@code sumGx} is Σ g·(x − m), so dweight = Σ g·x̂ = sumGx/√(v + eps).
     */
    record Coefficients(float gScale, float xScale, float shift, float dWeight) {
        static Coefficients of(double sumG, double sumGx, float variance, float weight, float eps, long count) {
            double istd = 1.0 / Math.sqrt((double) variance + eps), a = weight * istd;
            return new Coefficients((float) a, (float) (-a * istd * istd * sumGx / count), (float) (-a * sumG / count),
                    (float) (sumGx * istd));
        }
    }
}
