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
        })).hasMessageContaining("Could not write " + f).hasMessageContaining("disk full");
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

    @Test
    void aFullDiskNamesTheFileAndTheFix() {
        Path f = dir.resolve("grid.png");
        // ImageIO wraps the operating system's reason in a message that names neither it nor the file.
        IOException enospc = new IOException("No space left on device");
        assertThatThrownBy(() -> AtomicFiles.write(f, out -> {
            throw new javax.imageio.IIOException("I/O error writing PNG file!", enospc);
        })).hasMessage("Could not write " + f + ": No space left on device; free some space on that file system or"
                + " write somewhere else");
    }

    @Test
    void aDirectoryAsTargetIsRefusedByName() throws IOException {
        Path d = Files.createDirectories(dir.resolve("g.onnx"));
        assertThatThrownBy(() -> AtomicFiles.writeString(d, "x")).hasMessageContaining(d + " is a directory");
    }

    @Test
    void orphanTemporariesAreDeletedAndOtherFilesKept() throws IOException {
        Path orphan = Files.write(dir.resolve(".latest.123456789.tmp"), new byte[100]);
        Path kept = Files.write(dir.resolve("latest"), new byte[3]);
        Path hidden = Files.write(dir.resolve(".notes.tmp"), new byte[3]);
        assertThat(AtomicFiles.deleteOrphans(dir)).isEqualTo(new AtomicFiles.Orphans(1, 100));
        assertThat(orphan).doesNotExist();
        assertThat(kept).exists();
        assertThat(hidden).exists();
    }
}
