package dev.adversarial.gan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;

/**
 * `gan train --resume DIR` reads DIR/run.json: any bytes there either give the recipe, settings,
 * seed, epochs and backend a resume needs, or are refused with an IOException or an
 * IllegalArgumentException naming the file (never a NullPointerException, ClassCastException or
 * NumberFormatException). Seeds in RunRecordFuzzTestInputs; -Pci fuzzes for a minute.
 */
class RunRecordFuzzTest {
    private static final Path FILE = Path.of("fuzz-run.json");

    @FuzzTest(maxDuration = "60s")
    void resumeFields(byte[] input) {
        try {
            RunRecord r = RunRecord.parse(input, FILE);
            r.provenance(); // recipe, settings, seed, backend, device, versions: what a resume reads
            r.intValue("epochs");
        } catch (IOException | IllegalArgumentException e) {
            assertThat(e.getMessage()).contains(FILE.toString());
        }
    }
}
