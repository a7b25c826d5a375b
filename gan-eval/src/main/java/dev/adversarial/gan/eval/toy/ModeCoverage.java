package dev.adversarial.gan.eval.toy;

import dev.adversarial.gan.core.data.Mixture2D;
import java.util.Arrays;

/**
 * Mode-collapse metrics for the 2-D Gaussian mixtures (ring of 8, grid of 25), with the
 * definitions of VEEGAN (Srivastava et al., NIPS 2017, §5.1), which PacGAN (Lin et al., 2018)
 * reuses in its public code: a generated point is <em>high quality</em> when it lies within three
 * standard deviations of the nearest mode centre (Euclidean distance ≤ 3σ); a mode is
 * <em>covered</em> when at least {@code minCount} high-quality points have it as their nearest
 * mode. VEEGAN and PacGAN's code use {@code minCount} = 1 (the default here); a larger threshold
 * ignores stray points and can be chosen explicitly. Both papers
 * score 2,500 samples per model.
 *
 * <p>For reference, samples of the mixture itself are high quality with probability
 * 1 − e^(−9/2) ≈ 98.9% (the distance of a 2-D isotropic Gaussian from its mean, in units of σ,
 * follows a Rayleigh distribution), and cover every mode.
 */
public final class ModeCoverage {
    /** High quality means within this many standard deviations of the nearest mode. */
    public static final double QUALITY_STDS = 3.0;
    /** VEEGAN's convention: one high-quality sample makes a mode covered. */
    public static final int DEFAULT_MIN_COUNT = 1;
    /** The number of samples VEEGAN and PacGAN score. */
    public static final int PAPER_SAMPLES = 2500;

    private ModeCoverage() {
    }

    /**
     * @param perMode high-quality samples nearest to each mode
     */
    public record Result(int modesCovered, int modeCount, double highQualityShare, int samples, int minCount,
                         int[] perMode) {
        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%d of %d modes covered, %.1f%% high-quality samples (%d samples,"
                    + " a mode needs %d); per mode %s", modesCovered, modeCount, 100 * highQualityShare, samples, minCount,
                    Arrays.toString(perMode));
        }
    }

    /** Scores {@code n} points given as [n, 2] row-major (x, y). */
    public static Result compute(Mixture2D mixture, float[] points, int n, int minCount) {
        if (n < 1 || points.length != 2L * n) {
            throw new IllegalArgumentException("Mode coverage needs points of 2 coordinates: got " + points.length
                    + " values for " + n + " points (is this a 2-D toy model's output?)");
        }
        if (minCount < 1) {
            throw new IllegalArgumentException("A mode needs at least 1 high-quality sample to count, got " + minCount);
        }
        double[][] modes = mixture.modes();
        double limit = QUALITY_STDS * mixture.std();
        double limit2 = limit * limit;
        int[] perMode = new int[modes.length];
        int good = 0;
        for (int i = 0; i < n; i++) {
            double x = points[2 * i], y = points[2 * i + 1];
            if (!Double.isFinite(x) || !Double.isFinite(y)) {
                throw new IllegalArgumentException("Point " + i + " is (" + x + ", " + y + "); the generator diverged");
            }
            int m = mixture.nearestMode(x, y);
            double dx = x - modes[m][0], dy = y - modes[m][1];
            if (dx * dx + dy * dy <= limit2) {
                perMode[m]++;
                good++;
            }
        }
        int covered = 0;
        for (int c : perMode) {
            if (c >= minCount) {
                covered++;
            }
        }
        return new Result(covered, modes.length, (double) good / n, n, minCount, perMode);
    }

    /** The mixture named on the command line: "ring" (8 modes) or "grid" (25 modes). */
    public static Mixture2D mixture(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "ring", "ring8" -> Mixture2D.ring();
            case "grid", "grid25" -> Mixture2D.grid();
            default -> throw new IllegalArgumentException("Unknown mixture '" + name + "'; choose ring (8 modes on a"
                    + " circle) or grid (25 modes on a 5x5 grid)");
        };
    }
}
