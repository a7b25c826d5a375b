package dev.adversarial.gan.eval.figures;

import dev.adversarial.gan.api.Backend;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.core.data.ArrayDataset;
import dev.adversarial.gan.core.train.GanModel;
import dev.adversarial.gan.core.train.Sampler;
import dev.adversarial.gan.eval.linalg.PairwiseProducts;
import java.awt.image.BufferedImage;

/**
 * Figures 2 and 3 of Goodfellow et al. (2014) from a trained generator.
 * <ul>
 *   <li>Figure 2: a grid of random samples; beside the last column, framed, the training example
 *       nearest (in Euclidean distance over pixels) to each sample of that column, so a reader
 *       can see that the model did not simply memorise its training set.</li>
 *   <li>Figure 3: each row walks a straight line in z between two random noise vectors, in equal
 *       steps from one end to the other, showing that the generator's output changes smoothly.</li>
 * </ul>
 */
public final class PaperFigures {
    private PaperFigures() {
    }

    /**
     * The nearest row of {@code data} to each of the n rows of {@code queries} (squared L2; the
     * lower index on a tie). The data set is the side that streams through the blocked product, so
     * only the few queries are copied into double, not 50,000 training images.
     */
    public static int[] nearest(float[] queries, int n, ArrayDataset data) {
        int d = data.exampleSize(), m = data.size();
        if ((long) n * d != queries.length) {
            throw new IllegalArgumentException("Queries hold " + queries.length + " values, not " + n + " examples of " + d
                    + " like '" + data.name() + "'");
        }
        double[] dataNorms = PairwiseProducts.squaredNorms(data.values(), m, d);
        double[] bestD = new double[n];
        java.util.Arrays.fill(bestD, Double.POSITIVE_INFINITY);
        int[] best = new int[n];
        Object lock = new Object();
        PairwiseProducts.forEachBlock(data.values(), m, queries, n, d, (r0, r1, dots) -> {
            double[] localD = new double[n];
            java.util.Arrays.fill(localD, Double.POSITIVE_INFINITY);
            int[] local = new int[n];
            for (int i = r0; i < r1; i++) {
                for (int q = 0; q < n; q++) {
                    // |q|² is the same for every data row, so it can be left out of the comparison.
                    double d2 = dataNorms[i] - 2 * dots[(i - r0) * n + q];
                    if (d2 < localD[q]) {
                        localD[q] = d2;
                        local[q] = i;
                    }
                }
            }
            synchronized (lock) {
                for (int q = 0; q < n; q++) {
                    if (localD[q] < bestD[q] || (localD[q] == bestD[q] && local[q] < best[q])) {
                        bestD[q] = localD[q];
                        best[q] = local[q];
                    }
                }
            }
        });
        return best;
    }

    /**
     * Figure 2 from rows·cols samples (row-major, grid order): rows × (cols + 1) images, the
     * extra framed column holding the training example nearest to the sample on its left.
     */
    public static BufferedImage samplesWithNearest(float[] samples, int rows, int cols, ArrayDataset train,
                                                   int height, int width, int scale) {
        return samplesWithNearest(samples, rows, cols, train, 1, height, width, scale);
    }

    /** {@link #samplesWithNearest(float[], int, int, ArrayDataset, int, int, int)} for 1- or 3-channel (CHW) images. */
    public static BufferedImage samplesWithNearest(float[] samples, int rows, int cols, ArrayDataset train, int channels,
                                                   int height, int width, int scale) {
        int size = channels * height * width;
        if (samples.length != rows * cols * size || train.exampleSize() != size) {
            throw new IllegalArgumentException("Figure 2 needs " + rows + "x" + cols + " samples of " + height + "x" + width
                    + " pixels and a training set of the same images; got " + samples.length + " values and examples of "
                    + train.exampleSize());
        }
        float[] lastColumn = new float[rows * size];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(samples, (r * cols + cols - 1) * size, lastColumn, r * size, size);
        }
        int[] nn = nearest(lastColumn, rows, train);
        float[][] cells = new float[rows * (cols + 1)][];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                cells[r * (cols + 1) + c] = java.util.Arrays.copyOfRange(samples, (r * cols + c) * size,
                        (r * cols + c + 1) * size);
            }
            cells[r * (cols + 1) + cols] = train.example(nn[r]);
        }
        return ImageGrid.render(cells, rows, cols + 1, channels, height, width, scale, cols);
    }

    /** Figure 2 straight from a generator: draws rows·cols samples with {@code rng}. */
    public static BufferedImage figure2(GanModel model, Backend backend, Rng rng, int rows, int cols, ArrayDataset train,
                                       int height, int width, int scale) {
        return figure2(model, backend, rng, rows, cols, train, 1, height, width, scale);
    }

    /** {@link #figure2(GanModel, Backend, Rng, int, int, ArrayDataset, int, int, int)} for 1- or 3-channel images. */
    public static BufferedImage figure2(GanModel model, Backend backend, Rng rng, int rows, int cols, ArrayDataset train,
                                       int channels, int height, int width, int scale) {
        int n = rows * cols;
        float[] samples = Sampler.generate(model, backend, Sampler.noise(model.prior(), rng, n), n, n);
        return samplesWithNearest(samples, rows, cols, train, channels, height, width, scale);
    }

    /**
     * The noise for Figure 3: for each of {@code pairs} rows, {@code steps} points evenly spaced
     * on the segment from one random z to another (both ends included), [pairs·steps, latent].
     */
    public static float[] interpolationNoise(GanModel model, Rng rng, int pairs, int steps) {
        if (pairs < 1 || steps < 2) {
            throw new IllegalArgumentException("Interpolations need at least 1 pair and 2 steps, got " + pairs + " and "
                    + steps);
        }
        int latent = model.prior().dim();
        float[] ends = Sampler.noise(model.prior(), rng, 2 * pairs);
        float[] z = new float[pairs * steps * latent];
        for (int p = 0; p < pairs; p++) {
            for (int s = 0; s < steps; s++) {
                double t = (double) s / (steps - 1);
                int out = (p * steps + s) * latent, a = 2 * p * latent, b = (2 * p + 1) * latent;
                for (int k = 0; k < latent; k++) {
                    z[out + k] = (float) ((1 - t) * ends[a + k] + t * ends[b + k]);
                }
            }
        }
        return z;
    }

    /** Figure 3: one row per pair of random z, {@code steps} images along the line between them. */
    public static BufferedImage figure3(GanModel model, Backend backend, Rng rng, int pairs, int steps, int height,
                                        int width, int scale) {
        return figure3(model, backend, rng, pairs, steps, 1, height, width, scale);
    }

    /** {@link #figure3(GanModel, Backend, Rng, int, int, int, int, int)} for 1- or 3-channel (CHW) images. */
    public static BufferedImage figure3(GanModel model, Backend backend, Rng rng, int pairs, int steps, int channels,
                                        int height, int width, int scale) {
        int n = pairs * steps, size = channels * height * width;
        if (model.dataSize() != size) {
            throw new IllegalArgumentException("The generator makes " + model.dataSize() + " values per sample, not "
                    + channels + "x" + height + "x" + width + " images");
        }
        float[] images = Sampler.generate(model, backend, interpolationNoise(model, rng, pairs, steps), n, n);
        return ImageGrid.render(ImageGrid.split(images, n, size), pairs, steps, channels, height, width, scale, -1);
    }
}
