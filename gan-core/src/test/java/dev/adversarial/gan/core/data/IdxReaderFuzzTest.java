package dev.adversarial.gan.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;

/**
 * Any bytes given to the IDX reader (raw or gzipped) either decode to an array that agrees with
 * its header or are refused with an IOException naming the file; anything else (an
 * ArrayIndexOutOfBounds, an OutOfMemoryError from a lying header) is a bug. The seeds in
 * IdxReaderFuzzTestInputs run in every build; -Pci fuzzes for a minute (docs/RELIABILITY.md).
 */
class IdxReaderFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void parse(byte[] input) {
        try {
            IdxReader.IdxArray a = IdxReader.parse(input, "fuzz.idx");
            long n = 1;
            for (int d : a.dims()) {
                n *= d;
            }
            assertThat(a.data()).hasSize((int) n);
        } catch (IOException e) {
            assertThat(e.getMessage()).contains("fuzz.idx");
        }
    }
}
