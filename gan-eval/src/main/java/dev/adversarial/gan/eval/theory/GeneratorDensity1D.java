package dev.adversarial.gan.eval.theory;

import dev.adversarial.gan.core.train.NoisePrior;
import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;

/**
 * p_g for a generator G: R → R, exactly by the change of variables
 * p_g(x) = Σ over z with G(z) = x of p_z(z) / |G'(z)|, with no density estimate. G and G' are
 * tabulated on a fine grid of z covering the prior's support (G' from autograd, see
 * {@link Toy1dTheory}); between two grid points G is taken as linear to locate each preimage,
 * and G' is interpolated there. Every grid interval whose image contains x contributes one
 * preimage, so a folding G (several z for one x) is summed correctly.
 *
 * <p>At a fold (G' changes sign inside an interval) the true density has an integrable
 * singularity; there the interval's secant slope stands in for G', which spreads the interval's
 * prior mass evenly over its image instead of producing an infinite spike.
 *
 * <p>Integrals need more than point values: a narrow spike of p_g near a fold falls between grid
 * points. {@link #cellDensity} therefore gives p_g's mean over each cell of a grid, by moving every
 * z-interval's prior mass onto the cells its image covers, so that the cells' masses add up to the
 * prior's mass to rounding and quadrature resolves p_g whatever its shape.
 */
public final class GeneratorDensity1D {
    /** How far into a normal prior's tails the z grid reaches, in standard deviations (mass beyond: 1.2e-15). */
    static final double NORMAL_REACH = 8;

    private final double[] z;
    private final double[] g;
    private final double[] slope;
    private final DoubleUnaryOperator prior;

    /**
     * @param z     increasing grid of noise values covering the prior's support
     * @param g     G(z) at each grid point
     * @param slope G'(z) at each grid point
     * @param prior p_z
     */
    public GeneratorDensity1D(double[] z, double[] g, double[] slope, DoubleUnaryOperator prior) {
        if (z.length < 2 || g.length != z.length || slope.length != z.length) {
            throw new IllegalArgumentException("The change of variables needs G and G' at every one of at least 2 grid"
                    + " points; got " + z.length + " z, " + g.length + " G, " + slope.length + " G' values");
        }
        for (int i = 0; i < z.length; i++) {
            if (!Double.isFinite(g[i]) || !Double.isFinite(slope[i])) {
                throw new IllegalArgumentException("G(" + z[i] + ") = " + g[i] + " with slope " + slope[i]
                        + "; the generator diverged");
            }
        }
        this.z = z.clone();
        this.g = g.clone();
        this.slope = slope.clone();
        this.prior = prior;
    }

    /** p_z of a one-dimensional prior. */
    public static DoubleUnaryOperator priorDensity(NoisePrior p) {
        requireOneDimensional(p);
        double a = p.a(), b = p.b();
        if (p.kind() == NoisePrior.Kind.UNIFORM) {
            return z -> z >= a && z <= b ? 1 / (b - a) : 0;
        }
        return z -> {
            double u = (z - a) / b;
            return Math.exp(-0.5 * u * u) / (b * Math.sqrt(2 * Math.PI));
        };
    }

    /** n evenly spaced z values over the prior's support (a normal prior: mean ± 8 sd). */
    public static double[] zGrid(NoisePrior p, int n) {
        requireOneDimensional(p);
        return p.kind() == NoisePrior.Kind.UNIFORM ? GameQuadrature.grid(p.a(), p.b(), n)
                : GameQuadrature.grid(p.a() - NORMAL_REACH * p.b(), p.a() + NORMAL_REACH * p.b(), n);
    }

    private static void requireOneDimensional(NoisePrior p) {
        if (p.dim() != 1) {
            throw new IllegalArgumentException("The change of variables here is for G: R -> R; this generator's noise has "
                    + p.dim() + " dimensions");
        }
    }

    /** The smallest and largest G(z) on the grid: the support of p_g. */
    public double[] range() {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double v : g) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        return new double[] {lo, hi};
    }

    /** How many times G' changes sign on the grid: 0 for a monotone G. */
    public int folds() {
        int n = 0;
        double last = 0; // the last non-zero slope: a slope of exactly 0 at a turning point is not a second fold
        for (double s : slope) {
            if (s != 0) {
                if (last * s < 0) {
                    n++;
                }
                last = s;
            }
        }
        return n;
    }

    /** p_g at each of the increasing points {@code x}. */
    public double[] density(double[] x) {
        for (int i = 1; i < x.length; i++) {
            if (!(x[i] > x[i - 1])) {
                throw new IllegalArgumentException("density needs increasing x values");
            }
        }
        double[] p = new double[x.length];
        for (int j = 0; j + 1 < z.length; j++) {
            double g0 = g[j], g1 = g[j + 1];
            if (g0 == g1) {
                continue; // the interval maps to a single point: no density anywhere
            }
            double lo = Math.min(g0, g1), hi = Math.max(g0, g1);
            double secant = (g1 - g0) / (z[j + 1] - z[j]);
            // Half-open [lo, hi): an x at a grid point's image is counted by exactly one of its two intervals.
            for (int i = firstAtLeast(x, lo); i < x.length && x[i] < hi; i++) {
                double t = (x[i] - g0) / (g1 - g0);
                double zi = z[j] + t * (z[j + 1] - z[j]);
                double d = slope[j] + t * (slope[j + 1] - slope[j]);
                if (slope[j] * slope[j + 1] <= 0 || d * secant <= 0) {
                    d = secant; // a fold inside the interval, see the class comment
                }
                p[i] += prior.applyAsDouble(zi) / Math.abs(d);
            }
        }
        return p;
    }

    /**
     * p_g's mean density over each of {@code cells} equal cells covering [lo, hi]: each z-interval's
     * prior mass (Simpson's rule on p_z) spread evenly over its image [G(z_j), G(z_j+1)]. Mass whose
     * image falls outside [lo, hi] is left out, so choose the range to cover {@link #range()}.
     */
    public double[] cellDensity(double lo, double hi, int cells) {
        double h = (hi - lo) / cells;
        double[] mass = new double[cells];
        for (int j = 0; j + 1 < z.length; j++) {
            double dz = z[j + 1] - z[j];
            double m = dz / 6 * (prior.applyAsDouble(z[j]) + 4 * prior.applyAsDouble(z[j] + dz / 2)
                    + prior.applyAsDouble(z[j + 1]));
            double a = Math.min(g[j], g[j + 1]), b = Math.max(g[j], g[j + 1]);
            int first = (int) Math.floor((a - lo) / h), last = (int) Math.floor((b - lo) / h);
            if (first == last || b == a) {
                if (first >= 0 && first < cells) {
                    mass[first] += m;
                }
                continue;
            }
            for (int c = Math.max(first, 0); c <= Math.min(last, cells - 1); c++) {
                double overlap = Math.min(b, lo + (c + 1) * h) - Math.max(a, lo + c * h);
                mass[c] += m * Math.max(overlap, 0) / (b - a);
            }
        }
        for (int c = 0; c < cells; c++) {
            mass[c] /= h;
        }
        return mass;
    }

    /** The index of the first element of the increasing array {@code x} that is at least {@code v}. */
    private static int firstAtLeast(double[] x, double v) {
        int i = Arrays.binarySearch(x, v);
        if (i >= 0) {
            while (i > 0 && x[i - 1] == v) {
                i--;
            }
            return i;
        }
        return -i - 1;
    }
}
