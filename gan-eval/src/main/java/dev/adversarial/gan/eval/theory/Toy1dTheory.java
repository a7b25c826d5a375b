package dev.adversarial.gan.eval.theory;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.GradientTape;
import dev.adversarial.gan.api.Layer;
import dev.adversarial.gan.api.Scope;
import dev.adversarial.gan.api.Tensor;
import dev.adversarial.gan.core.data.GaussianMixture1D;
import dev.adversarial.gan.core.train.GanModel;
import java.util.Arrays;
import java.util.List;

/**
 * The paper's theory evaluated on a trained one-dimensional GAN: p_g exactly by change of
 * variables (G' by autograd, {@link GeneratorDensity1D}), D(x) and the analytic optimum
 * D* = p_data / (p_data + p_g) on a fine grid, the quantities of {@link GameQuadrature}, and the
 * Wasserstein-1 distance between samples of G and p_data.
 */
public final class Toy1dTheory {
    /** z grid points for the change of variables (spacing 8e-4 standard deviations for a normal prior). */
    public static final int Z_POINTS = 20_001;
    /** Cells of the x grid for the quadrature. */
    public static final int X_POINTS = 20_000;
    /** How far past each component of p_data the grid reaches, in that component's standard deviations. */
    static final double DATA_REACH = 10;

    private Toy1dTheory() {
    }

    /**
     * One evaluation: the curves on the grid and the numbers.
     *
     * @param d     D(x) = sigmoid(logit)
     * @param dStar the analytic optimum, NaN where both densities vanish (below 1e-300)
     * @param w1    Wasserstein-1 distance between the given samples and p_data, NaN without samples
     * @param folds sign changes of G' (0: G is monotone and p_g has one preimage everywhere)
     */
    public record Snapshot(double[] x, double[] pData, double[] pG, double[] d, double[] dStar,
                           GameQuadrature.Values values, double w1, int folds) {
    }

    /**
     * @param samples draws of G for the Wasserstein-1 distance (the grid is widened to hold them), or null
     */
    public static Snapshot evaluate(GanModel model, Backend backend, GaussianMixture1D data, float[] samples) {
        if (model.dataSize() != 1) {
            throw new IllegalArgumentException("The theory evaluation is for one-dimensional models; this one makes "
                    + model.dataSize() + " values per sample");
        }
        GeneratorDensity1D pg = generatorDensity(model, backend);
        double[] range = pg.range();
        double[] means = data.means(), stds = data.stds();
        double lo = range[0], hi = range[1];
        for (int c = 0; c < means.length; c++) {
            lo = Math.min(lo, means[c] - DATA_REACH * stds[c]);
            hi = Math.max(hi, means[c] + DATA_REACH * stds[c]);
        }
        if (samples != null) {
            for (float s : samples) {
                lo = Math.min(lo, s);
                hi = Math.max(hi, s);
            }
        }
        // A margin of one cell each side keeps every sample and all of G's image inside the cells.
        double margin = (hi - lo) / X_POINTS;
        lo -= margin;
        hi += margin;
        double[] x = GameQuadrature.cellCentres(lo, hi, X_POINTS);
        double[] pData = new double[x.length], dStar = new double[x.length];
        double[] pG = pg.density(x);
        for (int i = 0; i < x.length; i++) {
            pData[i] = data.density(x[i]);
            double sum = pData[i] + pG[i];
            dStar[i] = sum > 1e-300 ? pData[i] / sum : Double.NaN;
        }
        double[] logits = discriminatorLogits(model.discriminator(), backend, x);
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = 1 / (1 + Math.exp(-logits[i]));
        }
        // Point values of p_g draw the figure; the integrals take its cell means, which hold all of its mass.
        GameQuadrature.Values v = GameQuadrature.compute(x, pData, pg.cellDensity(lo, hi, X_POINTS), logits);
        double w1 = samples == null ? Double.NaN : wasserstein1(samples, x, pData);
        return new Snapshot(x, pData, pG, d, dStar, v, w1, pg.folds());
    }

    /** G and G' on the z grid, G' as the gradient of Σ G(z) with respect to z (each row depends on its own z only). */
    public static GeneratorDensity1D generatorDensity(GanModel model, Backend backend) {
        double[] z = GeneratorDensity1D.zGrid(model.prior(), Z_POINTS);
        float[] zf = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            zf[i] = (float) z[i];
        }
        Layer g = model.generator();
        boolean wasTraining = g.isTraining();
        g.eval();
        float[] values, slopes;
        try (Scope s = Scope.open(); GradientTape tape = GradientTape.open()) {
            Tensor zt = backend.tensor(zf, z.length, 1).requiresGrad(true);
            Tensor out = g.forward(zt);
            values = out.toArray();
            slopes = tape.gradients(out.sum(), List.of(zt), false).get(0).toArray();
        } finally {
            if (wasTraining) {
                g.train();
            }
        }
        double[] gv = new double[z.length], gs = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            // The grid's z values are the floats G saw, so the table is consistent with what G computed.
            z[i] = zf[i];
            gv[i] = values[i];
            gs[i] = slopes[i];
        }
        return new GeneratorDensity1D(z, gv, gs, GeneratorDensity1D.priorDensity(model.prior()));
    }

    /** D's logits at the points x, in evaluation mode. */
    public static double[] discriminatorLogits(Layer d, Backend backend, double[] x) {
        float[] xf = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            xf[i] = (float) x[i];
        }
        boolean wasTraining = d.isTraining();
        d.eval();
        float[] out;
        try (Scope s = Scope.open()) {
            out = d.forward(backend.tensor(xf, x.length, 1)).toArray();
        } finally {
            if (wasTraining) {
                d.train();
            }
        }
        double[] logits = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            logits[i] = out[i];
        }
        return logits;
    }

    /**
     * W1 = ∫ |F_n(x) − F(x)| dx between the empirical distribution of {@code samples} and the
     * density p tabulated on the uniform grid x (F by cumulative trapezoids, normalised to 1).
     * The grid must cover the samples. F_n is a step function, so each interval is scored at its
     * midpoint; the error is at most one grid spacing.
     */
    public static double wasserstein1(float[] samples, double[] x, double[] p) {
        float[] s = samples.clone();
        Arrays.sort(s);
        int n = s.length;
        if (n == 0 || s[0] < x[0] || s[n - 1] > x[x.length - 1]) {
            throw new IllegalArgumentException("The grid [" + x[0] + ", " + x[x.length - 1] + "] must cover the "
                    + n + " samples");
        }
        double[] cdf = new double[x.length];
        for (int i = 1; i < x.length; i++) {
            cdf[i] = cdf[i - 1] + 0.5 * (p[i - 1] + p[i]) * (x[i] - x[i - 1]);
        }
        double total = cdf[x.length - 1], w1 = 0;
        int below = 0;
        for (int i = 1; i < x.length; i++) {
            double mid = 0.5 * (x[i - 1] + x[i]);
            while (below < n && s[below] <= mid) {
                below++;
            }
            double f = 0.5 * (cdf[i - 1] + cdf[i]) / total;
            w1 += Math.abs((double) below / n - f) * (x[i] - x[i - 1]);
        }
        return w1;
    }
}
