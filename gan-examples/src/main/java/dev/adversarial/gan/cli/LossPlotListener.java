package dev.adversarial.gan.cli;

import dev.adversarial.gan.core.train.AdversarialTrainer;
import dev.adversarial.gan.core.train.TrainingListener;
import dev.adversarial.gan.eval.figures.LossPlot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Redraws DIR/loss.png from metrics.csv at each epoch's end. Reading the file (which the metrics
 * listener, added before this one, has just rewritten) keeps the plot whole across resumes.
 */
final class LossPlotListener implements TrainingListener {
    private final Path metrics;
    private final Path png;
    private final String title;

    LossPlotListener(Path metrics, Path png, String title) {
        this.metrics = metrics;
        this.png = png;
        this.title = title;
    }

    @Override
    public void onEpochEnd(AdversarialTrainer t, int epoch) {
        try {
            LossPlot.write(read(metrics), png, title);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not draw " + png + ": " + e.getMessage(), e);
        }
    }

    /** Rows of metrics.csv as plot points (columns: iteration, epoch, d_loss, g_loss, mean_d_real, mean_d_fake, …). */
    static List<LossPlot.Point> read(Path csv) throws IOException {
        List<LossPlot.Point> points = new ArrayList<>();
        for (String line : Files.readAllLines(csv)) {
            if (line.isEmpty() || !Character.isDigit(line.charAt(0))) {
                continue;
            }
            String[] c = line.split(",", -1);
            points.add(new LossPlot.Point(Long.parseLong(c[0]), Double.parseDouble(c[2]), Double.parseDouble(c[3]),
                    Double.parseDouble(c[4]), Double.parseDouble(c[5])));
        }
        return points;
    }
}
