package dev.adversarial.gan.core.train;

import dev.adversarial.gan.core.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Keeps DIR/metrics.csv: one row per iteration ({@link IterationMetrics#CSV_HEADER}). The file
 * is rewritten atomically at every epoch's end, when the run stops, and within an epoch whenever
 * {@link #WRITE_INTERVAL_NANOS} have passed since the last write (so a long epoch's losses can be
 * watched while it runs, at the cost of one rewrite every few seconds); it is never torn;
 * when a run resumes, rows after the checkpoint's iteration are dropped so that the file reads
 * as if the run had never stopped. Columns of {@link EpochMetrics} follow the per-iteration ones,
 * filled on each epoch's last row.
 */
public final class MetricsCsvListener implements TrainingListener {
    /** Ten seconds: often enough to watch a run, rare enough that rewriting the file costs nothing. */
    public static final long WRITE_INTERVAL_NANOS = 10_000_000_000L;

    private final Path file;
    private final List<String> rows = new ArrayList<>();
    private final List<EpochMetrics> epochMetrics;
    private final String header;
    private final String emptyEpochCells;
    private final long writeIntervalNanos;
    private long lastWrite = System.nanoTime();

    public MetricsCsvListener(Path file) {
        this(file, List.of());
    }

    public MetricsCsvListener(Path file, List<EpochMetrics> epochMetrics) {
        this(file, epochMetrics, WRITE_INTERVAL_NANOS);
    }

    MetricsCsvListener(Path file, List<EpochMetrics> epochMetrics, long writeIntervalNanos) {
        this.file = file;
        this.writeIntervalNanos = writeIntervalNanos;
        this.epochMetrics = List.copyOf(epochMetrics);
        StringBuilder h = new StringBuilder(IterationMetrics.CSV_HEADER);
        epochMetrics.forEach(m -> m.columns().forEach(c -> h.append(',').append(c)));
        this.header = h.toString();
        this.emptyEpochCells = ",".repeat(epochMetrics.stream().mapToInt(m -> m.columns().size()).sum());
    }

    @Override
    public void onStart(TrainingView run) {
        rows.clear();
        if (run.iteration() > 0 && Files.exists(file)) {
            try {
                rows.addAll(rowsThrough(Files.readString(file, StandardCharsets.UTF_8), run.iteration(), file));
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
    public void onIteration(TrainingView run, IterationMetrics m) {
        rows.add(m.toCsv() + emptyEpochCells);
        if (System.nanoTime() - lastWrite >= writeIntervalNanos) {
            flush();
        }
    }

    @Override
    public void onEpochEnd(TrainingView run, int epoch) {
        if (!epochMetrics.isEmpty() && !rows.isEmpty()) {
            String last = rows.get(rows.size() - 1);
            StringBuilder row = new StringBuilder(last.substring(0, last.length() - emptyEpochCells.length()));
            for (EpochMetrics m : epochMetrics) {
                double[] v = m.measure(run, epoch);
                if (v.length != m.columns().size()) {
                    throw new IllegalStateException(m + " measured " + v.length + " values for " + m.columns().size()
                            + " columns");
                }
                for (double x : v) {
                    row.append(',').append(Double.isNaN(x) ? "" : String.format(Locale.ROOT, "%.9g", x));
                }
            }
            rows.set(rows.size() - 1, row.toString());
        }
        flush();
    }

    @Override
    public void onFinish(TrainingView run) {
        flush();
    }

    @Override
    public void onFailure(TrainingView run, Exception failure) {
        flush();
    }

    private void flush() {
        lastWrite = System.nanoTime();
        StringBuilder sb = new StringBuilder(header).append('\n');
        rows.forEach(r -> sb.append(r).append('\n'));
        try {
            AtomicFiles.writeString(file, sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file + ": " + e.getMessage(), e);
        }
    }
}
