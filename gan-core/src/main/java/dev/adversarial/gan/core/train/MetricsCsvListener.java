package dev.adversarial.gan.core.train;

import dev.adversarial.gan.core.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps DIR/metrics.csv: one row per iteration ({@link IterationMetrics#CSV_HEADER}). The file
 * is rewritten atomically at every epoch's end and when the run stops, so it is never torn;
 * when a run resumes, rows after the checkpoint's iteration are dropped so that the file reads
 * as if the run had never stopped.
 */
public final class MetricsCsvListener implements TrainingListener {
    private final Path file;
    private final List<String> rows = new ArrayList<>();

    public MetricsCsvListener(Path file) {
        this.file = file;
    }

    @Override
    public void onStart(AdversarialTrainer trainer) {
        rows.clear();
        if (trainer.iteration() > 0 && Files.exists(file)) {
            try {
                rows.addAll(rowsThrough(Files.readString(file, StandardCharsets.UTF_8), trainer.iteration(), file));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + file + " to continue it: " + e.getMessage(), e);
            }
        }
    }

    private static final int COLUMNS = IterationMetrics.CSV_HEADER.split(",").length;

    /** The row's iteration if it has the columns of a metrics row with numeric losses and scores, else -1. */
    private static long iterationOf(String line) {
        String[] c = line.split(",", -1);
        if (c.length < COLUMNS) {
            return -1;
        }
        try {
            for (int k = 2; k <= 5; k++) {
                Double.parseDouble(c[k]); // what loss.png plots
            }
            return Long.parseLong(c[0]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The data rows of a metrics.csv up to and including {@code iteration}, the ones a resumed
     * run keeps. The header and blank lines are skipped; a row whose first cell is not an
     * iteration number means the file is not one this listener wrote, and is refused by line.
     */
    public static List<String> rowsThrough(String text, long iteration, Path file) throws IOException {
        List<String> kept = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("iteration,")) {
                continue;
            }
            long it = iterationOf(line);
            if (it < 1) {
                throw new IOException(file + " line " + (i + 1) + " is not a metrics row (" + COLUMNS + " numbers"
                        + " starting with the iteration); move the file aside to continue the run without its earlier"
                        + " rows");
            }
            if (it <= iteration) {
                kept.add(line);
            }
        }
        return kept;
    }

    @Override
    public void onIteration(AdversarialTrainer trainer, IterationMetrics m) {
        rows.add(m.toCsv());
    }

    @Override
    public void onEpochEnd(AdversarialTrainer trainer, int epoch) {
        flush();
    }

    @Override
    public void onFinish(AdversarialTrainer trainer) {
        flush();
    }

    @Override
    public void onFailure(AdversarialTrainer trainer, Exception failure) {
        flush();
    }

    private void flush() {
        StringBuilder sb = new StringBuilder(IterationMetrics.CSV_HEADER).append('\n');
        rows.forEach(r -> sb.append(r).append('\n'));
        try {
            AtomicFiles.writeString(file, sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file + ": " + e.getMessage(), e);
        }
    }
}
