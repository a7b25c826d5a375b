package dev.adversarial.gan.cli;

import dev.adversarial.gan.eval.figures.ImageGrid;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * {@code gan sample --grid FILE.png}: a picture of samples. For a conditional generator it has
 * one row per class (the classes of {@code --label}, or all of them) and {@code cols} columns,
 * and every column uses the same noise vector in each row, so a column shows one z drawn as each
 * class (the figure of Mirza and Osindero 2014). For an unconditional generator it shows the
 * first samples drawn, {@code cols} to a row, at most {@code cols} rows.
 */
final class SampleGrid {
    /** Screen pixels per image pixel. */
    private static final int SCALE = 2;

    private SampleGrid() {
    }

    /**
     * The image shape of samples whose data shape is {@code dataShape}, as an exported file
     * records it: [C, H, W] with 1 or 3 channels, [H, W], or [D] with D a square (a flat
     * grayscale image such as MNIST's 784); null when the samples are not images.
     */
    static int[] imageShapeOf(int[] dataShape) {
        if (dataShape.length == 3 && (dataShape[0] == 1 || dataShape[0] == 3)) {
            return dataShape.clone();
        }
        if (dataShape.length == 2) {
            return dataShape.clone();
        }
        if (dataShape.length == 1) {
            int side = (int) Math.round(Math.sqrt(dataShape[0]));
            if (side > 1 && side * side == dataShape[0]) {
                return new int[] {side, side};
            }
        }
        return null;
    }

    /**
     * Writes the grid. {@code noise} holds at least one noise vector; {@code samples} are the
     * samples already drawn from it (used for an unconditional generator); {@code rowClasses}
     * the classes to show, one row each (ignored when unconditional).
     */
    static void write(Path file, SampleSource source, float[] noise, float[] samples, int[] rowClasses, int cols,
                      int batch) throws IOException {
        int[] image = source.imageShape();
        if (image == null) {
            throw new IllegalArgumentException("--grid " + file + ": this generator's samples have shape "
                    + Arrays.toString(source.dataShape()) + ", which is not an image; write them with --out FILE.npy"
                    + " instead");
        }
        int channels = image.length == 3 ? image[0] : 1, height = image[image.length - 2], width = image[image.length - 1];
        int latent = source.prior().dim(), size = source.dataSize(), available = noise.length / latent;
        float[][] cells;
        int rows;
        if (source.isConditional()) {
            int c = Math.min(cols, available);
            rows = rowClasses.length;
            float[] z = new float[rows * c * latent];
            int[] labels = new int[rows * c];
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < c; j++) {
                    System.arraycopy(noise, j * latent, z, (r * c + j) * latent, latent);
                    labels[r * c + j] = rowClasses[r];
                }
            }
            cells = ImageGrid.split(source.generate(z, labels, rows * c, batch), rows * c, size);
            cols = c;
        } else {
            int shown = Math.min(available, cols * cols);
            cols = Math.min(cols, shown);
            rows = (shown + cols - 1) / cols;
            cells = ImageGrid.split(samples, shown, size);
        }
        ImageGrid.writePng(ImageGrid.render(cells, rows, cols, channels, height, width, SCALE, -1), file);
    }

    /** The classes shown as rows: the distinct ones of {@code --label} in the order given, or all. */
    static int[] rowClasses(int[] labelList, int classes) {
        if (labelList == null) {
            return java.util.stream.IntStream.range(0, classes).toArray();
        }
        return Arrays.stream(labelList).distinct().toArray();
    }
}
