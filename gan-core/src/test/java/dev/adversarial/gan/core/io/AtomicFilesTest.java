package dev.adversarial.gan.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void aWriteThatFailsHalfwayLeavesThePreviousFileAndNoLitter() throws IOException {
        Path f = dir.resolve("out.txt");
        AtomicFiles.writeString(f, "good");
        assertThatThrownBy(() -> AtomicFiles.write(f, out -> {
            out.write("half a fi".getBytes());
            throw new IOException("disk full");
        })).hasMessage("disk full");
        assertThat(Files.readString(f)).isEqualTo("good");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(f);
        }
    }

    @Test
    void aBodyThatClosesTheStreamStillProducesTheWholeFile() throws IOException {
        Path f = dir.resolve("closed.bin");
        AtomicFiles.write(f, out -> {
            out.write(new byte[] {1, 2, 3});
            out.close(); // what Jackson and JFreeChart do
        });
        assertThat(Files.readAllBytes(f)).containsExactly(1, 2, 3);
    }

    @Test
    void createsMissingDirectories() throws IOException {
        Path f = dir.resolve("a/b/c.txt");
        AtomicFiles.writeString(f, "x");
        assertThat(Files.readString(f)).isEqualTo("x");
    }
}
