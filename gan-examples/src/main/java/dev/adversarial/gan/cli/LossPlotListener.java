package dev.adversarial.gan.cli;

import dev.adversarial.gan.core.train.IterationMetrics;
import dev.adversarial.gan.core.train.TrainingListener;
import dev.adversarial.gan.core.train.TrainingView;
import dev.adversarial.gan.eval.figures.LossPlot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Redraws DIR/loss.png at each epoch's end from its own series of every iteration's metrics, so
 * it depends on no other listener and on no listener order. A resumed run's earlier points come
 * from metrics.csv, read once at the start by column name (the columns a recipe adds after the
 * standard ones do not move them), up to the iteration the run resumes from.
 */
final class LossPlotListener implements TrainingListener {
    /** The metrics.csv columns the plot needs, in {@link LossPlot.Point}'s order. */
    static final List<String> COLUMNS = List.of("iteration", "d_loss", "g_loss", "mean_d_real", "mean_d_fake");

    private final Path metrics;
    private final Path png;
    private final String title;
    private final List<LossPlot.Point> points = new ArrayList<>();

    LossPlotListener(Path metrics, Path png, String title) {
        this.metrics = metrics;
        this.png = png;
        this.title = title;
    }

    @Override
    public void onStart(TrainingView run) {
        points.clear();
        if (run.iteration() > 0 && Files.exists(metrics)) {
            try {
                read(metrics).stream().filter(p -> p.iteration() <= run.iteration()).forEach(points::add);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + metrics + " to continue loss.png: " + e.getMessage(), e);
            }
        }
    }

    @Override
    public void onIteration(TrainingView run, IterationMetrics m) {
        points.add(new LossPlot.Point(m.iteration(), m.discriminatorLoss(), m.generatorLoss(), m.meanRealScore(),
                m.meanFakeScore()));
    }

    @Override
    public void onEpochEnd(TrainingView run, int epoch) {
        try {
            LossPlot.write(points, png, title);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not draw " + png + ": " + e.getMessage(), e);
        }
    }

    /** The plot's points from a metrics.csv, finding each column by its name in the header. */
    static List<LossPlot.Point> read(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        if (lines.isEmpty()) {
            return List.of();
        }
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        int[] at = new int[COLUMNS.size()];
        for (int i = 0; i < at.length; i++) {
            at[i] = header.indexOf(COLUMNS.get(i));
            if (at[i] < 0) {
                throw new IOException(csv + " has no column '" + COLUMNS.get(i) + "' in its header (" + lines.get(0)
                        + "); it was not written by `gan train`, so move it aside to start loss.png afresh");
            }
        }
        List<LossPlot.Point> points = new ArrayList<>();
        for (int n = 1; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank()) {
                continue;
            }
            String[] c = line.split(",", -1);
            try {
                points.add(new LossPlot.Point(Long.parseLong(c[at[0]]), Double.parseDouble(c[at[1]]),
                        Double.parseDouble(c[at[2]]), Double.parseDouble(c[at[3]]), Double.parseDouble(c[at[4]])));
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new IOException(csv + " line " + (n + 1) + " is not a metrics row with the header's columns;"
                        + " move the file aside to start loss.png afresh", e);
            }
        }
        return points;
    }
}
