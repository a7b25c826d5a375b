package dev.adversarial.gan.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Any bytes given to the checkpoint reader (`--checkpoint`, `--resume`, the cached evaluation
 * classifiers) either decode to tensors whose shapes match their values or are refused with an
 * IOException naming the file. Seeds in CheckpointFormatFuzzTestInputs (current and first-format
 * checkpoints, a string for a dimension); -Pci fuzzes for a minute.
 */
class CheckpointFormatFuzzTest {
    private static final Path FILE = Path.of("fuzz-checkpoint");

    @FuzzTest(maxDuration = "60s")
    void parse(byte[] input) {
        try {
            Checkpoint c = CheckpointFormat.parse(input, FILE);
            c.tensors().values().forEach(e -> assertThat(java.util.Arrays.stream(e.shape()).min().orElse(0)).isNotNegative());
        } catch (IOException e) {
            assertThat(e.getMessage()).contains(FILE.toString());
        }
    }
}
