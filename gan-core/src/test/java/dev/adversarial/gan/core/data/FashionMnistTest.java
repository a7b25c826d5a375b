package dev.adversarial.gan.core.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fashion-MNIST loading on small fake files laid out like the Debian package's. */
class FashionMnistTest {
    @TempDir
    Path dir;

    private void writeFakeFiles(boolean gzipped) throws IOException {
        byte[][] content = {IdxFiles.images(60_000, 2, 2), IdxFiles.labels(60_000), IdxFiles.images(10_000, 2, 2),
            IdxFiles.labels(10_000)};
        for (int i = 0; i < 4; i++) {
            String name = FashionMnist.FILE_NAMES.get(i);
            if (gzipped) {
                Files.write(dir.resolve(name), IdxFiles.gzip(content[i]));
            } else {
                Files.write(dir.resolve(name.substring(0, name.length() - 3)), content[i]);
            }
        }
    }

    @Test
    void loadsTheDebianLayoutWithThePaperSplits() throws IOException {
        writeFakeFiles(true);
        MnistSplits s = FashionMnist.load(dir);
        assertThat(s.train().size()).isEqualTo(50_000);
        assertThat(s.validation().size()).isEqualTo(10_000);
        assertThat(s.test().size()).isEqualTo(10_000);
        assertThat(s.train().name()).isEqualTo("fashion-mnist-train");
        assertThat(s.validation().label(7)).isEqualTo((50_000 + 7) % 10);
        assertThat(s.test().example(9)[1]).isEqualTo(IdxFiles.pixel(9, 1) / 255f);
    }

    @Test
    void acceptsUncompressedCopiesToo() throws IOException {
        writeFakeFiles(false);
        assertThat(FashionMnist.load(dir).test().size()).isEqualTo(10_000);
    }

    @Test
    void aMissingDirectoryNamesTheDebianPackage() {
        Path absent = dir.resolve("nowhere");
        assertThatThrownBy(() -> FashionMnist.load(absent))
                .isInstanceOf(java.nio.file.NoSuchFileException.class)
                .hasMessageContaining(absent.toString())
                .hasMessageContaining("does not exist")
                .hasMessageContaining("apt-get install dataset-fashion-mnist");
    }

    @Test
    void aMissingFileIsNamedWithTheDebianPackage() throws IOException {
        writeFakeFiles(true);
        Files.delete(dir.resolve(FashionMnist.TEST_LABELS));
        assertThatThrownBy(() -> FashionMnist.load(dir))
                .hasMessageContaining(FashionMnist.TEST_LABELS + " missing from " + dir)
                .hasMessageContaining("dataset-fashion-mnist");
    }

    @Test
    void aTrainingFileOfTheWrongSizeCannotBeSplitThePapersWay() throws IOException {
        writeFakeFiles(true);
        Files.write(dir.resolve(FashionMnist.TRAIN_IMAGES), IdxFiles.gzip(IdxFiles.images(100, 2, 2)));
        Files.write(dir.resolve(FashionMnist.TRAIN_LABELS), IdxFiles.gzip(IdxFiles.labels(100)));
        assertThatThrownBy(() -> FashionMnist.load(dir))
                .hasMessageContaining("holds 100 examples")
                .hasMessageContaining("needs the full 60000");
    }

    @Test
    void theSystemCopyLoadsWhenInstalled() throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(DataPaths.FASHION_MNIST_SYSTEM_DIR),
                "dataset-fashion-mnist is not installed");
        MnistSplits s = FashionMnist.load(null);
        assertThat(s.train().exampleDims()).containsExactly(784);
        assertThat(s.train().size() + s.validation().size()).isEqualTo(60_000);
    }

    @Test
    void theDataDirectoryOverrideReachesFashionMnist() throws IOException {
        Path dataDir = dir;
        dir = Files.createDirectories(dataDir.resolve(FashionMnist.SUBDIRECTORY));
        writeFakeFiles(true);
        String before = System.getProperty(DataPaths.PROPERTY);
        System.setProperty(DataPaths.PROPERTY, dataDir.toString());
        try {
            assertThat(FashionMnist.defaultDir()).isEqualTo(dir.toAbsolutePath());
            assertThat(FashionMnist.load().test().size()).isEqualTo(10_000);
        } finally {
            if (before == null) {
                System.clearProperty(DataPaths.PROPERTY);
            } else {
                System.setProperty(DataPaths.PROPERTY, before);
            }
        }
    }
}
