package dev.adversarial.gan.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;

/**
 * Any bytes given to the .npy reader (samples for `gan evaluate`, noise for `gan sample --z`)
 * either decode to an array whose shape accounts for every value or are refused with an
 * IOException naming the file. Seeds in NpyFuzzTestInputs; -Pci fuzzes for a minute.
 */
class NpyFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void parse(byte[] input) {
        try {
            Npy.Array a = Npy.parse(input, "fuzz.npy");
            long n = 1;
            for (int d : a.shape()) {
                assertThat(d).isNotNegative();
                n *= d;
            }
            assertThat(a.values()).hasSize((int) n);
        } catch (IOException e) {
            assertThat(e.getMessage()).contains("fuzz.npy");
        }
    }
}
