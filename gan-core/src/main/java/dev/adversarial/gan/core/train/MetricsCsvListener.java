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
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    int comma = line.indexOf(',');
                    if (comma > 0 && Character.isDigit(line.charAt(0))
                            && Long.parseLong(line.substring(0, comma)) <= trainer.iteration()) {
                        rows.add(line);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + file + " to continue it: " + e.getMessage(), e);
            }
        }
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
