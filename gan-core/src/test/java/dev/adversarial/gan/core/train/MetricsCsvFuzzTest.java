package dev.adversarial.gan.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * A resumed run reads back its metrics.csv: any text either yields rows up to the checkpoint's
 * iteration, each with the columns loss.png plots, or is refused with an IOException naming the
 * file and line. Seeds in MetricsCsvFuzzTestInputs; -Pci fuzzes for a minute.
 */
class MetricsCsvFuzzTest {
    private static final Path FILE = Path.of("fuzz-metrics.csv");

    @FuzzTest(maxDuration = "60s")
    void rowsThrough(byte[] input) {
        try {
            List<String> rows = MetricsCsvListener.rowsThrough(new String(input, StandardCharsets.UTF_8), 20, FILE);
            for (String r : rows) {
                String[] c = r.split(",", -1);
                assertThat(Long.parseLong(c[0])).isBetween(1L, 20L);
                assertThat(c.length).isGreaterThanOrEqualTo(IterationMetrics.CSV_HEADER.split(",").length);
            }
        } catch (IOException e) {
            assertThat(e.getMessage()).contains(FILE.toString());
        }
    }
}
