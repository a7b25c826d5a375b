package dev.adversarial.gan.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** metrics.csv can be watched during an epoch, not only after it. */
class MetricsCsvListenerTest {
    @TempDir
    Path dir;

    private static IterationMetrics row(long i) {
        return new IterationMetrics(i, 1, 0.5, 1.5, 0.6, 0.4, 0.1, 0.5, i * 0.01);
    }

    @Test
    void rowsReachTheFileWithinAnEpochOnceTheIntervalHasPassed() throws Exception {
        Path file = dir.resolve("metrics.csv");
        MetricsCsvListener everyIteration = new MetricsCsvListener(file, List.of(), 0);
        everyIteration.onIteration(null, row(1));
        everyIteration.onIteration(null, row(2));
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).isEqualTo(IterationMetrics.CSV_HEADER);
        assertThat(lines.get(2)).startsWith("2,1,");
    }

    @Test
    void beforeTheIntervalNothingIsRewrittenUntilTheEpochEnds() throws Exception {
        Path file = dir.resolve("metrics.csv");
        MetricsCsvListener listener = new MetricsCsvListener(file, List.of(), Long.MAX_VALUE);
        listener.onIteration(null, row(1));
        assertThat(file).doesNotExist();
        listener.onEpochEnd(null, 1);
        assertThat(Files.readAllLines(file)).hasSize(2);
    }
}
