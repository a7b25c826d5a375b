package dev.adversarial.gan.cli;

import dev.adversarial.gan.api.Layer;
import dev.adversarial.gan.api.Rng;
import dev.adversarial.gan.api.Scope;
import dev.adversarial.gan.api.Shape;
import dev.adversarial.gan.api.Tensor;
import dev.adversarial.gan.core.data.ArrayDataset;
import dev.adversarial.gan.core.io.AtomicFiles;
import dev.adversarial.gan.core.train.Conditioning;
import dev.adversarial.gan.core.train.GanModel;
import dev.adversarial.gan.core.train.TrainingView;
import dev.adversarial.gan.core.train.TrainingListener;
import dev.adversarial.gan.eval.figures.ImageGrid;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * At each epoch's end, draws a 10×10 grid from one fixed noise batch to DIR/epoch-NNN.png, so the
 * pictures show how the same z evolves. It also measures how varied those samples are: their mean
 * pairwise distance divided by that of 100 training images. A collapsing generator (one repeated
 * digit) drives the ratio towards 0; {@link TrainingHealthListener} warns of that as it happens,
 * for every recipe.
 * Its noise comes from its own Rng (derived from the seed), never from the run's, so drawing
 * pictures does not change training.
 *
 * <p>For a conditional model the grid has one row per class, top to bottom 0, 1, …, and 10
 * columns, each with its own fixed noise vector shared down the column: a row shows what G makes
 * of one label, a column how one z is drawn as each class.
 */
final class SampleGridListener implements TrainingListener {
    static final int SIDE = 10;

    private final Path dir;
    private final int channels;
    private final int height;
    private final int width;
    private final long seed;
    private Tensor noise;
    /** The label of each grid cell, row by row; null for an unconditional model. */
    private int[] labels;
    private int rows;
    private double dataSpread;

    /** @param imageShape [height, width] for grayscale, [channels, height, width] (CHW) for colour */
    SampleGridListener(Path dir, int[] imageShape, long seed) {
        this.dir = dir;
        int n = imageShape.length;
        this.channels = n == 3 ? imageShape[0] : 1;
        this.height = imageShape[n - 2];
        this.width = imageShape[n - 1];
        this.seed = seed;
    }

    @Override
    public void onStart(TrainingView t) {
        GanModel model = t.model();
        if (model.isConditional()) {
            rows = model.classes();
            try (Scope s = Scope.open()) {
                Tensor columns = model.prior().sample(t.backend(), new Rng(seed ^ 0x5A3D1E5L), SIDE);
                noise = columns.reshape(1, SIDE, -1).broadcastTo(Shape.of(rows, SIDE, model.prior().dim()))
                        .reshape(rows * SIDE, -1).keep();
            }
            labels = new int[rows * SIDE];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = i / SIDE;
            }
        } else {
            rows = SIDE;
            noise = model.prior().sample(t.backend(), new Rng(seed ^ 0x5A3D1E5L), SIDE * SIDE).keep();
        }
        ArrayDataset data = t.data();
        int[] pick = new Rng(seed ^ 0xDA7AL).permutation(data.size());
        int n = Math.min(SIDE * SIDE, data.size()); // a user's data set may hold fewer than 100 images
        float[] real = new float[n * data.exampleSize()];
        data.gather(pick, 0, n, real);
        dataSpread = meanPairwiseDistance(real, n, data.exampleSize());
    }

    @Override
    public void onEpochEnd(TrainingView t, int epoch) {
        Layer g = t.model().generator();
        float[] samples;
        try (Scope s = Scope.open()) {
            g.eval();
            samples = g.forward(Conditioning.withLabels(t.model(), noise, labels)).toArray();
        } finally {
            g.train();
        }
        int size = channels * height * width;
        try {
            ImageGrid.writePng(ImageGrid.render(ImageGrid.split(samples, rows * SIDE, size), rows, SIDE, channels, height,
                            width, 2, -1),
                    dir.resolve(String.format("epoch-%03d.png", epoch)));
            double ratio = meanPairwiseDistance(samples, rows * SIDE, size) / dataSpread;
            appendDiversity(epoch, ratio);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write samples to " + dir + ": " + e.getMessage(), e);
        }
    }

    private void appendDiversity(int epoch, double ratio) throws IOException {
        Path f = dir.resolve("diversity.csv");
        String old = Files.exists(f) ? Files.readString(f) : "epoch,spread_vs_data\n";
        StringBuilder kept = new StringBuilder();
        for (String line : old.split("\n")) {
            int comma = line.indexOf(',');
            if (comma > 0 && (!Character.isDigit(line.charAt(0)) || Integer.parseInt(line.substring(0, comma)) < epoch)) {
                kept.append(line).append('\n');
            }
        }
        kept.append(epoch).append(',').append(String.format(Locale.ROOT, "%.4f", ratio)).append('\n');
        AtomicFiles.writeString(f, kept.toString());
    }

    static double meanPairwiseDistance(float[] v, int n, int d) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    double diff = v[i * d + k] - v[j * d + k];
                    s += diff * diff;
                }
                sum += Math.sqrt(s);
            }
        }
        return sum / (n * (n - 1) / 2.0);
    }

    @Override
    public void onFinish(TrainingView t) {
        noise.close();
    }
}
