package dev.adversarial.gan.cpu;

/**
 * {@link BatchNormKernel}'s passes for P = 1 (BatchNorm1d over [N, C], e.g. [64, 6272]), where
 * a channel's values are a whole row apart: each pass walks the N rows over the worker's channel
 * range [from, to), a tile of channels at a time, with one double accumulator per channel, so the inner loops keep unit stride
 * and carry no dependence from one element to the next. (Float accumulators flushed to double
 * every few rows measured slower here: two arrays to load and store per element instead of one.)
 * The variance is the mean square of values centred on the first pass's mean.
 */
final class BatchNormRows {
    /**
     * Channels one tile of the passes covers: all passes run over a tile before the next, so the
     * later passes find its N·TILE values in cache (64 rows of 256 channels: 64 KB).
     */
    static final int TILE = 256;

    private BatchNormRows() {
    }

    static void forward(int n, int c, float[] x, float[] w, float[] b, float eps, float[] y, float[] mean, float[] var,
                        int from, int to) {
        for (int t = from; t < to; t += TILE) {
            forwardTile(n, c, x, w, b, eps, y, mean, var, t, Math.min(to, t + TILE));
        }
    }

    static void backward(int n, int c, float[] g, float[] x, float[] mean, float[] var, float[] w, float eps,
                         float[] dx, float[] dw, float[] db, int from, int to) {
        for (int t = from; t < to; t += TILE) {
            backwardTile(n, c, g, x, mean, var, w, eps, dx, dw, db, t, Math.min(to, t + TILE));
        }
    }

    private static void forwardTile(int n, int c, float[] x, float[] w, float[] b, float eps, float[] y, float[] mean,
                                    float[] var, int from, int to) {
        int len = to - from;
        double[] acc = new double[len];
        for (int i = 0; i < n; i++) {
            int base = i * c + from;
            for (int k = 0; k < len; k++) {
                acc[k] += x[base + k];
            }
        }
        float[] m = new float[len], scale = new float[len], shift = new float[len];
        for (int k = 0; k < len; k++) {
            m[k] = (float) (acc[k] / n);
            acc[k] = 0;
        }
        for (int i = 0; i < n; i++) {
            int base = i * c + from;
            for (int k = 0; k < len; k++) {
                double d = x[base + k] - m[k];
                acc[k] += d * d;
            }
        }
        for (int k = 0; k < len; k++) {
            int ch = from + k;
            float v = (float) (acc[k] / n);
            mean[ch] = m[k];
            var[ch] = v;
            scale[k] = (w == null ? 1f : w[ch]) * BatchNormKernel.invStd(v, eps);
            shift[k] = b == null ? 0f : b[ch];
        }
        for (int i = 0; i < n; i++) {
            int base = i * c + from;
            for (int k = 0; k < len; k++) {
                y[base + k] = (x[base + k] - m[k]) * scale[k] + shift[k];
            }
        }
    }

    private static void backwardTile(int n, int c, float[] g, float[] x, float[] mean, float[] var, float[] w, float eps,
                                     float[] dx, float[] dw, float[] db, int from, int to) {
        int len = to - from;
        double[] sumG = new double[len], sumGx = new double[len];
        for (int i = 0; i < n; i++) {
            int base = i * c + from;
            for (int k = 0; k < len; k++) {
                float gk = g[base + k];
                sumG[k] += gk;
                sumGx[k] += gk * (x[base + k] - mean[from + k]);
            }
        }
        float[] gScale = new float[len], xScale = new float[len], shift = new float[len];
        for (int k = 0; k < len; k++) {
            int ch = from + k;
            BatchNormKernel.Coefficients co = BatchNormKernel.Coefficients.of(sumG[k], sumGx[k], var[ch],
                    w == null ? 1f : w[ch], eps, n);
            dw[ch] = co.dWeight();
            db[ch] = (float) sumG[k];
            gScale[k] = co.gScale();
            xScale[k] = co.xScale();
            shift[k] = co.shift();
        }
        if (dx == null) {
            return;
        }
        for (int i = 0; i < n; i++) {
            int base = i * c + from;
            for (int k = 0; k < len; k++) {
                dx[base + k] = g[base + k] * gScale[k] + (x[base + k] - mean[from + k]) * xScale[k] + shift[k];
            }
        }
    }
}
