package dev.adversarial.gan.core.data;

import dev.adversarial.gan.api.Rng;
import java.util.Arrays;

/**
 * An equally weighted mixture of isotropic Gaussians in the plane: the standard test bed for mode
 * collapse. A generator that covers every mode with samples close to its centre has learnt the
 * distribution; one that puts all its samples on a few modes has collapsed, which is easy to
 * count because each mode's centre is known.
 *
 * <p>The two layouts follow the papers that made them standard:
 * <ul>
 *   <li>{@link #ring()}: 8 modes on a circle of radius 2, standard deviation 0.02, the set-up of
 *       the ring experiments after Metz et al., "Unrolled GANs" (2017), and VEEGAN (Srivastava et
 *       al., 2017). Mode k sits at angle 2πk/8 from the positive x axis. (Several public notebooks
 *       place the modes with {@code linspace(0, 2π, 8)}, which puts the first and last mode on the
 *       same point and leaves 7 distinct modes; the angles here are 8 distinct ones.)</li>
 *   <li>{@link #grid()}: 25 modes on a 5×5 grid, standard deviation 0.05, centred on the origin
 *       with spacing 2, so the centres are {-4, -2, 0, 2, 4}², i.e. (−4 + 2i, −4 + 2j). This is
 *       the 2D grid of VEEGAN and PacGAN; their public code builds the same centres as
 *       {@code range(-4, 5, 2)} squared. Mode index = i·side + j, with i along x and j along y.</li>
 * </ul>
 * All modes are equally likely; every coordinate of a sample is its mode's centre plus
 * independent N(0, std²) noise.
 */
public final class Mixture2D {
    private final String name;
    private final double[][] modes;
    private final double std;

    private Mixture2D(String name, double[][] modes, double std) {
        if (!(std > 0) || !Double.isFinite(std)) {
            throw new IllegalArgumentException("Standard deviation must be finite and positive, got " + std);
        }
        this.name = name;
        this.modes = modes;
        this.std = std;
    }

    /** {@code modes} Gaussians evenly spaced on a circle of radius {@code radius} around the origin. */
    public static Mixture2D ring(int modes, double radius, double std) {
        if (modes < 1) {
            throw new IllegalArgumentException("A ring needs at least one mode, got " + modes);
        }
        if (!(radius > 0) || !Double.isFinite(radius)) {
            throw new IllegalArgumentException("Ring radius must be finite and positive, got " + radius);
        }
        double[][] c = new double[modes][];
        for (int k = 0; k < modes; k++) {
            double a = 2 * Math.PI * k / modes;
            c[k] = new double[] {radius * Math.cos(a), radius * Math.sin(a)};
        }
        return new Mixture2D("ring" + modes, c, std);
    }

    /** The standard ring: 8 modes, radius 2, standard deviation 0.02. */
    public static Mixture2D ring() {
        return ring(8, 2.0, 0.02);
    }

    /** A {@code side}×{@code side} grid with the given spacing, centred on the origin. */
    public static Mixture2D grid(int side, double spacing, double std) {
        if (side < 1) {
            throw new IllegalArgumentException("A grid needs at least one mode per side, got " + side);
        }
        if (!(spacing > 0) || !Double.isFinite(spacing)) {
            throw new IllegalArgumentException("Grid spacing must be finite and positive, got " + spacing);
        }
        double[][] c = new double[side * side][];
        double offset = (side - 1) / 2.0;
        for (int i = 0; i < side; i++) {
            for (int j = 0; j < side; j++) {
                c[i * side + j] = new double[] {(i - offset) * spacing, (j - offset) * spacing};
            }
        }
        return new Mixture2D("grid" + side * side, c, std);
    }

    /** The standard grid: 5×5 = 25 modes at {-4, -2, 0, 2, 4}², standard deviation 0.05. */
    public static Mixture2D grid() {
        return grid(5, 2.0, 0.05);
    }

    public String name() {
        return name;
    }

    /** Number of modes. */
    public int modeCount() {
        return modes.length;
    }

    /** The mode centres, {@code [modeCount()][2]} (a copy). */
    public double[][] modes() {
        double[][] c = new double[modes.length][];
        for (int i = 0; i < modes.length; i++) {
            c[i] = modes[i].clone();
        }
        return c;
    }

    /** The standard deviation of every mode, in each coordinate. */
    public double std() {
        return std;
    }

    /** The index of the mode centre closest to (x, y); the first one on a tie. */
    public int nearestMode(double x, double y) {
        int best = 0;
        double bestD = Double.POSITIVE_INFINITY;
        for (int i = 0; i < modes.length; i++) {
            double dx = x - modes[i][0], dy = y - modes[i][1];
            double d = dx * dx + dy * dy;
            if (d < bestD) {
                bestD = d;
                best = i;
            }
        }
        return best;
    }

    /** The mixture density at (x, y). */
    public double density(double x, double y) {
        double var = std * std;
        double norm = 1.0 / (2 * Math.PI * var * modes.length);
        double p = 0;
        for (double[] m : modes) {
            double dx = x - m[0], dy = y - m[1];
            p += Math.exp(-(dx * dx + dy * dy) / (2 * var));
        }
        return p * norm;
    }

    /**
     * {@code n} points as a data set of exampleDims [2], each labelled with the mode it was drawn
     * from (chosen uniformly).
     */
    public ArrayDataset sample(Rng rng, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("Cannot draw " + n + " samples");
        }
        float[] v = new float[2 * n];
        int[] labels = new int[n];
        for (int k = 0; k < n; k++) {
            int m = rng.nextInt(modes.length);
            labels[k] = m;
            v[2 * k] = (float) (modes[m][0] + std * rng.nextGaussian());
            v[2 * k + 1] = (float) (modes[m][1] + std * rng.nextGaussian());
        }
        return ArrayDataset.owning(name, v, new int[] {2}, labels);
    }

    @Override
    public String toString() {
        return "Mixture2D[" + name + ", " + modes.length + " modes, std " + std + ", first centre "
                + Arrays.toString(modes[0]) + "]";
    }
}
