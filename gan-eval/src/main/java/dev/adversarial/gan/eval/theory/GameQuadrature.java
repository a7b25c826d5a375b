package dev.adversarial.gan.eval.theory;

import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * The quantities of the paper's theory for a one-dimensional game, by the midpoint rule on a
 * uniform grid of cells: each value is taken at a cell's centre and weighted by the cell's width.
 * For densities that vanish at both ends of the grid the rule is spectrally accurate (the
 * Euler–Maclaurin boundary terms vanish), and it accepts p_g as each cell's mean density, which is
 * how {@link GeneratorDensity1D#cellDensity} integrates the singularities at a fold of G exactly:
 * <ul>
 *   <li>V(D, G) = ∫ p_data log D + p_g log(1 − D) dx for a given discriminator (value function (1));</li>
 *   <li>C(G) = V(D*, G) with D* = p_data / (p_data + p_g) (Proposition 1), written out as
 *       ∫ p_data log(p_data / (p_data + p_g)) + p_g log(p_g / (p_data + p_g)) dx;</li>
 *   <li>JSD(p_data ‖ p_g) = ½ KL(p_data ‖ M) + ½ KL(p_g ‖ M), M = (p_data + p_g) / 2, computed from
 *       its own definition, not from C(G), so that Theorem 1's C(G) = −log 4 + 2·JSD is a
 *       check rather than an identity of the code.</li>
 * </ul>
 * The two sides of Theorem 1 differ by log 2 · (∫p_data + ∫p_g − 2): they agree exactly when the
 * quadrature integrates both densities to 1, so the masses are reported beside them.
 */
public final class GameQuadrature {
    /** −log 4, the value of C(G) at its global minimum p_g = p_data (Theorem 1). */
    public static final double MINUS_LOG_4 = -Math.log(4);

    private GameQuadrature() {
    }

    /**
     * @param valueOfD          V(D, G) for the given discriminator; NaN when none was given
     * @param cOfG              C(G) = V(D*, G)
     * @param jsd               JSD(p_data ‖ p_g) in nats
     * @param meanAbsDMinusHalf the mean of |D(x) − ½| under p_data; NaN when no discriminator was given
     * @param massData          ∫ p_data dx on the grid (1 when the grid resolves p_data)
     * @param massG             ∫ p_g dx on the grid
     */
    public record Values(double valueOfD, double cOfG, double jsd, double meanAbsDMinusHalf, double massData,
                         double massG) {
        /** The right-hand side of Theorem 1: −log 4 + 2·JSD(p_data ‖ p_g). */
        public double theorem1() {
            return MINUS_LOG_4 + 2 * jsd;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "V(D,G) %.6f, C(G) %.9f, -log4+2JSD %.9f, JSD %.6f, mean|D-1/2| %.4f,"
                    + " mass p_data %.6f, mass p_g %.6f", valueOfD, cOfG, theorem1(), jsd, meanAbsDMinusHalf, massData, massG);
        }
    }

    /**
     * @param x       the centres of uniform cells, increasing, at least 3
     * @param pData   p_data at each grid point
     * @param pG      p_g at each grid point
     * @param dLogits the discriminator's logit (D = sigmoid(logit)) at each point, or null
     */
    public static Values compute(double[] x, double[] pData, double[] pG, double[] dLogits) {
        int n = x.length;
        if (n < 3 || pData.length != n || pG.length != n || (dLogits != null && dLogits.length != n)) {
            throw new IllegalArgumentException("Quadrature needs at least 3 grid points and one value of each curve per"
                    + " point; got " + n + " points, " + pData.length + " p_data, " + pG.length + " p_g values");
        }
        double h = (x[n - 1] - x[0]) / (n - 1);
        double v = 0, c = 0, klData = 0, klG = 0, absHalf = 0, massData = 0, massG = 0;
        for (int i = 0; i < n; i++) {
            double pd = pData[i], pg = pG[i], sum = pd + pg;
            massData += h * pd;
            massG += h * pg;
            // 0 · log 0 = 0: a density that vanishes contributes nothing to either integral.
            if (pd > 0) {
                c += h * pd * Math.log(pd / sum);
                klData += h * pd * Math.log(2 * pd / sum);
            }
            if (pg > 0) {
                c += h * pg * Math.log(pg / sum);
                klG += h * pg * Math.log(2 * pg / sum);
            }
            if (dLogits != null) {
                double l = dLogits[i];
                // log D and log(1 − D) from the logit: D rounds to 1 in float long before log(1 − D) is −∞.
                v += h * (pd * logSigmoid(l) + pg * logSigmoid(-l));
                absHalf += h * pd * Math.abs(1 / (1 + Math.exp(-l)) - 0.5);
            }
        }
        double none = Double.NaN;
        return new Values(dLogits == null ? none : v, c, 0.5 * (klData + klG),
                dLogits == null ? none : absHalf / massData, massData, massG);
    }

    /** The same for densities given as functions, on n cells covering [lo, hi] (tests and known pairs). */
    public static Values compute(DoubleUnaryOperator pData, DoubleUnaryOperator pG, double lo, double hi, int n) {
        double[] x = cellCentres(lo, hi, n), pd = new double[n], pg = new double[n];
        for (int i = 0; i < n; i++) {
            pd[i] = pData.applyAsDouble(x[i]);
            pg[i] = pG.applyAsDouble(x[i]);
        }
        return compute(x, pd, pg, null);
    }

    /** n evenly spaced points from lo to hi inclusive. */
    public static double[] grid(double lo, double hi, int n) {
        if (n < 2 || !(hi > lo)) {
            throw new IllegalArgumentException("A grid needs lo < hi and at least 2 points, got [" + lo + ", " + hi + "], " + n);
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = lo + (hi - lo) * i / (n - 1);
        }
        return x;
    }

    /** The centres of n equal cells covering [lo, hi]. */
    public static double[] cellCentres(double lo, double hi, int n) {
        double h = (hi - lo) / n;
        return grid(lo + h / 2, hi - h / 2, n);
    }

    /** log σ(l) = −softplus(−l), stable for logits of either sign. */
    static double logSigmoid(double l) {
        return -(Math.max(-l, 0) + Math.log1p(Math.exp(-Math.abs(l))));
    }
}
